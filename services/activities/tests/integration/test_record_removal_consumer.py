"""`crm-activities consume`: a lead deleted in sales cancels its open tasks (audited as the
consumer's), and leaves done ones and other records' tasks alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from activities.adapters.task_repository import TaskRepository
from activities.domain.commands import NewTask
from activities.entrypoints.event_handlers import event_handlers
from activities.service.tasks import complete_task, create_task
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import select

from crm.events.v1 import sales_events_pb2
from crm_platform import topics
from crm_platform.audit.tables import audit_log
from crm_platform.envelope import build_envelope
from crm_platform.request_context import Identity, bound

REP = Identity("rep-1", frozenset({"sales"}))


def test_a_deleted_lead_cancels_its_open_tasks(new_uow, session_factory, records, sales_server):
    due = datetime.now(UTC) + timedelta(days=1)
    about = {"related_type": "lead", "related_id": sales_server.lead_id}
    with bound(REP, "corr"):
        open_task = create_task(
            new_uow(), NewTask(subject="Call", due_at=due, **about), records=records
        )
        done_task = create_task(
            new_uow(), NewTask(subject="Mail", due_at=due, **about), records=records
        )
        complete_task(new_uow(), done_task.id, "Sent", records=records)
        other = create_task(new_uow(), NewTask(subject="Other", due_at=due), records=records)
    deleted_at = Timestamp()
    deleted_at.GetCurrentTime()
    envelope = build_envelope(
        topic=topics.LEAD_DELETED.name,
        aggregate_id=sales_server.lead_id,
        payload=sales_events_pb2.LeadDeleted(lead_id=sales_server.lead_id, deleted_at=deleted_at),
        producer="sales",
    )
    handler = event_handlers(None)[topics.LEAD_DELETED.name]

    with session_factory() as session:
        handler(session, envelope)
        session.commit()

    with session_factory() as session:
        tasks = TaskRepository(session)
        states = {t: tasks.get(t).state for t in (open_task.id, done_task.id, other.id)}
        actors = session.scalars(
            select(audit_log.c.actor_id).where(
                audit_log.c.object_id == open_task.id, audit_log.c.action == "cancelled"
            )
        ).all()
    assert states == {open_task.id: "cancelled", done_task.id: "done", other.id: "open"}
    assert actors == ["system:activities-consumer"]
