"""A report's queries stopped when its caller's deadline passes, rather than run on for a
caller that has gone (the gateway waits 5 s; a report over 200,000 campaigns once ran 38 s).

PostgreSQL: `SET LOCAL statement_timeout` for the rest of the read's transaction. SQLite: a
progress handler, called every few thousand virtual-machine steps, interrupts the statement
once the time is up. Either way the query fails, and the caller hears DeadlineExceeded (as
a write past its deadline does): the call ran out of its time, no service was down.

The deadline is the caller's, bound by the gRPC interceptor (request_context.seconds_left()).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from crm_platform.deadlines import DeadlineExceeded
from crm_platform.request_context import seconds_left

GONE = "the report took longer than the caller was willing to wait"
_SQLITE_STEPS = 10_000  # between two looks at the clock: well under a millisecond of work


@contextmanager
def statement_deadline(session: Session) -> Iterator[None]:
    """Queries on `session` inside the block end by the caller's deadline (if it set one)."""
    seconds = seconds_left()
    if seconds is None:
        yield
        return
    if seconds <= 0:  # gone already: a quick query would slip between two looks at the clock
        raise DeadlineExceeded(GONE)
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
            raise DeadlineExceeded(GONE) from error
        raise
