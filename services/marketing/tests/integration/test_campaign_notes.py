"""Notes on a campaign, on PostgreSQL: who wrote them and when, edited or not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from crm_platform.errors import NotFound, PermissionDenied
from crm_platform.request_context import Identity, bound
from marketing.adapters.unit_of_work import MarketingUnitOfWork
from marketing.domain.commands import AddNote, CreateCampaign, EditNote
from marketing.service.campaigns import create_campaign
from marketing.service.notes import add_note, delete_note, list_notes, update_note

AUTHOR = Identity("u1", frozenset({"marketing"}))
COLLEAGUE = Identity("u2", frozenset({"marketing"}))
MANAGER = Identity("m1", frozenset({"manager"}))
Uow = Callable[[], MarketingUnitOfWork]


@pytest.fixture
def campaign_id(pg_uow: Uow) -> str:
    with bound(AUTHOR, ""):
        return create_campaign(pg_uow(), CreateCampaign("Expo", "trade_show")).id


def test_add_edit_list_delete(pg_uow: Uow, campaign_id: str) -> None:
    with bound(AUTHOR, ""):
        first = add_note(pg_uow(), AUTHOR, AddNote(campaign_id, " Booth 12 "))
        second = add_note(pg_uow(), AUTHOR, AddNote(campaign_id, "Order flyers"))
        edited = update_note(pg_uow(), AUTHOR, EditNote(campaign_id, first.id, "Booth 14"))
        page = list_notes(pg_uow(), AUTHOR, campaign_id)

    assert [(n.body, n.author_id, n.edited) for n in page.items] == [
        ("Booth 14", "u1", True),
        ("Order flyers", "u1", False),
    ]
    assert page.total == 2 and page.items[0] == edited
    assert edited.created_at == first.created_at < edited.updated_at
    assert first.body == "Booth 12"

    with bound(MANAGER, ""):
        delete_note(pg_uow(), MANAGER, campaign_id, second.id)
        assert [n.id for n in list_notes(pg_uow(), MANAGER, campaign_id).items] == [first.id]


def test_only_the_author_or_a_manager_changes_a_note(pg_uow: Uow, campaign_id: str) -> None:
    with bound(AUTHOR, ""):
        note = add_note(pg_uow(), AUTHOR, AddNote(campaign_id, "Mine"))
    with bound(COLLEAGUE, ""):
        with pytest.raises(PermissionDenied):
            update_note(pg_uow(), COLLEAGUE, EditNote(campaign_id, note.id, "Ours"))
        with pytest.raises(PermissionDenied):
            delete_note(pg_uow(), COLLEAGUE, campaign_id, note.id)
    with bound(MANAGER, ""):
        assert (
            update_note(pg_uow(), MANAGER, EditNote(campaign_id, note.id, "Fixed")).body == "Fixed"
        )


def test_a_note_is_reached_only_through_its_campaign(pg_uow: Uow, campaign_id: str) -> None:
    with bound(AUTHOR, ""):
        other = create_campaign(pg_uow(), CreateCampaign("Other", "email")).id
        note = add_note(pg_uow(), AUTHOR, AddNote(campaign_id, "Here"))
        with pytest.raises(NotFound):
            update_note(pg_uow(), AUTHOR, EditNote(other, note.id, "There"))
        with pytest.raises(NotFound):
            add_note(pg_uow(), AUTHOR, AddNote("no-such-campaign", "x"))
