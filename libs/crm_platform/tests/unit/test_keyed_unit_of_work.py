"""The unit of work in a keyed call (its blocks share one transaction, settled with the key's
answer) and past the caller's deadline (nothing commits), on a real SQLite file."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select

from crm_platform.database import make_engine, make_session_factory
from crm_platform.deadlines import DeadlineExceeded
from crm_platform.idempotency.keyed_call import KeyedCall, Replay, StoredAnswer, keyed
from crm_platform.idempotency.tables import idempotency_keys
from crm_platform.outbox.tables import platform_metadata
from crm_platform.request_context import seconds_left, within
from crm_platform.unit_of_work import UnitOfWork

metadata = MetaData()
things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String))


@pytest.fixture
def sessions(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'service.db'}")
    platform_metadata.create_all(engine)
    metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def add(sessions, name: str, *, commit: bool = True) -> None:
    with UnitOfWork(sessions, "test") as uow:
        uow.session.execute(insert(things).values(name=name))
        if commit:
            uow.commit()


def names(sessions) -> list[str]:
    with UnitOfWork(sessions, "test").read_only() as uow:
        return list(uow.session.scalars(select(things.c.name).order_by(things.c.id)))


def count_keys(sessions) -> int:
    with UnitOfWork(sessions, "test").read_only() as uow:
        return uow.session.scalar(select(func.count()).select_from(idempotency_keys))


def test_a_keyed_calls_blocks_commit_together_when_it_is_settled(sessions):
    call = KeyedCall.of("rep-1", "k", "/svc/Method", b"request")
    with keyed(call):
        add(sessions, "first")
        add(sessions, "undone", commit=False)  # rolled back alone: its savepoint
        add(sessions, "second")
        # A block reading in the call sees the call's writes.
        assert names(sessions) == ["first", "second"]
        call.settle(StoredAnswer(0, b"answer"))
    assert names(sessions) == ["first", "second"]
    assert count_keys(sessions) == 1


def test_a_keyed_call_not_settled_writes_nothing(sessions):
    with keyed(KeyedCall.of("rep-1", "k", "/svc/Method", b"request")):
        add(sessions, "lost")
    assert names(sessions) == [] and count_keys(sessions) == 0


def test_a_call_that_changed_nothing_keeps_no_key(sessions):
    call = KeyedCall.of("rep-1", "k", "/svc/Method", b"request")
    with keyed(call):
        add(sessions, "refused", commit=False)
        call.settle(StoredAnswer(0, b"answer"))
    assert count_keys(sessions) == 0


def test_the_same_call_again_replays_before_it_changes_anything(sessions):
    first = KeyedCall.of("rep-1", "k", "/svc/Method", b"request")
    with keyed(first):
        add(sessions, "once")
        first.settle(StoredAnswer(0, b"the first answer"))
    with (
        keyed(KeyedCall.of("rep-1", "k", "/svc/Method", b"request")),
        pytest.raises(Replay) as replay,
    ):
        add(sessions, "twice")
    assert replay.value.stored == StoredAnswer(0, b"the first answer")
    assert names(sessions) == ["once"]
    # Another request, caller or key is another call.
    others = [("rep-1", "k", "/svc/Method", b"other"), ("rep-2", "k", "/svc/Method", b"request"),
              ("rep-1", "k2", "/svc/Method", b"request")]  # fmt: skip
    for other in others:
        assert KeyedCall.of(*other).record_id != first.record_id


def test_nothing_commits_once_the_callers_deadline_passed(sessions):
    with within(0.05), UnitOfWork(sessions, "test") as uow:
        uow.session.execute(insert(things).values(name="late"))
        time.sleep(0.1)
        with pytest.raises(DeadlineExceeded):
            uow.commit()
    assert names(sessions) == []


def test_a_settled_call_past_its_deadline_is_rolled_back(sessions):
    call = KeyedCall.of("rep-1", "k", "/svc/Method", b"request")
    with within(0.3), keyed(call):
        add(sessions, "in time")
        time.sleep(0.3)
        with pytest.raises(DeadlineExceeded):
            call.settle(StoredAnswer(0, b"answer"))
    assert names(sessions) == [] and count_keys(sessions) == 0


def test_a_deadline_inside_another_only_shortens_it():
    assert seconds_left() is None
    with within(10, "key"):
        with within(60):
            assert 9 < seconds_left() <= 10
        with within(None):
            assert 9 < seconds_left() <= 10
    assert seconds_left() is None
