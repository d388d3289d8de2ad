"""Builds a service's gRPC server and runs it until SIGTERM or SIGINT."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent import futures
from dataclasses import dataclass
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from crm_platform.grpc_server.interceptors import ServerInterceptor
from crm_platform.identity_token import IdentityVerifier
from crm_platform.settings import IdentityTrustSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServiceBinding:
    """One gRPC service to serve: its `add_XServicer_to_server` function and implementation."""

    add_to_server: Callable[[Any, grpc.Server], None]
    servicer: Any
    full_name: str  # e.g. "crm.sales.v1.SalesService", for health and reflection


class RunningServer:
    def __init__(self, server: grpc.Server, health_servicer: health.HealthServicer, port: int):
        self.server = server
        self.health = health_servicer
        self.port = port

    def stop(self, grace: float = 5.0) -> None:
        # Say NOT_SERVING first so that load balancers stop sending before the drain.
        self.health.enter_graceful_shutdown()
        self.server.stop(grace).wait()


def start_server(
    address: str,
    bindings: Sequence[ServiceBinding],
    *,
    workers: int = 16,
    verifier: IdentityVerifier | None = None,
) -> RunningServer:
    """Start serving `bindings` on `address` (host:port; port 0 picks a free one), believing
    the callers `verifier` vouches for (by default, the keys the environment names)."""
    verifier = verifier or IdentityTrustSettings().identity_verifier()
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grpc"),
        interceptors=[ServerInterceptor(verifier)],
        options=[("grpc.so_reuseport", 0)],
    )
    health_servicer = health.HealthServicer(experimental_non_blocking=True)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for binding in bindings:
        binding.add_to_server(binding.servicer, server)
    names = [b.full_name for b in bindings]
    reflection.enable_server_reflection(
        [
            *names,
            health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
            reflection.SERVICE_NAME,
        ],
        server,
    )
    port = server.add_insecure_port(address)
    if port == 0:
        raise RuntimeError(f"cannot listen on {address}")
    server.start()
    for name in ["", *names]:
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    log.info("gRPC listening on %s (port %d): %s", address, port, ", ".join(names))
    return RunningServer(server, health_servicer, port)
