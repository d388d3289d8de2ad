"""Writers of one SQLite database in one process take turns: none fails, none keeps the turn."""

import threading

import pytest
from sqlalchemy import text

from crm_platform.database import make_engine, make_session_factory
from crm_platform.unit_of_work import UnitOfWork

WRITERS, WRITES_EACH = 8, 25


@pytest.fixture
def sessions(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'service.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)"))
        connection.execute(text("INSERT INTO counter VALUES (1, 0)"))
    yield make_session_factory(engine)
    engine.dispose()


def increment(sessions) -> None:
    with UnitOfWork(sessions, "test") as uow:
        # Read, then write: two such transactions interleaved would lose an increment.
        value = uow.session.execute(text("SELECT value FROM counter")).scalar_one()
        uow.session.execute(text("UPDATE counter SET value = :v"), {"v": value + 1})
        uow.commit()


def test_concurrent_writers_all_succeed_and_lose_nothing(sessions):
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for _ in range(WRITES_EACH):
                increment(sessions)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with UnitOfWork(sessions, "test").read_only() as uow:
        total = uow.session.execute(text("SELECT value FROM counter")).scalar_one()
    assert total == WRITERS * WRITES_EACH


def test_a_failed_or_abandoned_writer_hands_the_turn_on(sessions):
    with pytest.raises(RuntimeError), UnitOfWork(sessions, "test") as uow:
        uow.session.execute(text("UPDATE counter SET value = 100"))
        raise RuntimeError("the use case failed after writing")
    with UnitOfWork(sessions, "test") as uow:
        uow.session.execute(text("UPDATE counter SET value = 1"))  # never committed
    done = threading.Event()

    def another_thread_writes() -> None:
        increment(sessions)
        done.set()

    threading.Thread(target=another_thread_writes).start()
    # Were the turn kept, the writer would wait the full busy timeout (30 s).
    assert done.wait(timeout=10)
    with UnitOfWork(sessions, "test").read_only() as uow:
        assert uow.session.execute(text("SELECT value FROM counter")).scalar_one() == 1
