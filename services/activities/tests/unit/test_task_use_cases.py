"""The task use cases on a FakeUnitOfWork and a fake directory of the records' owners'
answers: defaults, the related record's check, who may see and change, what is published."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import pytest
from activities.domain.commands import NewTask, TaskFilter
from activities.domain.task import Task
from activities.service import tasks
from activities.service.events import TASK_COMPLETED, TASK_CREATED

from crm_platform.errors import NotFound, PermissionDenied, Unavailable
from crm_platform.fake_unit_of_work import FakeUnitOfWork
from crm_platform.paging import Page
from crm_platform.request_context import Identity, bound, current_identity

REP = Identity("rep", frozenset({"sales"}))
OTHER_REP = Identity("rep-2", frozenset({"sales"}))
MANAGER = Identity("boss", frozenset({"manager"}))
DUE = datetime.now(UTC) + timedelta(days=1)


@dataclass
class FakeRecords:
    """What the owners would say: which (type, id) the current caller can see."""

    visible: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    down: bool = False

    def can_see(self, related_type: str, related_id: str) -> bool:
        if self.down:
            raise Unavailable("sales is down")
        return (related_type, related_id) in self.visible.get(current_identity().user_id, set())


@dataclass
class FakeTasks:
    by_id: dict[str, Task] = field(default_factory=dict)

    def add(self, task: Task) -> None:
        self.by_id[task.id] = task

    def get(self, task_id: str, *, for_update: bool = False) -> Task | None:
        return self.by_id.get(task_id)

    def update(self, task: Task, *, action: str = "updated") -> None:
        self.by_id[task.id] = task

    def page(self, given: TaskFilter, scope, *, now, size, token) -> Page:
        items = [
            t
            for t in self.by_id.values()
            if scope.everything or scope.user_id in (t.owner_id, t.author_id)
        ]
        return Page(items, None, len(items))


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork(tasks=FakeTasks())


@pytest.fixture
def records() -> FakeRecords:
    return FakeRecords({"rep": {("deal", "d1")}, "boss": {("deal", "d1")}})


def create(uow, records, caller=REP, **given) -> Task:
    command = replace(NewTask(subject="Call back", due_at=DUE), **given)
    with bound(caller, "c"):
        return tasks.create_task(uow, command, records=records)


def test_owner_defaults_to_the_caller_and_task_created_is_published(uow, records) -> None:
    task = create(uow, records, related_type="deal", related_id="d1")
    assert (task.owner_id, task.author_id, task.state) == ("rep", "rep", "open")
    assert [(t, key) for t, key, _ in uow.published] == [(TASK_CREATED, task.id)]


def test_a_record_the_caller_cannot_see_is_not_found_on_related_id(uow, records) -> None:
    with pytest.raises(NotFound) as missing:
        create(uow, records, caller=OTHER_REP, related_type="deal", related_id="d1")
    assert missing.value.message.startswith("related_id:")
    assert uow.commits == 0


def test_nothing_is_written_when_the_owner_cannot_say(uow, records) -> None:
    records.down = True
    with pytest.raises(Unavailable):
        create(uow, records, related_type="deal", related_id="d1")
    assert uow.commits == 0


def test_another_rep_neither_sees_nor_changes_a_task_on_a_record_hidden_from_them(
    uow, records
) -> None:
    task = create(uow, records, related_type="deal", related_id="d1")
    with bound(OTHER_REP, "c"), pytest.raises(NotFound):
        tasks.get_task(uow, task.id, records=records)
    records.visible["rep-2"] = {("deal", "d1")}
    with bound(OTHER_REP, "c"):
        assert tasks.get_task(uow, task.id, records=records) == task
        with pytest.raises(PermissionDenied):
            tasks.complete_task(uow, task.id, "done", records=records)


def test_a_manager_reassigns_and_the_owner_completes(uow, records) -> None:
    task = create(uow, records)
    with bound(MANAGER, "c"):
        moved = tasks.update_task(uow, task.id, {"owner_id": "rep-2"}, records=records)
    assert moved.owner_id == "rep-2"
    with bound(OTHER_REP, "c"):
        done = tasks.complete_task(uow, task.id, "Called", records=records)
    assert done.state == "done"
    assert uow.published[-1][0] == TASK_COMPLETED
