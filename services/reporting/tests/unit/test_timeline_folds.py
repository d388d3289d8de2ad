"""The timeline's entries folded from their events in any order and twice, and who sees them."""

from datetime import UTC, datetime, timedelta
from itertools import permutations

from crm.events.v1 import service_desk_events_pb2 as sd
from crm_platform import topics
from crm_platform.envelope import build_envelope
from crm_platform.request_context import Identity
from reporting.domain.timeline import CUSTOMER, DEAL, DESK, FOLLOW_UP, apply_entry
from reporting.domain.timeline_visibility import may_see, summarize, timeline_scope
from reporting.entrypoints.timeline_translation import TIMELINE

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def at(hours: float):
    from google.protobuf.timestamp_pb2 import Timestamp

    stamp = Timestamp()
    stamp.FromDatetime(T0 + timedelta(hours=hours))
    return stamp


def entries(topic, payload) -> list:
    envelope = build_envelope(topic=topic.name, aggregate_id="k", payload=payload,
                              producer=topic.producer)  # fmt: skip
    return TIMELINE[topic.name](payload, envelope)


def fold(observed):
    by_key = {}
    for entry in observed:
        by_key[entry.key] = apply_entry(by_key.get(entry.key), entry)
    return by_key


FOLLOW_UP_LIFE = [
    *entries(topics.FOLLOW_UP_SCHEDULED, sd.FollowUpScheduled(
        follow_up_id="f1", customer_id="c1", owner_id="a1", deal_owner_id="r1", subject="Visit",
        due_at=at(5), scheduled_at=at(1), created_at=at(1))),
    *entries(topics.FOLLOW_UP_OVERDUE, sd.FollowUpOverdue(
        follow_up_id="f1", customer_id="c1", owner_id="a1", subject="Visit", due_at=at(5),
        detected_at=at(6))),
    *entries(topics.FOLLOW_UP_COMPLETED, sd.FollowUpCompleted(
        follow_up_id="f1", customer_id="c1", owner_id="a1", subject="Visit", outcome="Done",
        due_at=at(5), completed_at=at(7))),
]  # fmt: skip


def test_a_follow_up_folds_to_the_same_entries_in_any_order_and_twice():
    results = {tuple(sorted(fold(order).items())) for order in permutations(FOLLOW_UP_LIFE)}
    assert len(results) == 1
    folded = dict(results.pop())
    entry, done = folded["follow_up:f1"], folded["follow_up_done:f1"]
    assert (entry.at, entry.state, entry.flagged, entry.active) == (
        T0 + timedelta(hours=1), "done", False, False)  # fmt: skip
    assert entry.due_at == T0 + timedelta(hours=5) and entry.deal_owner_id == "r1"
    assert (done.kind, done.at, done.detail) == ("follow_up_done", T0 + timedelta(hours=7), "Done")
    assert fold(FOLLOW_UP_LIFE + FOLLOW_UP_LIFE[:2]) == fold(FOLLOW_UP_LIFE)


def test_an_overdue_follow_up_is_flagged_until_done():
    entry = fold(FOLLOW_UP_LIFE[:2])["follow_up:f1"]
    assert (entry.state, entry.flagged, entry.active) == ("scheduled", True, True)


def test_a_resolved_ticket_has_its_resolution_entry_and_is_no_longer_open():
    opened = dict(ticket_id="t1", customer_id="c1", subject="Jam", reporter_id="a1",
                  created_at=at(0))  # fmt: skip
    observed = [
        *entries(topics.TICKET_CHANGED, sd.TicketChanged(to_state="new", changed_at=at(0),
                                                         **opened)),
        *entries(topics.TICKET_CHANGED, sd.TicketChanged(
            to_state="resolved", resolution="Oiled", assignee_id="a2", resolved_at=at(2),
            changed_at=at(2), sla_breached=True, **opened)),
    ]  # fmt: skip
    folded = fold(reversed(observed))
    ticket, resolved = folded["ticket:t1"], folded["ticket_resolved:t1"]
    assert (ticket.at, ticket.state, ticket.flagged, ticket.active) == (
        T0, "resolved", True, False)  # fmt: skip
    assert (resolved.actor_id, resolved.detail, resolved.audience) == ("a2", "Oiled", DESK)


def test_each_role_sees_its_part():
    def sees(roles, audience, owner="r1", deal_owner=""):
        scope = timeline_scope(Identity("r1", frozenset(roles)))
        return may_see(scope, audience, owner, deal_owner)

    assert all(sees({"manager"}, a, owner="x") for a in (CUSTOMER, DEAL, FOLLOW_UP, DESK))
    assert [sees({"service"}, a, owner="x") for a in (CUSTOMER, DEAL, FOLLOW_UP, DESK)] == [
        True, False, True, True]  # fmt: skip
    assert sees({"sales"}, DEAL) and not sees({"sales"}, DEAL, owner="x")
    assert sees({"sales"}, FOLLOW_UP, owner="a1", deal_owner="r1")
    assert not sees({"sales"}, FOLLOW_UP, owner="a1", deal_owner="x")
    assert not sees({"sales"}, DESK) and not sees({"marketing"}, CUSTOMER)


def test_the_summary_counts_what_is_seen_and_averages_the_scores():
    summary = summarize([("contact", False, 0), ("deal", False, 0), ("stage", False, 0),
                         ("follow_up", True, 0), ("follow_up", False, 0), ("ticket", True, 0),
                         ("survey", False, 4), ("survey", False, 5)])  # fmt: skip
    assert summary.total == 8 and summary.average_score == 4.5
    assert summary.counts == {"contacts": 1, "deals": 1, "follow_ups": 1, "tickets": 1,
                              "surveys": 2}  # fmt: skip


def test_a_scheduled_follow_up_past_its_due_time_reads_as_overdue_before_the_watcher_says_so():
    from dataclasses import replace

    from reporting.domain.timeline import TimelineEntry, as_seen_at

    scheduled = TimelineEntry(
        key="follow_up:f9", customer_id="c1", kind="follow_up", at=T0, subject_type="follow_up",
        subject_id="f9", title="Visit", audience=FOLLOW_UP, state="scheduled",
        due_at=T0 + timedelta(days=1), active=True,
    )  # fmt: skip
    assert not as_seen_at(scheduled, T0 + timedelta(hours=23)).flagged
    assert as_seen_at(scheduled, T0 + timedelta(days=2)).flagged
    done = replace(scheduled, kind="follow_up_done", active=False)
    assert not as_seen_at(done, T0 + timedelta(days=2)).flagged
    cancelled = replace(scheduled, active=False, state="cancelled")
    assert not as_seen_at(cancelled, T0 + timedelta(days=2)).flagged
