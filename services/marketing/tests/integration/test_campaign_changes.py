"""Updating and deleting campaigns on PostgreSQL: the change and its event, or nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crm.events.v1 import marketing_events_pb2
from crm_platform.envelope import parse_envelope, unpack
from crm_platform.errors import InvalidArgument, NotFound, PermissionDenied
from crm_platform.outbox.tables import outbox
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from marketing.domain.commands import AddNote, CreateCampaign, UpdateCampaign
from marketing.service.campaigns import (
    create_campaign,
    delete_campaign,
    delete_campaigns,
    get_campaign,
    update_campaign,
)
from marketing.service.notes import add_note, list_notes

MARKETER = Identity("u1", frozenset({"marketing"}))
SALES = Identity("s1", frozenset({"sales"}))
SERVICE = Identity("d1", frozenset({"service"}))
EXPO = CreateCampaign("Expo", "trade_show", start_date="2026-04-01", budget="100", currency="EUR")

Uow = Callable[[], UnitOfWork]


def events(session_factory: sessionmaker[Session]) -> list[marketing_events_pb2.CampaignChanged]:
    with session_factory() as session:
        payloads = session.scalars(select(outbox.c.payload).order_by(outbox.c.id))
        return [unpack(parse_envelope(p), marketing_events_pb2.CampaignChanged) for p in payloads]


def test_update_changes_the_named_fields_and_publishes(
    pg_uow: Uow, pg_session_factory: sessionmaker[Session]
) -> None:
    with bound(MARKETER, ""):
        created = create_campaign(pg_uow(), EXPO)
        updated = update_campaign(
            pg_uow(), UpdateCampaign(created.id, {"status": "active", "end_date": "2026-04-03"})
        )
        loaded = get_campaign(pg_uow(), created.id)

    assert loaded == updated
    assert (loaded.status, loaded.name, str(loaded.budget)) == ("active", "Expo", "100.00")
    assert loaded.updated_at > loaded.created_at
    last = events(pg_session_factory)[-1]
    assert (last.status, last.start_date, last.end_date, last.currency) == (
        "active",
        "2026-04-01",
        "2026-04-03",
        "EUR",
    )


def test_a_refused_update_writes_nothing(
    pg_uow: Uow, pg_session_factory: sessionmaker[Session]
) -> None:
    with bound(MARKETER, ""):
        created = create_campaign(pg_uow(), EXPO)
        with pytest.raises(InvalidArgument):
            update_campaign(pg_uow(), UpdateCampaign(created.id, {"end_date": "2026-03-01"}))
        assert get_campaign(pg_uow(), created.id) == created
    assert len(events(pg_session_factory)) == 1


def test_sales_reads_but_may_not_change_and_others_see_nothing(pg_uow: Uow) -> None:
    with bound(MARKETER, ""):
        created = create_campaign(pg_uow(), EXPO)
    with bound(SALES, ""):
        assert get_campaign(pg_uow(), created.id).id == created.id
        with pytest.raises(PermissionDenied):
            update_campaign(pg_uow(), UpdateCampaign(created.id, {"name": "Mine"}))
    with bound(SERVICE, ""):
        with pytest.raises(NotFound):
            get_campaign(pg_uow(), created.id)
        with pytest.raises(NotFound):
            delete_campaign(pg_uow(), created.id)


def test_delete_publishes_deleted_and_takes_the_notes_along(
    pg_uow: Uow, pg_session_factory: sessionmaker[Session]
) -> None:
    with bound(MARKETER, ""):
        created = create_campaign(pg_uow(), EXPO)
        add_note(pg_uow(), MARKETER, AddNote(created.id, "Booth 12"))
        delete_campaign(pg_uow(), created.id)
        with pytest.raises(NotFound):
            get_campaign(pg_uow(), created.id)
        with pytest.raises(NotFound):
            list_notes(pg_uow(), MARKETER, created.id)
        with pytest.raises(NotFound):
            delete_campaign(pg_uow(), created.id)

    last = events(pg_session_factory)[-1]
    assert (last.campaign_id, last.deleted, last.name) == (created.id, True, "Expo")


def test_bulk_delete_counts_only_what_existed(
    pg_uow: Uow, pg_session_factory: sessionmaker[Session]
) -> None:
    with bound(MARKETER, ""):
        ids = [create_campaign(pg_uow(), EXPO).id for _ in range(3)]
        kept = create_campaign(pg_uow(), EXPO)
        deleted = delete_campaigns(pg_uow(), [*ids, ids[0], "no-such-id"])
        assert get_campaign(pg_uow(), kept.id) == kept

    assert deleted == 3
    assert sorted(e.campaign_id for e in events(pg_session_factory) if e.deleted) == sorted(ids)
