"""Finding 6a: the caller's deadline reaches the service and is honoured there. A write that
waits behind a real lock (SQLite's write lock, a PostgreSQL table lock) past it never commits,
however long the lock is then held."""

from __future__ import annotations

import time

import grpc
import pytest

from crm.reporting.v1 import reporting_pb2
from crm_platform.grpc_metadata import as_caller


def test_a_write_held_past_its_deadline_commits_nothing(recorder):
    service, stub = recorder
    started = time.monotonic()
    with service.hold_write_lock():
        with pytest.raises(grpc.RpcError) as failed:
            stub.GetStatus(
                reporting_pb2.GetStatusRequest(), metadata=as_caller("rep-1", "sales"), timeout=0.5
            )
        time.sleep(1.0)  # released well after the caller was told it failed
    service.wait_finished()
    assert failed.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED
    assert service.count() == 0
    # The service stopped waiting at the deadline instead of holding a worker for the lock.
    assert time.monotonic() - started < 5


def test_a_write_in_time_commits(recorder):
    service, stub = recorder
    stub.GetStatus(
        reporting_pb2.GetStatusRequest(), metadata=as_caller("rep-1", "sales"), timeout=5
    )
    assert service.count() == 1
