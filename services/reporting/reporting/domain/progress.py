"""How far the read models are: events applied per topic, and the newest event's time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TopicProgress:
    topic: str
    events_applied: int
    last_occurred_at: datetime | None

    def after(self, occurred_at: datetime) -> TopicProgress:
        """The progress once one more event, which occurred at `occurred_at`, is applied.

        Events of different aggregates interleave across partitions, so an event can be older
        than one applied before it: the newest time wins, never the latest arrival.
        """
        newest = occurred_at
        if self.last_occurred_at is not None and self.last_occurred_at > occurred_at:
            newest = self.last_occurred_at
        return TopicProgress(self.topic, self.events_applied + 1, newest)


def as_of(progress: list[TopicProgress]) -> datetime | None:
    """The time of the newest event applied on any topic (None before the first)."""
    times = [p.last_occurred_at for p in progress if p.last_occurred_at is not None]
    return max(times, default=None)
