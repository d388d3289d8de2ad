"""Loads and saves topic progress."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from reporting.adapters.key_match import one_of
from reporting.adapters.tables import TopicProgressRow
from reporting.adapters.upsert import upsert
from reporting.domain.progress import TopicProgress


def get_many(session: Session, topics: Collection[str]) -> dict[str, TopicProgress]:
    """Each topic's progress; a topic without a row yet has applied nothing."""
    found = {topic: TopicProgress(topic, 0, None) for topic in topics}
    rows = session.scalars(
        select(TopicProgressRow).where(one_of(session, TopicProgressRow.topic, list(found)))
    )
    for r in rows:
        found[r.topic] = TopicProgress(r.topic, r.events_applied, r.last_occurred_at)
    return found


def save_many(session: Session, progress: Collection[TopicProgress]) -> None:
    upsert(
        session,
        TopicProgressRow.__table__,
        [
            {"topic": p.topic, "events_applied": p.events_applied,
             "last_occurred_at": p.last_occurred_at}
            for p in progress
        ],
    )  # fmt: skip


def all_progress(session: Session) -> list[TopicProgress]:
    rows = session.scalars(select(TopicProgressRow).order_by(TopicProgressRow.topic))
    return [TopicProgress(r.topic, r.events_applied, r.last_occurred_at) for r in rows]
