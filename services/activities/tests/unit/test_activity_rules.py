"""Logged activity rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from activities.domain import activity as rules
from activities.domain.commands import NewActivity

from crm_platform.errors import InvalidArgument

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def test_a_call_without_a_time_happened_now_and_contacts_are_deduplicated() -> None:
    logged = rules.log(
        NewActivity(kind="call", subject="Pricing", contact_ids=("c1", " c1", "c2")),
        author_id="u1",
        now=NOW,
    )
    assert (logged.at, logged.contact_ids, logged.author_id) == (NOW, ("c1", "c2"), "u1")


def test_every_bad_field_is_named() -> None:
    with pytest.raises(InvalidArgument) as refused:
        rules.log(
            NewActivity(
                kind="fax", subject="", duration_minutes=-1, related_id="d1", contact_ids=("x",) * 1
            ),
            author_id="u1",
            now=NOW,
        )
    assert {v.field for v in refused.value.violations} == {
        "kind",
        "subject",
        "duration_minutes",
        "related_type",
    }


def test_revise_keeps_the_author() -> None:
    logged = rules.log(NewActivity(kind="meeting", subject="Demo"), author_id="u1", now=NOW)
    revised = rules.revise(logged, {"outcome": "Wants a quote", "kind": "call"}, now=NOW)
    assert (revised.kind, revised.outcome, revised.author_id) == ("call", "Wants a quote", "u1")
