"""A lead's fields are checked against the dictionary and their formats, all at once."""

from datetime import UTC, datetime

import pytest

from crm_platform.errors import AlreadyExists, InvalidArgument
from sales.domain.lead import change_lead, mark_converted, new_lead

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

VALUES = {"full_name": "Ada Lovelace", "owner_id": "u1"}


def refused_fields(values):
    with pytest.raises(InvalidArgument) as refused:
        new_lead(values, refused_fields.dictionary, now=NOW)
    return {v.field for v in refused.value.violations}


@pytest.fixture(autouse=True)
def _dictionary(dictionary):
    refused_fields.dictionary = dictionary


def test_a_minimal_lead_gets_its_defaults(dictionary):
    lead = new_lead(VALUES, dictionary, now=NOW)
    assert (lead.state, lead.source, lead.campaign_ids, lead.converted) == (
        "not_contacted",
        "",
        (),
        False,
    )


def test_every_bad_field_is_reported():
    assert refused_fields(
        {
            "full_name": " ",
            "owner_id": "u1",
            "source": "fax",
            "state": "converted",
            "appellation": "sir",
            "email": "not-an-email",
            "phone": "call me",
            "mobile": "12",
            "next_contact_at": datetime(2026, 3, 1, 9),
            "colour": "red",
        }
    ) == {
        "full_name",
        "source",
        "state",
        "appellation",
        "email",
        "phone",
        "mobile",
        "next_contact_at",
        "colour",
    }


def test_required_fields_must_be_present():
    assert refused_fields({}) == {"full_name", "owner_id"}


def test_valid_formats_pass(dictionary):
    lead = new_lead(
        {**VALUES, "email": "ada@example.com", "phone": "+44 (20) 7946-0958", "source": "chat",
         "appellation": "dr", "campaign_ids": ["c1", " c1 ", "c2"]},
        dictionary,
        now=NOW,
    )  # fmt: skip
    assert lead.campaign_ids == ("c1", "c2")


def test_update_changes_only_what_is_given(dictionary):
    lead = new_lead({**VALUES, "company": "Acme"}, dictionary, now=NOW)
    changed = change_lead(lead, {"state": "contacted"}, dictionary, now=NOW)
    assert (changed.state, changed.company, changed.full_name) == (
        "contacted",
        "Acme",
        "Ada Lovelace",
    )
    with pytest.raises(InvalidArgument):
        change_lead(lead, {"full_name": ""}, dictionary, now=NOW)


def test_a_converted_lead_is_read_only(dictionary):
    lead = new_lead(VALUES, dictionary, now=NOW)
    converted = mark_converted(lead, customer_id="c", contact_id="p", deal_id=None, now=NOW)
    assert converted.state == "converted"
    with pytest.raises(AlreadyExists):
        change_lead(converted, {"state": "contacted"}, dictionary, now=NOW)
    with pytest.raises(AlreadyExists):
        mark_converted(converted, customer_id="c", contact_id="p", deal_id=None, now=NOW)
