"""Protobuf timestamps of event payloads as the domain's datetimes."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp


def time_or(stamp: Timestamp, fallback: datetime | None = None) -> datetime | None:
    """A set timestamp as UTC; an unset one (0) is `fallback`."""
    if stamp.seconds == 0 and stamp.nanos == 0:
        return fallback
    return stamp.ToDatetime(tzinfo=UTC)
