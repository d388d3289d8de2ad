"""Calls to the service desk's gRPC API on behalf of the current caller (or of nobody, for the
public survey answer); grpc.RpcError propagates to the one error handler."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from crm.service_desk.v1 import service_desk_pb2_grpc
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import current_correlation_id, current_identity
from gateway.http.current import current_gateway


def desk(method: str, request: Message) -> Any:
    """`method` of the service desk, with the app's stub and deadline."""
    gateway = current_gateway()
    return call(
        gateway.channels.service_desk, method, request, gateway.settings.grpc_deadline_seconds
    )


def call(
    stub: service_desk_pb2_grpc.ServiceDeskServiceStub,
    method: str,
    request: Message,
    timeout: float,
) -> Any:
    metadata = outgoing_metadata(current_identity(), current_correlation_id())
    return getattr(stub, method)(request, metadata=metadata, timeout=timeout)


def moment(message: Message, name: str) -> datetime | None:
    """A Timestamp field as an aware datetime; None when the service left it unset."""
    return getattr(message, name).ToDatetime(tzinfo=UTC) if message.HasField(name) else None


def stamp(value: datetime | None) -> Timestamp | None:
    if value is None:
        return None
    result = Timestamp()
    result.FromDatetime(value)
    return result
