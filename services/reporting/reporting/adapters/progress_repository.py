"""Loads and saves topic progress."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reporting.adapters.tables import TopicProgressRow
from reporting.domain.progress import TopicProgress


def get(session: Session, topic: str) -> TopicProgress:
    row = session.get(TopicProgressRow, topic)
    if row is None:
        return TopicProgress(topic, 0, None)
    return TopicProgress(row.topic, row.events_applied, row.last_occurred_at)


def save(session: Session, progress: TopicProgress) -> None:
    session.merge(
        TopicProgressRow(
            topic=progress.topic,
            events_applied=progress.events_applied,
            last_occurred_at=progress.last_occurred_at,
        )
    )


def all_progress(session: Session) -> list[TopicProgress]:
    rows = session.scalars(select(TopicProgressRow).order_by(TopicProgressRow.topic))
    return [TopicProgress(r.topic, r.events_applied, r.last_occurred_at) for r in rows]
