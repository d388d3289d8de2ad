"""The fake unit of work keeps the real one's promises: repositories only inside the block,
events only with a commit, no commit from a read-only block."""

from __future__ import annotations

import pytest
from google.protobuf.wrappers_pb2 import StringValue

from crm_platform.fake_unit_of_work import FakeUnitOfWork


def test_events_are_published_with_the_commit_and_dropped_without_it():
    uow = FakeUnitOfWork(things={})
    with uow:
        uow.publish("t.dropped", "a1", StringValue(value="lost"))
    with uow:
        uow.publish("t.kept", "a2", StringValue(value="kept"))
        uow.commit()
    assert [(topic, key) for topic, key, _ in uow.published] == [("t.kept", "a2")]
    assert uow.commits == 1


def test_repositories_are_reached_only_inside_the_block():
    uow = FakeUnitOfWork(things={"k": 1})
    with pytest.raises(RuntimeError):
        _ = uow.things
    with uow:
        assert uow.things == {"k": 1}
    with pytest.raises(AttributeError):
        _ = uow.unknown


def test_a_read_only_block_cannot_commit():
    uow = FakeUnitOfWork()
    with uow.read_only(), pytest.raises(RuntimeError):
        uow.commit()
    with uow:
        uow.commit()
    assert uow.commits == 1
