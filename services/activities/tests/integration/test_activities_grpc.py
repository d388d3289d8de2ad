"""The activities gRPC API end to end: a real server on a real database, asking a real sales
server whether the caller can see the record a task or activity is about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import select

from crm.activities.v1 import activities_pb2 as pb
from crm.activities.v1 import activities_pb2_grpc
from crm_platform.audit.tables import audit_log
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.status_mapping import field_violations

REP = as_caller("rep-1", "sales")
OTHER_REP = as_caller("rep-2", "sales")
MANAGER = as_caller("boss", "manager")


def stamp(moment: datetime) -> Timestamp:
    made = Timestamp()
    made.FromDatetime(moment)
    return made


def new_task(stub, lead_id: str, caller=REP, **fields) -> pb.Task:
    given = {"subject": "Call back", "due_at": stamp(datetime.now(UTC) + timedelta(days=1))}
    given.update(fields)
    return stub.CreateTask(
        pb.CreateTaskRequest(task=pb.TaskInput(related_type="lead", related_id=lead_id, **given)),
        metadata=caller,
    )


def test_a_task_on_my_lead_gets_its_defaults_and_is_listed_on_the_lead(
    stub: activities_pb2_grpc.ActivitiesServiceStub, sales_server
) -> None:
    task = new_task(stub, sales_server.lead_id)

    assert (task.owner_id, task.author_id, task.state, task.priority) == (
        "rep-1",
        "rep-1",
        "open",
        "normal",
    )
    assert (task.has_reminder, task.reminder_minutes, task.overdue) == (True, 15, False)
    on_lead = stub.ListTasks(
        pb.ListTasksRequest(
            filter=pb.TaskFilter(related_type="lead", related_id=sales_server.lead_id)
        ),
        metadata=MANAGER,
    )
    assert [t.id for t in on_lead.items] == [task.id]


def test_a_lead_hidden_from_the_caller_is_not_found_on_related_id(stub, sales_server) -> None:
    with pytest.raises(grpc.RpcError) as refused:
        new_task(stub, sales_server.lead_id, caller=OTHER_REP)
    assert refused.value.code() is grpc.StatusCode.NOT_FOUND
    assert refused.value.details().startswith("related_id:")
    assert stub.ListTasks(pb.ListTasksRequest(), metadata=MANAGER).total == 0


def test_a_past_due_time_is_overdue_at_once_and_listed_as_such(stub, sales_server) -> None:
    late = new_task(
        stub, sales_server.lead_id, due_at=stamp(datetime.now(UTC) - timedelta(hours=1))
    )
    assert late.overdue
    overdue = stub.ListTasks(pb.ListTasksRequest(filter=pb.TaskFilter(overdue=True)), metadata=REP)
    assert [t.id for t in overdue.items] == [late.id]


def test_complete_reopen_and_another_rep_cannot_see_it(stub, sales_server) -> None:
    task = new_task(stub, sales_server.lead_id)
    done = stub.CompleteTask(pb.CompleteTaskRequest(id=task.id, outcome="Reached"), metadata=REP)
    assert (done.state, done.outcome) == ("done", "Reached")
    with pytest.raises(grpc.RpcError) as twice:
        stub.CompleteTask(pb.CompleteTaskRequest(id=task.id), metadata=REP)
    assert twice.value.code() is grpc.StatusCode.ALREADY_EXISTS
    assert stub.ReopenTask(pb.GetRequest(id=task.id), metadata=REP).state == "open"
    with pytest.raises(grpc.RpcError) as hidden:
        stub.GetTask(pb.GetRequest(id=task.id), metadata=OTHER_REP)
    assert hidden.value.code() is grpc.StatusCode.NOT_FOUND
    assert stub.ListTasks(pb.ListTasksRequest(), metadata=OTHER_REP).total == 0


def test_bad_input_names_every_field(stub) -> None:
    with pytest.raises(grpc.RpcError) as refused:
        stub.CreateTask(
            pb.CreateTaskRequest(task=pb.TaskInput(priority="asap", related_type="planet")),
            metadata=REP,
        )
    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert {f for f, _ in field_violations(refused.value)} == {
        "subject",
        "due_at",
        "priority",
        "related_type",
        "related_id",
    }


def test_a_logged_call_is_edited_by_its_author_only_and_its_deletion_is_audited(
    stub, sales_server, session_factory
) -> None:
    call = stub.LogActivity(
        pb.LogActivityRequest(
            activity=pb.ActivityInput(
                kind="call",
                subject="Pricing",
                duration_minutes=12,
                related_type="lead",
                related_id=sales_server.lead_id,
            )
        ),
        metadata=REP,
    )
    assert (call.author_id, call.duration_minutes) == ("rep-1", 12)
    with pytest.raises(grpc.RpcError) as hidden:
        stub.UpdateActivity(
            pb.UpdateActivityRequest(
                id=call.id, update_mask=["outcome"], activity=pb.ActivityInput(outcome="x")
            ),
            metadata=OTHER_REP,
        )
    assert hidden.value.code() is grpc.StatusCode.NOT_FOUND
    edited = stub.UpdateActivity(
        pb.UpdateActivityRequest(
            id=call.id, update_mask=["outcome"], activity=pb.ActivityInput(outcome="Quote")
        ),
        metadata=MANAGER,
    )
    assert edited.outcome == "Quote"

    stub.DeleteActivity(pb.GetRequest(id=call.id), metadata=REP)

    with session_factory() as session:
        actions = session.execute(
            select(audit_log.c.action, audit_log.c.actor_id).where(audit_log.c.object_id == call.id)
        ).all()
    assert [tuple(a) for a in actions] == [
        ("created", "rep-1"),
        ("updated", "boss"),
        ("deleted", "rep-1"),
    ]
