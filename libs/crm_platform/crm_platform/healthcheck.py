"""`python -m crm_platform.healthcheck ADDRESS`: exit 0 when the gRPC server there is SERVING.

For container health checks, where no grpc_health_probe binary is at hand.
"""

from __future__ import annotations

import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def is_serving(address: str, timeout: float = 2.0) -> bool:
    with grpc.insecure_channel(address) as channel:
        try:
            response = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(), timeout=timeout
            )
        except grpc.RpcError:
            return False
    return response.status == health_pb2.HealthCheckResponse.SERVING


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m crm_platform.healthcheck HOST:PORT")
    sys.exit(0 if is_serving(sys.argv[1]) else 1)


if __name__ == "__main__":
    main()
