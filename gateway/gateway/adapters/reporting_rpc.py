"""Calls to the reporting service on behalf of the caller, and report messages as plain data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message

from crm.reporting.v1 import reporting_pb2_grpc
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import Identity


def call_reporting(
    stub: reporting_pb2_grpc.ReportingServiceStub,
    method: str,
    request: Message,
    identity: Identity,
    correlation_id: str,
    timeout: float,
) -> dict[str, Any]:
    """One RPC; grpc.RpcError propagates to the gateway's one error handler. Unset optional
    figures (no rate where nothing was counted) are left out, so the API shows them as null."""
    reply = getattr(stub, method)(
        request, metadata=outgoing_metadata(identity, correlation_id), timeout=timeout
    )
    return MessageToDict(
        reply, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


def set_window(request: Message, start: datetime | None, end: datetime | None) -> Message:
    """The request's [from_time, to_time); a time without offset is taken as UTC."""
    for field, moment in (("from_time", start), ("to_time", end)):
        if moment is not None:
            aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            getattr(request, field).FromDatetime(aware)
    return request
