"""Which lock a SQLite transaction takes at BEGIN: readers none, everything else the write lock."""

import sqlite3

import pytest
from sqlalchemy import event, text

from crm_platform.database import make_engine, make_session_factory
from crm_platform.unit_of_work import UnitOfWork


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "service.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)"))
        connection.execute(text("INSERT INTO items VALUES (1, 'first')"))
    yield path, engine
    engine.dispose()


@pytest.fixture
def begins(database):
    _, engine = database
    seen: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _record(_conn, _cursor, statement, *_args) -> None:
        if statement.startswith("BEGIN"):
            seen.append(statement)

    return seen


def test_a_unit_of_work_takes_the_write_lock_at_begin(database, begins):
    _, engine = database
    with UnitOfWork(make_session_factory(engine), "test") as uow:
        uow.session.execute(text("SELECT name FROM items"))
    assert begins == ["BEGIN IMMEDIATE"]


def test_a_read_only_unit_of_work_begins_deferred_and_the_next_one_writes_again(database, begins):
    _, engine = database
    uow = UnitOfWork(make_session_factory(engine), "test")
    with uow.read_only():
        uow.session.execute(text("SELECT name FROM items"))
    with uow:
        uow.session.execute(text("SELECT name FROM items"))
    assert begins == ["BEGIN", "BEGIN IMMEDIATE"]


def test_a_reader_reads_while_another_connection_holds_the_write_lock(database):
    path, engine = database
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE items SET name = 'uncommitted' WHERE id = 1")
        with UnitOfWork(make_session_factory(engine), "test").read_only() as uow:
            name = uow.session.scalar(text("SELECT name FROM items WHERE id = 1"))
        assert name == "first"  # the last committed state, without waiting for the writer
    finally:
        writer.rollback()
        writer.close()


def test_a_read_only_unit_of_work_cannot_commit_and_its_writes_are_rolled_back(database):
    _, engine = database
    uow = UnitOfWork(make_session_factory(engine), "test")
    with pytest.raises(RuntimeError, match="read-only"), uow.read_only():
        uow.session.execute(text("DELETE FROM items"))
        uow.commit()
    with uow:
        assert uow.session.scalar(text("SELECT count(*) FROM items")) == 1
