"""One call that came with an Idempotency-Key: its writes and its answer commit together.

The gRPC server binds a KeyedCall for the call (`keyed`); the unit of work then runs every
writing block of the call in one transaction, each block a savepoint (its commit releases it,
its rollback undoes only it), and the server settles the call once the answer is known: the
key's row, holding the answer, is inserted and the transaction committed. So the key is
recorded exactly when the write is, and a retry finds the first answer whatever the caller
saw (a deadline, a dropped connection, a killed gateway worker).

A retry that finds the row raises Replay at its first unit of work (before it changes
anything); one racing the first call meets the row's primary key when it settles, rolls back
and replays. A call that changed nothing records nothing: a refusal is answered afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from crm_platform.database import READ_ONLY
from crm_platform.deadlines import ensure_time_to_commit
from crm_platform.idempotency.tables import idempotency_keys

# As the gateway's API promises: the same key and request within a day answers the first result.
KEY_LIFETIME = timedelta(hours=24)
OK = 0


@dataclass(frozen=True)
class StoredAnswer:
    status_code: int  # a gRPC status code's value; 0 for OK
    response: bytes  # the response message, or the error's google.rpc.Status


class Replay(BaseException):
    """The call was made before: answer `stored`. A BaseException, so that no use case's
    `except Exception` takes it for a failure of its own."""

    def __init__(self, stored: StoredAnswer) -> None:
        super().__init__("replay")
        self.stored = stored


@dataclass
class KeyedCall:
    record_id: str
    user_id: str
    method: str
    # The call's one writing transaction, opened by its first writing unit of work.
    session: Session | None = None
    session_factory: sessionmaker[Session] | None = None
    looked_up: bool = False
    wrote: bool = False  # a block committed (released its savepoint) into the transaction

    @classmethod
    def of(cls, user_id: str, key: str, method: str, request: bytes) -> KeyedCall:
        digest = hashlib.sha256()
        for part in (user_id.encode(), key.encode(), method.encode(), request):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return cls(digest.hexdigest(), user_id, method)

    def look_up_once(self, session_factory: sessionmaker[Session]) -> None:
        """Replay if the call was made before (asked once, at the call's first unit of work)."""
        self.session_factory = session_factory
        if not self.looked_up:
            self.looked_up = True
            self._replay_if_stored()

    def open_session(self, session_factory: sessionmaker[Session]) -> Session:
        if self.session is None:
            self.session = session_factory()
        return self.session

    def settle(self, stored: StoredAnswer) -> None:
        """Commit the call's writes with `stored` as the key's answer, or roll back if the call
        wrote nothing. Replay if another call under the key committed first; DeadlineExceeded
        (rolled back) if the caller gave up."""
        session, self.session = self.session, None
        if session is None:
            return
        try:
            if not self.wrote:
                return
            ensure_time_to_commit()
            now = datetime.now(UTC)
            session.execute(delete(idempotency_keys).where(idempotency_keys.c.expires_at <= now))
            session.execute(
                insert(idempotency_keys),
                {
                    "id": self.record_id,
                    "user_id": self.user_id,
                    "method": self.method,
                    "status_code": stored.status_code,
                    "response": stored.response,
                    "created_at": now,
                    "expires_at": now + KEY_LIFETIME,
                },
            )
            session.commit()
        except IntegrityError:
            session.rollback()
            self._replay_if_stored()
            raise
        finally:
            session.rollback()
            session.close()

    def abandon(self) -> None:
        """Roll back whatever the call wrote (it failed with no answer worth keeping)."""
        session, self.session = self.session, None
        if session is not None:
            session.rollback()
            session.close()

    def replay_if_stored(self) -> None:
        """After a failure: a racing call under the same key may have answered meanwhile."""
        if self.session_factory is not None:
            self._replay_if_stored()

    def _replay_if_stored(self) -> None:
        assert self.session_factory is not None
        with self.session_factory() as session:
            session.connection(execution_options={READ_ONLY: True})
            row = session.execute(
                select(idempotency_keys.c.status_code, idempotency_keys.c.response).where(
                    idempotency_keys.c.id == self.record_id,
                    idempotency_keys.c.expires_at > datetime.now(UTC),
                )
            ).one_or_none()
            session.rollback()
        if row is not None:
            raise Replay(StoredAnswer(row.status_code, row.response))


_current: ContextVar[KeyedCall | None] = ContextVar("keyed_call", default=None)


def current_keyed_call() -> KeyedCall | None:
    return _current.get()


@contextmanager
def keyed(call: KeyedCall) -> Iterator[KeyedCall]:
    token = _current.set(call)
    try:
        yield call
    finally:
        _current.reset(token)
        call.abandon()
