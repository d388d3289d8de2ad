"""Use cases on the read models' progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crm_platform.unit_of_work import UnitOfWork
from reporting.adapters import progress_repository
from reporting.domain.progress import TopicProgress, as_of


@dataclass(frozen=True)
class Status:
    as_of: datetime | None
    topics: list[TopicProgress]


def get_status(uow: UnitOfWork) -> Status:
    with uow.read_only():
        topics = progress_repository.all_progress(uow.session)
    return Status(as_of(topics), topics)
