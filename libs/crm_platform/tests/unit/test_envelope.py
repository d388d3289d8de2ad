import uuid

import pytest

from crm.events.v1 import marketing_events_pb2, sales_events_pb2
from crm_platform.envelope import MalformedEvent, build_envelope, parse_envelope, unpack
from crm_platform.request_context import Identity, bound


def make(payload=None):
    return build_envelope(
        topic="sales.lead-created",
        aggregate_id="lead-1",
        payload=payload or sales_events_pb2.LeadCreated(lead_id="lead-1", full_name="Li Lei"),
        producer="sales",
    )


def test_round_trip_keeps_payload_and_context():
    with bound(Identity("u-1", frozenset({"sales", "manager"})), "corr-9"):
        envelope = make()
    parsed = parse_envelope(envelope.SerializeToString())
    assert uuid.UUID(parsed.event_id)
    assert parsed.correlation_id == "corr-9"
    assert parsed.actor.user_id == "u-1" and list(parsed.actor.roles) == ["manager", "sales"]
    assert unpack(parsed, sales_events_pb2.LeadCreated).full_name == "Li Lei"


def test_each_envelope_gets_its_own_event_id():
    assert make().event_id != make().event_id


@pytest.mark.parametrize("data", [None, b"", b"\xff\xff\xff", b"\x0a\x03abc"])
def test_unreadable_bytes_are_malformed(data):
    with pytest.raises(MalformedEvent):
        parse_envelope(data)


def test_a_non_uuid_event_id_is_malformed():
    envelope = make()
    envelope.event_id = "not-a-uuid"
    with pytest.raises(MalformedEvent, match="UUID"):
        parse_envelope(envelope.SerializeToString())


def test_unpacking_the_wrong_payload_type_is_malformed():
    with pytest.raises(MalformedEvent, match="CampaignChanged"):
        unpack(make(), marketing_events_pb2.CampaignChanged)
