"""Engines and sessions for a service's own database: SQLite by default, PostgreSQL when set."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from crm_platform.request_context import seconds_left
from crm_platform.sqlite_write_turn import WriteTurn

# A writer waits this long for another (e.g. the outbox relay) instead of failing with
# "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 30_000

# The connection execution option a transaction that will only read is opened with
# (`UnitOfWork.read_only()`); other transactions may write.
READ_ONLY = "crm_read_only"

# Per connection: pages kept in memory (negative: KiB), 16 MiB each of a pool's connections.
SQLITE_CACHE_KIB = 16_384
# Reads map the file instead of copying every page through read(); the OS shares the mapping.
SQLITE_MMAP_BYTES = 256 * 1024 * 1024


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, pool_size)
    engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
    event.listen(engine, "begin", _lock_wait_within_deadline)
    return engine


def _lock_wait_within_deadline(connection) -> None:
    # A transaction of a call with a deadline waits for a row lock until then at most: past
    # it the caller has gone, and it could not commit anyway (see crm_platform.deadlines).
    left = seconds_left()
    if left is not None:
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {max(1, int(left * 1000))}")


def _sqlite_engine(url: str, pool_size: int) -> Engine:
    database = make_url(url).database
    in_memory = not database or database == ":memory:"
    if not in_memory:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # A file database keeps its connections open between transactions (opening one re-reads the
    # schema and runs the pragmas below); enough of them that each server thread has its own.
    pooling = {} if in_memory else {"pool_size": pool_size, "max_overflow": pool_size}
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        **pooling,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        # pysqlite's own BEGIN handling would defer every transaction's lock; `_begin` below
        # chooses per transaction instead.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL lets readers read while a writer writes; NORMAL sync is durable under WAL
        # against a process crash, which is the failure the outbox guards against.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # A transaction that may write takes the write lock at BEGIN IMMEDIATE: with a deferred
        # BEGIN, two transactions that read and then write can each hold a read snapshot the
        # other's write would invalidate, and SQLite fails one at once ("database is locked")
        # instead of letting it wait. A transaction that only reads never upgrades, so it
        # starts deferred and reads its WAL snapshot beside the writer, never queueing behind it.
        if connection.get_execution_options().get(READ_ONLY, False):
            connection.exec_driver_sql("BEGIN")
        else:
            write_turn.begin(connection)

    write_turn = WriteTurn(SQLITE_BUSY_TIMEOUT_MS / 1000)
    # Before the COMMIT or ROLLBACK statement runs: the next writer's BEGIN IMMEDIATE meets
    # SQLite's lock for at most that statement, at the busy handler's shortest sleeps.
    event.listen(engine, "commit", write_turn.end)
    event.listen(engine, "rollback", write_turn.end)

    @event.listens_for(engine.pool, "reset")
    def _reset(_dbapi_connection, connection_record, _reset_state) -> None:
        write_turn.hand_on(connection_record.info)

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
