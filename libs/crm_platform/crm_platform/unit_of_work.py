"""The unit of work: one database transaction holding a change and the events it causes."""

from __future__ import annotations

from datetime import UTC, datetime
from types import TracebackType

from google.protobuf.message import Message
from sqlalchemy import insert
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from crm_platform.database import READ_ONLY
from crm_platform.deadlines import ensure_time_to_commit
from crm_platform.envelope import build_envelope
from crm_platform.idempotency.keyed_call import KeyedCall, current_keyed_call
from crm_platform.outbox.tables import outbox

# One statement, its values given as parameters: `insert().values(...)` built a new statement
# per event, and SQLAlchemy then keyed its compiled-SQL cache on every value (a sixth of a
# lead's creation).
_INSERT_EVENT = insert(outbox)


class UnitOfWork:
    """`with uow: ...; uow.publish(...); uow.commit()` — anything not committed is rolled back.

    Events given to `publish` are written to the outbox table in the same transaction as the
    change, so they exist exactly when the change does; the relay sends them afterwards.

    A use case that only reads opens `with uow.read_only(): ...` instead: its transaction takes
    no write lock (on SQLite), so it never waits for a writer, and it cannot commit.

    Nothing commits once the caller's deadline passed (DeadlineExceeded, rolled back). In a
    call with an Idempotency-Key, the blocks that write share the call's transaction, each one
    a savepoint, and the gRPC server commits it with the key's answer (see
    crm_platform.idempotency.keyed_call); a retry of a call made before replays at `with`.
    """

    def __init__(self, session_factory: sessionmaker[Session], producer: str) -> None:
        self._session_factory = session_factory
        self.producer = producer
        self._session: Session | None = None
        self._read_only = False
        # In a keyed call: the savepoint of this block (None while a read-only block shares
        # the call's transaction).
        self._call: KeyedCall | None = None
        self._savepoint: SessionTransaction | None = None

    def read_only(self) -> UnitOfWork:
        """This unit, to be entered for a transaction that reads and never commits."""
        self._read_only = True
        return self

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is not open: use it in a `with` block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        call = current_keyed_call()
        if call is not None:
            call.look_up_once(self._session_factory)
            if call.session is not None or not self._read_only:
                return self._enter_call(call)
        self._session = self._session_factory()
        if self._read_only:
            # The transaction begins here, so the engine's BEGIN sees the option.
            self._session.connection(execution_options={READ_ONLY: True})
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._call is not None:
            self._leave_call()
            return
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self._session = None
            self._read_only = False

    def _enter_call(self, call: KeyedCall) -> UnitOfWork:
        self._call = call
        self._session = call.open_session(self._session_factory)
        if not self._read_only:
            self._savepoint = self._session.begin_nested()
        return self

    def _leave_call(self) -> None:
        try:
            if self._savepoint is not None and self._savepoint.is_active:
                self._savepoint.rollback()
        finally:
            self._call = self._savepoint = self._session = None
            self._read_only = False

    def publish(self, topic: str, aggregate_id: str, payload: Message) -> str:
        """Record an event for `topic`, keyed by `aggregate_id`; returns its event id."""
        return publish_in(self.session, self.producer, topic, aggregate_id, payload)

    def commit(self) -> None:
        if self._read_only:
            # It began without the write lock, so a write in it could fail where a writer
            # would wait; whatever it wrote is rolled back when the block ends.
            raise RuntimeError("a read-only unit of work cannot commit")
        try:
            ensure_time_to_commit()
        except BaseException:
            self.rollback()
            raise
        if self._call is None:
            self.session.commit()
            return
        assert self._savepoint is not None
        self._savepoint.commit()
        self._call.wrote = True
        # What the block does after its commit is its own again, undone unless committed.
        self._savepoint = self.session.begin_nested()

    def rollback(self) -> None:
        if self._call is None:
            self.session.rollback()
            return
        if self._savepoint is not None:
            self._savepoint.rollback()
            self._savepoint = self.session.begin_nested()


def publish_in(
    session: Session, producer: str, topic: str, aggregate_id: str, payload: Message
) -> str:
    """`UnitOfWork.publish` on a session opened elsewhere (an event consumer's, whose transaction
    also records the consumed event): the event exists exactly when that transaction commits."""
    envelope = build_envelope(
        topic=topic, aggregate_id=aggregate_id, payload=payload, producer=producer
    )
    session.execute(
        _INSERT_EVENT,
        {
            "event_id": envelope.event_id,
            "topic": topic,
            "key": aggregate_id,
            "payload": envelope.SerializeToString(),
            "created_at": datetime.now(UTC),
        },
    )
    return envelope.event_id
