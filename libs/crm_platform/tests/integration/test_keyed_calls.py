"""Idempotency-Key on a real gRPC server and a real database lock (SQLite and PostgreSQL): the
key is recorded with the write, so a retry never writes twice, whatever its caller saw."""

from __future__ import annotations

import threading
import time

import grpc
import pytest

from crm.reporting.v1 import reporting_pb2
from crm_platform.grpc_metadata import IDEMPOTENCY_KEY, as_caller
from crm_platform.grpc_server.keyed import REPLAYED

REQUEST = reporting_pb2.GetStatusRequest()


def keyed(key: str, user: str = "rep-1"):
    return (*as_caller(user, "sales"), (IDEMPOTENCY_KEY, key))


def written_id(answer: reporting_pb2.Status) -> str:
    return answer.topics[0].topic


def test_a_retry_after_the_deadline_writes_once(recorder):
    """Finding 5a: the first call waits behind a lock past its deadline and is answered
    DEADLINE_EXCEEDED; the retry under the same key makes the one record there is."""
    service, stub = recorder
    with service.hold_write_lock():
        with pytest.raises(grpc.RpcError) as failed:
            stub.GetStatus(REQUEST, metadata=keyed("k-1"), timeout=0.5)
        time.sleep(0.5)  # the lock outlives the deadline
    service.wait_finished()
    assert failed.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED

    assert service.count() == 0
    first = stub.GetStatus(REQUEST, metadata=keyed("k-1"), timeout=5)
    again, call = stub.GetStatus.with_call(REQUEST, metadata=keyed("k-1"), timeout=5)
    assert written_id(again) == written_id(first)
    assert (REPLAYED, "true") in call.trailing_metadata()
    assert service.ids() == [written_id(first)]


def test_a_call_its_caller_gave_up_on_is_replayed_to_the_retry(recorder):
    """The caller went away while the write waited (a killed gateway worker): the write
    commits with its answer, and the retry gets that answer instead of writing again."""
    service, stub = recorder
    with service.hold_write_lock():
        gone = stub.GetStatus.future(REQUEST, metadata=keyed("k-2"), timeout=10)
        time.sleep(0.3)
        gone.cancel()
    service.wait_finished()
    assert service.count() == 1

    retry = stub.GetStatus(REQUEST, metadata=keyed("k-2"), timeout=5)
    assert service.count() == 1
    assert retry == reporting_pb2.Status(
        topics=[reporting_pb2.TopicProgress(topic=retry.topics[0].topic)]
    )


def test_racing_calls_under_one_key_write_once_and_answer_alike(recorder):
    service, stub = recorder
    answers: list[reporting_pb2.Status] = []
    with service.hold_write_lock():
        callers = [
            threading.Thread(
                target=lambda: answers.append(
                    stub.GetStatus(REQUEST, metadata=keyed("k-3"), timeout=10)
                )
            )
            for _ in range(2)
        ]
        for caller in callers:
            caller.start()
        time.sleep(0.3)  # both wait behind the lock
    for caller in callers:
        caller.join(timeout=10)
    assert len(answers) == 2 and written_id(answers[0]) == written_id(answers[1])
    assert service.count() == 1


def test_keys_are_per_caller_and_calls_without_one_are_not_kept(recorder):
    service, stub = recorder
    mine = stub.GetStatus(REQUEST, metadata=keyed("k-4", "rep-1"), timeout=5)
    theirs = stub.GetStatus(REQUEST, metadata=keyed("k-4", "rep-2"), timeout=5)
    unkeyed = [stub.GetStatus(REQUEST, metadata=as_caller("rep-1", "sales"), timeout=5)
               for _ in range(2)]  # fmt: skip
    assert len({written_id(a) for a in (mine, theirs, *unkeyed)}) == 4
    assert service.count() == 4
