"""Protobuf messages to and from plain data, for the clients alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import BaseModel

M = TypeVar("M", bound=Message)
V = TypeVar("V", bound=BaseModel)


def input_message(message_type: type[M], data: dict[str, Any]) -> M:
    """An *Input message from request fields; None (absent or cleared) stays empty."""
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
    """Plain data with every field, empty ones too (the view models decide what is null)."""
    return MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


def as_model(model: type[V], message: Message) -> V:
    return model.model_validate(as_data(message))


def as_page(model: type[V], reply: Message) -> V:
    """A list reply as the API's {"items", "next_page_token", "total"} model."""
    data = as_data(reply)
    return model.model_validate(
        {
            "items": data.get("items", []),
            "next_page_token": data.get("next_page_token") or None,
            "total": int(data.get("total", 0)),
        }
    )


def query_fields(query: BaseModel) -> dict[str, Any]:
    """A list query's fields as a request's: an absent filter is the empty string, a date or
    an amount the text the service parses."""
    return {
        name: text(value) if value is None or isinstance(value, dt.date | Decimal) else value
        for name, value in query
    }


def moment(message: Message, name: str) -> dt.datetime | None:
    """A Timestamp field as an aware datetime; None when the service left it unset."""
    return getattr(message, name).ToDatetime(tzinfo=dt.UTC) if message.HasField(name) else None


def stamp(value: dt.datetime | None) -> Timestamp | None:
    if value is None:
        return None
    result = Timestamp()
    result.FromDatetime(value)
    return result


def text(value: Any) -> str:
    """A request field as the text a service parses; None (cleared) is empty."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)
