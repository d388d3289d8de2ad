"""Event envelopes: every Kafka message is a `crm.events.v1.Envelope` around one payload."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TypeVar

from google.protobuf.message import DecodeError, Message

from crm.events.v1 import envelope_pb2
from crm_platform.request_context import current_correlation_id, current_identity
from crm_platform.topics import BY_NAME

M = TypeVar("M", bound=Message)


class MalformedEvent(ValueError):
    """The bytes are not an envelope we can read: the message goes to the dead-letter topic."""


class ForgedEvent(MalformedEvent):
    """An envelope on a topic its producer does not publish on: refused like a malformed one.
    The broker's ACLs let only the owning service write a topic (prod overlay); this is the
    consumer's own check, against a client that got past them or a broker without them."""


def check_producer(topic: str, envelope: envelope_pb2.Envelope) -> None:
    """ForgedEvent unless the envelope names the producer declared for `topic` (a topic not
    declared in crm_platform.topics, a test's own, has none to check)."""
    declared = BY_NAME.get(topic)
    if declared is None:
        return
    if envelope.producer != declared.producer or envelope.event_type != topic:
        raise ForgedEvent(
            f"{envelope.event_type!r} from {envelope.producer!r} on {topic}: only "
            f"{declared.producer!r} publishes {topic}"
        )


def build_envelope(
    *, topic: str, aggregate_id: str, payload: Message, producer: str
) -> envelope_pb2.Envelope:
    """An envelope stamped with the current caller and correlation id."""
    identity = current_identity()
    envelope = envelope_pb2.Envelope(
        event_id=str(uuid.uuid4()),
        producer=producer,
        aggregate_id=aggregate_id,
        correlation_id=current_correlation_id(),
        actor=envelope_pb2.Actor(user_id=identity.user_id, roles=sorted(identity.roles)),
        event_type=topic,
    )
    envelope.occurred_at.FromDatetime(datetime.now(UTC))
    envelope.payload.Pack(payload)
    return envelope


def parse_envelope(data: bytes | None) -> envelope_pb2.Envelope:
    if not data:
        raise MalformedEvent("empty message")
    envelope = envelope_pb2.Envelope()
    try:
        envelope.ParseFromString(data)
    except DecodeError as exc:
        raise MalformedEvent(f"not an envelope: {exc}") from exc
    if not envelope.event_id or not envelope.event_type or not envelope.payload.type_url:
        raise MalformedEvent("envelope without event_id, event_type or payload")
    try:
        uuid.UUID(envelope.event_id)
    except ValueError as exc:
        raise MalformedEvent(f"event_id is not a UUID: {envelope.event_id!r}") from exc
    return envelope


def unpack(envelope: envelope_pb2.Envelope, message_type: type[M]) -> M:
    """The payload as `message_type`; MalformedEvent if it holds something else."""
    payload = message_type()
    if not envelope.payload.Unpack(payload):
        raise MalformedEvent(
            f"{envelope.event_type} carries {envelope.payload.type_url}, "
            f"not {message_type.DESCRIPTOR.full_name}"
        )
    return payload


def occurred_at(envelope: envelope_pb2.Envelope) -> datetime:
    return envelope.occurred_at.ToDatetime(tzinfo=UTC)
