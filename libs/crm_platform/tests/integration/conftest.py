"""A writing service on a real database, SQLite file or PostgreSQL, and a lock to hold on it.

`Recorder` answers GetStatus (any unary method would do) by inserting a row into `things` in a
unit of work and naming the row in its answer, so a test sees both what was written and what
the caller was told; `hold_write_lock` holds a real database lock from another connection for
the length of a `with` block, as an import or a slow transaction would.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, insert
from sqlalchemy import select as sql_select
from sqlalchemy.engine import Engine

from crm.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import ServiceBinding
from crm_platform.outbox.tables import platform_metadata
from crm_platform.unit_of_work import UnitOfWork

test_metadata = MetaData()
things = Table(
    "things",
    test_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(50), nullable=False),
)


class Recorder(reporting_pb2_grpc.ReportingServiceServicer):
    def __init__(self, engine: Engine) -> None:
        self._sessions = make_session_factory(engine)
        self.engine = engine
        self.finished = threading.Semaphore(0)  # released as each call ends, however

    def GetStatus(self, request, context):  # noqa: N802 (gRPC's method names)
        try:
            with UnitOfWork(self._sessions, "test") as uow:
                thing_id = uow.session.execute(
                    insert(things).values(name="thing").returning(things.c.id)
                ).scalar_one()
                uow.commit()
            return reporting_pb2.Status(topics=[reporting_pb2.TopicProgress(topic=str(thing_id))])
        finally:
            self.finished.release()

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(sql_select(func.count()).select_from(things))

    def ids(self) -> list[str]:
        with self.engine.connect() as connection:
            return [str(i) for i in connection.scalars(sql_select(things.c.id))]

    def wait_finished(self, calls: int = 1, timeout: float = 10) -> None:
        for _ in range(calls):
            assert self.finished.acquire(timeout=timeout), "the service call never ended"

    @contextmanager
    def hold_write_lock(self) -> Iterator[None]:
        """A real lock from another connection (another engine: not this process's write
        turn): SQLite's write lock, or on PostgreSQL an EXCLUSIVE lock on `things`."""
        other = create_engine(self.engine.url)
        try:
            with other.connect() as connection:
                if other.dialect.name == "sqlite":
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                else:
                    connection.exec_driver_sql("BEGIN")
                    connection.exec_driver_sql("LOCK TABLE things IN EXCLUSIVE MODE")
                try:
                    yield
                finally:
                    connection.exec_driver_sql("ROLLBACK")
        finally:
            other.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def writing_database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'service.db'}"
    cluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database(f"keyed_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def recorder(writing_database_url, grpc_channel_to):
    """(Recorder, stub) on a fresh database, served by the platform's gRPC server."""
    engine = make_engine(writing_database_url, pool_size=4)
    platform_metadata.create_all(engine)
    test_metadata.create_all(engine)
    servicer = Recorder(engine)
    channel = grpc_channel_to(
        [
            ServiceBinding(
                reporting_pb2_grpc.add_ReportingServiceServicer_to_server,
                servicer,
                "crm.reporting.v1.ReportingService",
            )
        ]
    )
    yield servicer, reporting_pb2_grpc.ReportingServiceStub(channel)
    engine.dispose()
