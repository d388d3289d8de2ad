"""A report's queries stopped when its caller's deadline passes, rather than run on for a
caller that has gone (the gateway waits 5 s; a report over 200,000 campaigns once ran 38 s).

PostgreSQL: `SET LOCAL statement_timeout` for the rest of the read's transaction. SQLite: a
progress handler, called every few thousand virtual-machine steps, interrupts the statement
once the time is up. Either way the query fails, and the caller hears Unavailable.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from crm_platform.errors import Unavailable

_SQLITE_STEPS = 10_000  # between two looks at the clock: well under a millisecond of work
# gRPC's time_remaining() for a call without a deadline is about 2^63 ns: no limit.
_NO_LIMIT_BEYOND = 24 * 3600.0


@contextmanager
def statement_deadline(session: Session, seconds: float | None) -> Iterator[None]:
    """Queries on `session` inside the block end by `seconds` from now (None: no limit)."""
    if seconds is None or seconds > _NO_LIMIT_BEYOND:
        yield
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        milliseconds = max(1, int(seconds * 1000))
        connection.execute(text(f"SET LOCAL statement_timeout = {milliseconds}"))
        with _refused_when_cut():
            yield
        return
    raw = connection.connection.driver_connection
    ends = time.monotonic() + seconds
    raw.set_progress_handler(lambda: time.monotonic() > ends, _SQLITE_STEPS)
    try:
        with _refused_when_cut():
            yield
    finally:
        raw.set_progress_handler(None, _SQLITE_STEPS)


@contextmanager
def _refused_when_cut() -> Iterator[None]:
    try:
        yield
    except DBAPIError as error:
        if "interrupted" in str(error.orig) or "statement timeout" in str(error.orig):
            raise Unavailable(
                "the report took longer than the caller was willing to wait"
            ) from error
        raise
