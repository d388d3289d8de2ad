"""Writers of one SQLite database in one process take turns on a lock before BEGIN IMMEDIATE.

SQLite lets one writer in at a time and makes the others poll: its busy handler sleeps up to
100 ms between tries, so under a burst of writes a waiting writer keeps missing the moment the
lock frees and its latency climbs to hundreds of milliseconds. Threads of the same process
instead queue on a lock that hands over the moment a writer commits or rolls back; only writers
in other processes (the outbox relay, a migration) still meet SQLite's busy handler.

A writer whose caller set a deadline waits at most until then, on the turn and on SQLite's
lock alike: past it, the caller has gone and nothing may commit anyway.
"""

from __future__ import annotations

import threading

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from crm_platform.deadlines import DeadlineExceeded
from crm_platform.request_context import seconds_left

_HELD = "crm_write_turn"
_BUSY_MS = "crm_busy_timeout_ms"


class WriteTurn:
    def __init__(self, timeout_seconds: float) -> None:
        # The same patience as SQLite's busy timeout, so a writer that would have failed with
        # "database is locked" still fails, rather than waiting forever.
        self._timeout = timeout_seconds
        self._lock = threading.Lock()

    def begin(self, connection: Connection) -> None:
        """Wait for this process's turn, then take SQLite's write lock."""
        left = seconds_left()
        patience = self._timeout if left is None else min(self._timeout, left)
        if patience <= 0 or not self._lock.acquire(timeout=patience):
            if patience < self._timeout:
                raise DeadlineExceeded("the caller's deadline passed waiting for the write lock")
            raise OperationalError("BEGIN IMMEDIATE", {}, TimeoutError("database is locked"))
        try:
            _wait_at_most(connection, patience)
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        connection.info[_HELD] = True

    def end(self, connection: Connection) -> None:
        """Hand the turn on at commit or rollback (only a connection that holds it does)."""
        self.hand_on(connection.info)

    def hand_on(self, connection_info: dict) -> None:
        """Also called when the pool resets a connection: a transaction that ended without a
        commit or rollback event (a connection dropped mid-transaction) must not keep the turn."""
        if connection_info.pop(_HELD, False):
            self._lock.release()


def _wait_at_most(connection: Connection, seconds: float) -> None:
    """SQLite's busy handler (a writer in another process) waits `seconds` at most; the pragma
    is sent only when that changes, so a writer with no deadline pays nothing."""
    busy_ms = max(1, int(seconds * 1000))
    if connection.info.get(_BUSY_MS) != busy_ms:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={busy_ms}")
        connection.info[_BUSY_MS] = busy_ms
