"""Who sees and changes what, without asking anyone, and when the record's owner must say."""

from __future__ import annotations

from activities.domain import access

from crm_platform.request_context import Identity

REP = Identity("rep", frozenset({"sales"}))
AGENT = Identity("agent", frozenset({"service"}))
MANAGER = Identity("boss", frozenset({"manager"}))


def test_managers_see_all_and_people_see_their_own() -> None:
    assert access.visible_without_asking(MANAGER, people=("x",), related_type="deal")
    assert access.visible_without_asking(REP, people=("rep",), related_type=None)


def test_a_rep_asks_the_owner_of_the_record_and_sees_nothing_unrelated() -> None:
    assert access.visible_without_asking(REP, people=("x",), related_type="deal") is None
    assert access.visible_without_asking(REP, people=("x",), related_type=None) is False


def test_the_service_role_sees_everything_on_customers_and_tickets_only() -> None:
    assert access.visible_without_asking(AGENT, people=("x",), related_type="ticket")
    assert access.visible_without_asking(AGENT, people=("x",), related_type="deal") is None


def test_list_scopes() -> None:
    assert access.list_scope(MANAGER, sees_filtered_record=False).everything
    assert access.list_scope(REP, sees_filtered_record=True).everything
    assert access.list_scope(AGENT, sees_filtered_record=False) == access.Scope(
        everything=False, user_id="agent", related_types=("customer", "ticket")
    )
