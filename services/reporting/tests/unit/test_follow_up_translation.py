"""The service desk's follow-up events, as reporting reads them off their envelopes."""

from datetime import UTC, datetime, timedelta

from crm.events.v1 import service_desk_events_pb2 as sd
from crm_platform.envelope import build_envelope
from reporting.domain.service_desk import FollowUpFact, apply_follow_up
from reporting.entrypoints.event_translation import translate

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def observed(topic, payload):
    envelope = build_envelope(
        topic=topic, aggregate_id="f1", payload=payload, producer="service-desk"
    )
    return translate(envelope)[0]  # the report's; the timeline's entry follows it


def test_scheduled_and_cancelled_become_follow_up_facts():
    event = sd.FollowUpScheduled(follow_up_id="f1", owner_id="u1", subject="Visit")
    event.due_at.FromDatetime(T0 + timedelta(days=2))
    event.scheduled_at.FromDatetime(T0)
    scheduled = observed("service-desk.follow-up-scheduled", event)
    assert scheduled == FollowUpFact("f1", "u1", T0 + timedelta(days=2), None, None,
                                     changed_at=T0)  # fmt: skip

    event = sd.FollowUpCancelled(follow_up_id="f1")
    event.cancelled_at.FromDatetime(T0 + timedelta(hours=1))
    cancelled = observed("service-desk.follow-up-cancelled", event)
    assert cancelled.cancelled_at == T0 + timedelta(hours=1) and cancelled.due_at is None

    both = apply_follow_up(cancelled, scheduled)
    assert both == apply_follow_up(scheduled, cancelled)
    assert (both.due_at, both.owner_id, both.open) == (T0 + timedelta(days=2), "u1", False)
