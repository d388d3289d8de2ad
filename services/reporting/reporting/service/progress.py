"""Use cases on the read models' progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from crm_platform.unit_of_work import UnitOfWork
from reporting.adapters import progress_repository
from reporting.domain.progress import TopicProgress, as_of


@dataclass(frozen=True)
class Status:
    as_of: datetime | None
    topics: list[TopicProgress]


def record_event(session: Session, topic: str, occurred_at: datetime) -> None:
    """Count one applied event; runs inside the consumer's transaction."""
    progress_repository.save(session, progress_repository.get(session, topic).after(occurred_at))


def get_status(uow: UnitOfWork) -> Status:
    with uow.read_only():
        topics = progress_repository.all_progress(uow.session)
    return Status(as_of(topics), topics)
