"""Calls to the sales service on behalf of a caller, and its messages to and from plain data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message

from crm.sales.v1 import sales_pb2_grpc
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import Identity

M = TypeVar("M", bound=Message)


def call_sales(
    stub: sales_pb2_grpc.SalesServiceStub,
    method: str,
    request: Message,
    identity: Identity,
    correlation_id: str,
    timeout: float,
) -> Message:
    """One RPC; grpc.RpcError propagates to the gateway's one error handler."""
    return getattr(stub, method)(
        request, metadata=outgoing_metadata(identity, correlation_id), timeout=timeout
    )


def input_message(message_type: type[M], data: dict[str, Any]) -> M:
    """A sales *Input message from request fields; None (absent or cleared) stays empty."""
    message = message_type()
    for name, value in data.items():
        if value is None:
            continue
        if name == "amount":
            message.amount.amount = str(value)
        elif name == "currency":
            message.amount.currency = value
        elif isinstance(value, dt.datetime):
            getattr(message, name).FromDatetime(value)
        elif isinstance(value, dt.date):
            setattr(message, name, value.isoformat())
        elif isinstance(value, Decimal):
            setattr(message, name, str(value))
        elif isinstance(value, list):
            getattr(message, name).extend(value)
        else:
            setattr(message, name, value)
    return message


def as_data(message: Message) -> dict[str, Any]:
    """Plain data with every field, empty ones too (the API models decide what is null)."""
    return MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
