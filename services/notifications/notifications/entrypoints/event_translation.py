"""Each consumed event as the facts it tells this service (domain.facts)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, timedelta

from google.protobuf.message import Message

from crm.events.v1 import activities_events_pb2 as act
from crm.events.v1 import envelope_pb2
from crm.events.v1 import gateway_events_pb2 as gw
from crm.events.v1 import sales_events_pb2 as sales
from crm.events.v1 import service_desk_events_pb2 as desk
from crm_platform import topics
from crm_platform.envelope import unpack
from notifications.domain import facts as f
from notifications.domain.texts import TASKS_PAGE, link
from notifications.entrypoints.user_topic import USER_CHANGED

FOLLOW_UP_NOTICE = timedelta(days=1)  # "a follow-up of yours is due tomorrow"
SLA_WARNING_SHARE = 0.8  # "a ticket of yours is at 80 % of its SLA"
LOW_SCORES = (1, 2)
_ENDED_TICKET_STATES = ("resolved", "closed")


def _time(message: Message, name: str) -> str:
    """A timestamp field as the texts show it (UTC, to the minute); empty when unset."""
    if not message.HasField(name):
        return ""
    return getattr(message, name).ToDatetime().strftime("%Y-%m-%d %H:%M UTC")


def _lead_created(e: sales.LeadCreated, actor: str) -> list[f.Fact]:
    subject = e.full_name or e.company
    return [f.Owned("lead_assigned", "lead", e.lead_id, e.owner_id, subject, actor)]


def _lead_changed(e: sales.LeadChanged, actor: str) -> list[f.Fact]:
    return [f.Owned("lead_assigned", "lead", e.lead_id, e.owner_id, "", actor)]


def _deal_changed(e: sales.DealChanged, actor: str) -> list[f.Fact]:
    return [f.Owned("deal_assigned", "deal", e.deal_id, e.owner_id, e.name, actor)]


def _deal_stage_changed(e: sales.DealStageChanged, actor: str) -> list[f.Fact]:
    if not e.from_stage or e.closed:
        return []  # a new deal (told as assigned) or a close (told by deal-closed)
    params = {"subject": e.deal_name, "stage": e.to_stage}
    return [f.Notify("deal_moved", e.owner_id, "deal", e.deal_id, params, e.changed_by or actor)]


def _deal_closed(e: sales.DealClosed, actor: str) -> list[f.Fact]:
    # Told even when the owner closed it: a close is news to whoever reads the bell later.
    outcome = "won" if e.won else "lost"
    return [f.Notify("deal_closed", e.owner_id, "deal", e.deal_id, {"outcome": outcome})]


def _ticket_changed(e: desk.TicketChanged, actor: str) -> list[f.Fact]:
    told: list[f.Fact] = [
        f.Owned("ticket_assigned", "ticket", e.ticket_id, e.assignee_id, e.subject, actor)
    ]
    params = {"subject": e.subject, "due_at": _time(e, "sla_due_at")}
    if e.action == "sla_breached":
        told.append(f.Notify("ticket_sla_breached", e.assignee_id, "ticket", e.ticket_id, params))
    ended = e.to_state in _ENDED_TICKET_STATES or e.sla_breached
    if ended or not (e.assignee_id and e.HasField("sla_due_at") and e.HasField("created_at")):
        told.append(f.Forget("ticket_sla_warning", e.ticket_id))
        return told
    start, due = e.created_at.ToDatetime(), e.sla_due_at.ToDatetime()
    warn_at = (start + (due - start) * SLA_WARNING_SHARE).replace(tzinfo=UTC)
    told.append(f.Remind("ticket_sla_warning", e.assignee_id, "ticket", e.ticket_id, warn_at,
                         params))  # fmt: skip
    return told


def _survey_answered(e: desk.SurveyAnswered, actor: str) -> list[f.Fact]:
    if e.score not in LOW_SCORES or not e.ticket_id:
        return []
    params = {"score": str(e.score)} | ({"subject": e.subject} if e.subject else {})
    return [f.NotifyOwner("survey_low_score", "ticket", e.ticket_id, params)]


def _follow_up_scheduled(e: desk.FollowUpScheduled, actor: str) -> list[f.Fact]:
    if not e.owner_id or not e.HasField("due_at"):
        return [f.Forget("follow_up_due", e.follow_up_id)]
    fire_at = e.due_at.ToDatetime().replace(tzinfo=UTC) - FOLLOW_UP_NOTICE
    params = {"subject": e.subject, "due_at": _time(e, "due_at")}
    return [f.Remind("follow_up_due", e.owner_id, "follow_up", e.follow_up_id, fire_at, params)]


def _follow_up_ended(
    e: desk.FollowUpCompleted | desk.FollowUpCancelled, actor: str
) -> list[f.Fact]:
    return [f.Forget("follow_up_due", e.follow_up_id)]


def _follow_up_overdue(e: desk.FollowUpOverdue, actor: str) -> list[f.Fact]:
    params = {"subject": e.subject, "due_at": _time(e, "due_at")}
    return [f.Notify("follow_up_overdue", e.owner_id, "follow_up", e.follow_up_id, params)]


def _task(kind: str) -> Callable[[act.TaskDue | act.TaskOverdue, str], list[f.Fact]]:
    def told(e: act.TaskDue | act.TaskOverdue, actor: str) -> list[f.Fact]:
        params = {"subject": e.subject, "due_at": _time(e, "due_at")}
        page = link(e.related_type, e.related_id) or TASKS_PAGE
        return [f.Notify(kind, e.owner_id, "task", e.task_id, params, link=page)]

    return told


def _user_changed(e: gw.UserChanged, actor: str) -> list[f.Fact]:
    return [f.UserSeen(e.user_id, e.username, e.display_name, e.email, e.language, e.active)]


# topic name -> (payload type, translation)
TRANSLATIONS: dict[str, tuple[type[Message], Callable[..., list[f.Fact]]]] = {
    topics.LEAD_CREATED.name: (sales.LeadCreated, _lead_created),
    topics.LEAD_CHANGED.name: (sales.LeadChanged, _lead_changed),
    topics.DEAL_CHANGED.name: (sales.DealChanged, _deal_changed),
    topics.DEAL_STAGE_CHANGED.name: (sales.DealStageChanged, _deal_stage_changed),
    topics.DEAL_CLOSED.name: (sales.DealClosed, _deal_closed),
    topics.TICKET_CHANGED.name: (desk.TicketChanged, _ticket_changed),
    topics.SURVEY_ANSWERED.name: (desk.SurveyAnswered, _survey_answered),
    topics.FOLLOW_UP_SCHEDULED.name: (desk.FollowUpScheduled, _follow_up_scheduled),
    topics.FOLLOW_UP_COMPLETED.name: (desk.FollowUpCompleted, _follow_up_ended),
    topics.FOLLOW_UP_CANCELLED.name: (desk.FollowUpCancelled, _follow_up_ended),
    topics.FOLLOW_UP_OVERDUE.name: (desk.FollowUpOverdue, _follow_up_overdue),
    topics.TASK_DUE.name: (act.TaskDue, _task("task_due")),
    topics.TASK_OVERDUE.name: (act.TaskOverdue, _task("task_overdue")),
    USER_CHANGED: (gw.UserChanged, _user_changed),
}


def translate(envelope: envelope_pb2.Envelope) -> list[f.Fact]:
    message_type, translation = TRANSLATIONS[envelope.event_type]
    return translation(unpack(envelope, message_type), envelope.actor.user_id)
