"""One gRPC channel per service, opened once per app and shared by every request and client."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

SERVING = "SERVING"
UNREACHABLE = "unreachable"

# Keepalive pings find a half-open connection (a pod gone without a FIN) before a request
# waits out its deadline on it; channels are reused for the life of the process.
CHANNEL_OPTIONS = (
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.keepalive_timeout_ms", 10_000),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.max_pings_without_data", 0),
)
# The UI asks for the services' health on every page (its banner): an answer this recent is
# reused, so a page pays no health round trip, and a service that went down shows within it.
HEALTH_MAX_AGE_SECONDS = 3.0


class ServiceChannels:
    def __init__(self, addresses: Mapping[str, str]) -> None:
        # Channels connect lazily, so building them needs no service to be up.
        self._channels = {
            name: grpc.insecure_channel(addr, options=CHANNEL_OPTIONS)
            for name, addr in addresses.items()
        }
        self.health_max_age = HEALTH_MAX_AGE_SECONDS
        self._health_lock = threading.Lock()
        self._health: tuple[float, dict[str, str]] = (float("-inf"), {})

    def __getitem__(self, name: str) -> grpc.Channel:
        return self._channels[name]

    def health(self, timeout: float) -> dict[str, str]:
        """Each service's grpc.health.v1 status, asked of all at once within `timeout`, or
        the answer of at most `health_max_age` seconds ago."""
        # Threads arriving while one asks wait for its answer rather than ask too.
        with self._health_lock:
            asked_at, states = self._health
            if time.monotonic() - asked_at >= self.health_max_age:
                states = self._ask_health(timeout)
                self._health = (time.monotonic(), states)
            return dict(states)

    def _ask_health(self, timeout: float) -> dict[str, str]:
        request = health_pb2.HealthCheckRequest(service="")
        pending = {
            name: health_pb2_grpc.HealthStub(channel).Check.future(request, timeout=timeout)
            for name, channel in self._channels.items()
        }
        states: dict[str, str] = {}
        for name, future in pending.items():
            try:
                response = future.result()
                states[name] = health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)
            except grpc.RpcError as error:
                unavailable = error.code() in (
                    grpc.StatusCode.UNAVAILABLE,
                    grpc.StatusCode.DEADLINE_EXCEEDED,
                )
                states[name] = UNREACHABLE if unavailable else error.code().name
        return states

    def close(self) -> None:
        for channel in self._channels.values():
            channel.close()
