"""On SQLite the relay holds no write lock while Kafka acknowledges, then marks what it sent."""

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, insert, select

from crm_platform.database import make_engine, make_session_factory
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.outbox.tables import outbox, platform_metadata


class _Sent:
    def get(self, timeout: float) -> None:
        pass


class _ProducerCheckingTheLock:
    """Sends nothing; while 'waiting for acks' it takes the write lock as a command would."""

    def __init__(self, path) -> None:
        self._path = path
        self.sent: list[str] = []

    def send(self, topic: str, key: bytes, value: bytes) -> _Sent:
        self.sent.append(key.decode())
        return _Sent()

    def flush(self, timeout: float) -> None:
        command = sqlite3.connect(self._path, timeout=0, isolation_level=None)
        try:
            command.execute("BEGIN IMMEDIATE")  # "database is locked" at once if the relay held it
            command.execute("ROLLBACK")
        finally:
            command.close()


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "service.db"
    engine = make_engine(f"sqlite:///{path}")
    platform_metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(outbox),
            [
                dict(event_id=f"e{i}", topic="t", key=f"k{i}", payload=b"x",
                     created_at=datetime.now(UTC))
                for i in range(3)
            ],
        )  # fmt: skip
    yield path, engine
    engine.dispose()


def test_a_batch_is_sent_without_the_write_lock_then_marked_sent(database):
    path, engine = database
    begins: list[str] = []
    event.listen(
        engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_: (
            begins.append(statement) if statement.startswith("BEGIN") else None
        ),
    )
    producer = _ProducerCheckingTheLock(path)
    relay = OutboxRelay(make_session_factory(engine), producer)  # type: ignore[arg-type]

    assert relay.relay_once() == 3
    assert producer.sent == ["k0", "k1", "k2"]
    assert begins == ["BEGIN", "BEGIN IMMEDIATE"]  # read deferred, marked under the lock
    with engine.connect() as connection:
        assert None not in connection.scalars(select(outbox.c.sent_at)).all()
    assert relay.relay_once() == 0
