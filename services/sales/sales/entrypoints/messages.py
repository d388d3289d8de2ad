"""Sales records to protobuf messages and back, by field name, so each RPC stays one line.

Inputs: on create every field sent (non-empty) counts; on update only the `update_mask` names,
where an empty value clears. A deal's Money splits into `amount` and `currency`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from crm.common.v1 import money_pb2
from crm_platform.paging import Page
from sales.domain.listing import Listing, listing

M = TypeVar("M", bound=Message)


def input_values(message: Message, update_mask: Iterable[str] | None = None) -> dict[str, Any]:
    """The values `message` carries: all that were sent, or only those `update_mask` names."""
    known = message.DESCRIPTOR.fields_by_name
    if update_mask is None:
        names = [f.name for f in message.DESCRIPTOR.fields if _sent(message, f)]
        if "amount" in names:
            names.append("currency")
    else:
        names = list(dict.fromkeys(update_mask))
    values: dict[str, Any] = {}
    for name in names:
        if name == "currency" and "amount" in known:
            values[name] = message.amount.currency
        elif name not in known:
            values[name] = None  # the domain reports it as a field that cannot be set
        else:
            values[name] = _value(message, known[name])
    return values


def _sent(message: Message, field: FieldDescriptor) -> bool:
    if field.message_type is not None and not field.is_repeated:
        return message.HasField(field.name)
    return bool(getattr(message, field.name))


def _value(message: Message, field: FieldDescriptor) -> Any:
    value = getattr(message, field.name)
    if field.is_repeated:
        return list(value)
    if isinstance(value, Timestamp):
        return value.ToDatetime(tzinfo=UTC) if message.HasField(field.name) else None
    if isinstance(value, money_pb2.Money):
        return value.amount
    return value


def to_message(message_type: type[M], record: Any) -> M:
    """A message with every field of `record` that the message has, converted by type."""
    message = message_type()
    names = message.DESCRIPTOR.fields_by_name
    for field in fields(record):
        if field.name not in names:
            continue
        value = getattr(record, field.name)
        if value is None:
            continue
        if isinstance(value, datetime):
            getattr(message, field.name).FromDatetime(value)
        elif isinstance(value, Decimal):
            getattr(message, field.name).CopyFrom(
                money_pb2.Money(amount=f"{value:.2f}", currency=record.currency)
            )
        elif isinstance(value, date):
            setattr(message, field.name, value.isoformat())
        elif isinstance(value, tuple):
            getattr(message, field.name).extend(value)
        else:
            setattr(message, field.name, value)
    return message


def list_request(kind: str, request: Message) -> Listing:
    """A List*Request's filters, ranges and sort, checked (domain/listing.py)."""
    return listing(kind, {f.name: getattr(request, f.name) for f in request.DESCRIPTOR.fields})


def page_message(response_type: type[M], item_type: type[Message], page: Page) -> M:
    return response_type(
        items=[to_message(item_type, item) for item in page.items],
        next_page_token=page.next_page_token or "",
        total=page.total,
    )
