"""The activities unit of work: the platform's transaction, with this service's repositories."""

from __future__ import annotations

from activities.adapters.activity_repository import ActivityRepository
from activities.adapters.task_repository import TaskRepository
from crm_platform.unit_of_work import UnitOfWork


class ActivitiesUnitOfWork(UnitOfWork):
    @property
    def tasks(self) -> TaskRepository:
        return TaskRepository(self.session)

    @property
    def activities(self) -> ActivityRepository:
        return ActivityRepository(self.session)
