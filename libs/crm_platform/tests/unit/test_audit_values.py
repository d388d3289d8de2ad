"""What an audit entry says of a record: JSON values, no secrets, only what changed."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from crm_platform.audit.actor import acting_as_system, current_actor
from crm_platform.audit.values import changed, json_value, loggable
from crm_platform.request_context import Identity, bound


class Stage(enum.Enum):
    WON = "closed_won"


@dataclass(frozen=True)
class Deal:
    id: str
    name: str
    amount: Decimal
    stage: Stage
    campaign_ids: tuple[str, ...]
    closed_on: date | None
    search: str = ""


@dataclass(frozen=True)
class Survey:
    id: str
    token: str
    public_url: str
    score: int | None


def test_values_become_json_that_compares_equal_when_the_values_do():
    moment = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert json_value(moment) == "2026-11-23T09:30:00+00:00"
    assert json_value(Decimal("12500.50")) == "12500.50"
    assert json_value(Stage.WON) == "closed_won"
    assert json_value(("b", "a")) == ["b", "a"]
    assert json_value(frozenset({"b", "a"})) == ["a", "b"]
    assert json_value({"n": date(2026, 1, 2)}) == {"n": "2026-01-02"}


def test_a_record_is_logged_without_secrets_or_derived_columns():
    deal = Deal("d1", "Cranes", Decimal("10.00"), Stage.WON, ("c1",), None, search="cranes")
    assert loggable(deal) == {
        "id": "d1",
        "name": "Cranes",
        "amount": "10.00",
        "stage": "closed_won",
        "campaign_ids": ["c1"],
        "closed_on": None,
    }
    survey = Survey("s1", token="t0k3n", public_url="https://x/surveys/t0k3n", score=None)
    assert loggable(survey) == {"id": "s1", "score": None}
    assert loggable({"password_hash": "x", "api_key": "y", "name": "z"}) == {"name": "z"}
    assert loggable(None) is None
    with pytest.raises(TypeError):
        loggable(object())


def test_an_update_keeps_only_the_fields_that_changed_on_both_sides():
    before = loggable(Deal("d1", "Cranes", Decimal("10.00"), Stage.WON, ("c1",), None))
    after = loggable(Deal("d1", "Cranes", Decimal("10.0"), Stage.WON, ("c1", "c2"), None))
    assert changed(before, after) == (
        {"amount": "10.00", "campaign_ids": ["c1"]},
        {"amount": "10.0", "campaign_ids": ["c1", "c2"]},
    )
    assert changed(before, before) == ({}, {})
    assert changed({"a": 1}, {"b": 2}) == ({"a": 1}, {"b": 2})


def test_the_actor_is_the_caller_unless_the_system_acts():
    assert current_actor() == ("anonymous", [])
    with bound(Identity("boss", frozenset({"manager", "admin"})), ""):
        assert current_actor() == ("boss", ["admin", "manager"])
        with acting_as_system("sales-consumer"):
            assert current_actor() == ("system:sales-consumer", [])
        assert current_actor()[0] == "boss"
