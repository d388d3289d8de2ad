# ruff: noqa: RUF001 (Chinese texts, Chinese punctuation)
"""Which events say what to whom, and how each kind reads in each language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from google.protobuf.timestamp_pb2 import Timestamp
from notifications.domain import facts as f
from notifications.domain.backoff import next_attempt
from notifications.domain.texts import language_of, link, render
from notifications.entrypoints.event_translation import translate

from crm.events.v1 import activities_events_pb2 as act
from crm.events.v1 import sales_events_pb2 as sales
from crm.events.v1 import service_desk_events_pb2 as desk
from crm_platform.envelope import build_envelope

T0 = datetime(2030, 5, 6, 9, 0, tzinfo=UTC)


def ts(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def envelope(topic: str, payload, producer: str):
    return build_envelope(topic=topic, aggregate_id="x", payload=payload, producer=producer)


def test_a_due_task_tells_its_owner():
    due = act.TaskDue(task_id="t1", subject="Call Acme", owner_id="u1", due_at=ts(T0),
                      related_type="deal", related_id="d1")  # fmt: skip
    (fact,) = translate(envelope("activities.task-due", due, "activities"))
    params = {"subject": "Call Acme", "due_at": "2030-05-06 09:00 UTC"}
    assert fact == f.Notify("task_due", "u1", "task", "t1", params, link="/deals/d1")
    alone = act.TaskOverdue(task_id="t2", owner_id="u1")
    (fact,) = translate(envelope("activities.task-overdue", alone, "activities"))
    assert (fact.kind, fact.link) == ("task_overdue", "/tasks")


def test_a_follow_up_reminds_its_owner_the_day_before_and_is_forgotten_when_done():
    scheduled = desk.FollowUpScheduled(
        follow_up_id="f1", owner_id="u1", subject="After-sale call", due_at=ts(T0)
    )
    (remind,) = translate(envelope("service-desk.follow-up-scheduled", scheduled, "service-desk"))
    assert isinstance(remind, f.Remind)
    assert (remind.kind, remind.user_id, remind.fire_at) == (
        "follow_up_due",
        "u1",
        T0 - timedelta(days=1),
    )
    done = desk.FollowUpCompleted(follow_up_id="f1")
    assert translate(envelope("service-desk.follow-up-completed", done, "service-desk")) == [
        f.Forget("follow_up_due", "f1")
    ]


def test_an_open_ticket_warns_its_assignee_at_80_percent_of_its_sla():
    ticket = desk.TicketChanged(
        ticket_id="k1", action="opened", to_state="new", assignee_id="u2", subject="Broken",
        created_at=ts(T0), sla_due_at=ts(T0 + timedelta(hours=10)),
    )  # fmt: skip
    owned, remind = translate(envelope("service-desk.ticket-changed", ticket, "service-desk"))
    assert owned == f.Owned("ticket_assigned", "ticket", "k1", "u2", "Broken", "")
    assert remind.fire_at == T0 + timedelta(hours=8)
    resolved = desk.TicketChanged(ticket_id="k1", action="resolve", to_state="resolved",
                                  assignee_id="u2")  # fmt: skip
    assert f.Forget("ticket_sla_warning", "k1") in translate(
        envelope("service-desk.ticket-changed", resolved, "service-desk")
    )


def test_a_stage_move_is_told_to_the_owner_unless_they_made_it():
    moved = sales.DealStageChanged(
        deal_id="d1", from_stage="qualification", to_stage="proposal", owner_id="u1",
        changed_by="u9", deal_name="Big deal",
    )  # fmt: skip
    (fact,) = translate(envelope("sales.deal-stage-changed", moved, "sales"))
    assert (fact.kind, fact.user_id, fact.actor_id) == ("deal_moved", "u1", "u9")
    created = sales.DealStageChanged(deal_id="d1", to_stage="qualification", owner_id="u1")
    assert translate(envelope("sales.deal-stage-changed", created, "sales")) == []


def test_only_scores_of_1_or_2_tell_the_ticket_assignee():
    low = desk.SurveyAnswered(survey_id="s", ticket_id="k1", score=2)
    high = desk.SurveyAnswered(survey_id="s", ticket_id="k1", score=4)
    assert translate(envelope("service-desk.survey-answered", low, "service-desk")) == [
        f.NotifyOwner("survey_low_score", "ticket", "k1", {"score": "2"})
    ]
    assert translate(envelope("service-desk.survey-answered", high, "service-desk")) == []


def test_texts_in_both_languages_and_links():
    assert language_of("zh") == language_of("zh-Hans") == "zh-Hans"
    assert language_of(None) == language_of("en") == "en"
    assert render("deal_closed", "en", {"subject": "Big", "outcome": "won"}) == (
        "Deal closed: Big",
        'Your deal "Big" was closed: won.',
    )
    title, body = render("deal_closed", "zh-Hans", {"subject": "Big", "outcome": "won"})
    assert title == "商机已关闭：Big" and "赢单" in body
    assert render("task_due", "en", {})[0] == "Task due: (untitled)"
    assert link("deal", "d1") == "/deals/d1" and link("deal", "") == ""
    assert link("follow_up", "f1") == "/follow-ups/f1/edit" and link("task", "t1") == ""


def test_backoff_doubles_up_to_an_hour():
    waits = [(next_attempt(T0, n) - T0).total_seconds() for n in (1, 2, 3, 10)]
    assert waits == [30, 60, 120, 3600]
