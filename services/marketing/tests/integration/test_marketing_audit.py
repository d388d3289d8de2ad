"""Marketing's audit log, on SQLite and PostgreSQL: campaigns and their notes created, changed,
imported and deleted each leave their entries, written in the change's own transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from crm.events.v1.marketing_events_pb2 import CampaignChanged
from crm_platform.audit.actor import acting_as_system
from crm_platform.audit.reading import AuditFilter, list_entries
from crm_platform.audit.tables import audit_log
from crm_platform.envelope import parse_envelope, unpack
from crm_platform.errors import InvalidArgument
from crm_platform.outbox.tables import outbox
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from marketing import bootstrap
from marketing.adapters.campaign_repository import CampaignRepository
from marketing.adapters.unit_of_work import MarketingUnitOfWork
from marketing.domain.commands import AddNote, CreateCampaign, UpdateCampaign
from marketing.service.attribution import count_lead
from marketing.service.campaigns import create_campaign, delete_campaign, update_campaign
from marketing.service.imports import import_campaigns
from marketing.service.notes import add_note

MANAGER = Identity("boss", frozenset({"manager"}))
EXPO = CreateCampaign(name="Spring expo", type="trade_show", budget="100", currency="EUR")


@pytest.fixture(params=["sqlite", "postgresql"])
def factory(request) -> sessionmaker[Session]:
    if request.param == "sqlite":
        return request.getfixturevalue("session_factory")
    return request.getfixturevalue("migrated_postgres")(bootstrap.MIGRATIONS, "marketing")


@pytest.fixture
def uow(factory) -> Callable[[], UnitOfWork]:
    return lambda: MarketingUnitOfWork(factory, bootstrap.SERVICE_NAME)


def entries(factory, object_type="", object_id=""):
    with factory() as session:
        page = list_entries(
            session, AuditFilter(object_type, object_id), requested_size=200, token=""
        )
    return page.items


def test_a_campaign_change_is_one_entry_with_the_changed_fields(uow, factory):
    with bound(MANAGER, "corr-1"):
        campaign = create_campaign(uow(), EXPO)
        update_campaign(uow(), UpdateCampaign(campaign.id, {"name": "Autumn expo"}))
    updated, created = entries(factory, "campaign", campaign.id)
    assert (created.action, created.actor_id, created.actor_roles) == (
        "created",
        "boss",
        ("manager",),
    )
    assert created.old_values is None and created.new_values["budget"] == "100.00"
    assert (updated.action, updated.correlation_id) == ("updated", "corr-1")
    assert updated.old_values == {
        "name": "Spring expo",
        "updated_at": created.new_values["updated_at"],
    }
    assert updated.new_values["name"] == "Autumn expo" and set(updated.new_values) == {
        "name",
        "updated_at",
    }


def test_an_update_changing_nothing_and_a_refused_one_write_nothing(uow, factory):
    with bound(MANAGER, ""):
        campaign = create_campaign(uow(), EXPO)
        update_campaign(uow(), UpdateCampaign(campaign.id, {"name": "Spring expo"}))
        with pytest.raises(InvalidArgument):
            update_campaign(uow(), UpdateCampaign(campaign.id, {"end_date": "not a date"}))
    assert [e.action for e in entries(factory, "campaign", campaign.id)] == ["created"]


def test_a_rolled_back_unit_of_work_leaves_no_entry(uow, factory):
    with bound(MANAGER, ""):
        campaign = create_campaign(uow(), EXPO)
        work = uow()
        with work:
            CampaignRepository(work.session).delete([campaign.id])
            assert len(entries_in(work.session)) == 2  # visible inside the transaction
            work.rollback()
    assert [e.action for e in entries(factory)] == ["created"]


def entries_in(session):
    return session.execute(select(audit_log.c.id)).all()


def test_deleting_a_campaign_logs_it_and_its_notes(uow, factory):
    with bound(MANAGER, ""):
        campaign = create_campaign(uow(), EXPO)
        note = add_note(uow(), MANAGER, AddNote(campaign.id, "Book the stand"))
        delete_campaign(uow(), campaign.id)
    (deleted_note, _) = entries(factory, "campaign_note", note.id)
    assert deleted_note.action == "deleted"
    assert deleted_note.old_values["body"] == "Book the stand"
    assert entries(factory, "campaign", campaign.id)[0].action == "deleted"


def test_an_import_logs_each_campaign_created(uow, factory, tmp_path: Path):
    path = tmp_path / "campaigns.csv"
    path.write_text("name,type\nExpo A,trade_show\nExpo B,email\n", encoding="utf-8")
    with bound(MANAGER, ""):
        report = import_campaigns(uow, path, "campaigns.csv")
    assert report.created == 2
    names = sorted(e.new_values["name"] for e in entries(factory, "campaign"))
    assert names == ["Expo A", "Expo B"]


def test_an_imported_campaign_is_logged_and_published_as_one_created_alone(
    uow, factory, tmp_path: Path
):
    # The import writes its entries and events in bulk; they must say what create_campaign's
    # one-at-a-time writes say.
    path = tmp_path / "campaigns.csv"
    path.write_text(
        "name,type,budget,currency,start_date\n"
        "Spring expo,trade_show,100,EUR,2026-04-01\n"
        "Spring expo,trade_show,100,EUR,2026-04-01\n",
        encoding="utf-8",
    )
    with bound(MANAGER, "corr-9"):
        alone = create_campaign(uow(), replace(EXPO, start_date="2026-04-01"))
        assert import_campaigns(uow, path, "campaigns.csv").created == 2

    logged = {e.object_id: e for e in entries(factory, "campaign")}
    published = [parse_envelope(payload) for payload in outbox_payloads(factory)]
    imported = [envelope.aggregate_id for envelope in published[1:]]
    assert published[0].aggregate_id == alone.id
    assert set(imported) == set(logged) - {alone.id} and len(imported) == 2
    assert len({e.event_id for e in published}) == 3

    def entry_said(entry):
        values = {k: v for k, v in entry.new_values.items() if k not in STAMPED}
        return (entry.action, entry.actor_id, entry.actor_roles, entry.correlation_id, values)

    def event_said(envelope):
        payload = unpack(envelope, CampaignChanged)
        payload.ClearField("campaign_id")
        actor = (envelope.actor.user_id, tuple(envelope.actor.roles))
        return (envelope.producer, envelope.event_type, envelope.correlation_id, actor, payload)

    for campaign_id in imported:
        assert entry_said(logged[campaign_id]) == entry_said(logged[alone.id])
    for envelope in published[1:]:
        assert event_said(envelope) == event_said(published[0])
        assert envelope.occurred_at.ToDatetime() > datetime(2026, 1, 1)


STAMPED = {"id", "created_at", "updated_at"}


def outbox_payloads(factory) -> list[bytes]:
    with factory() as session:
        return list(session.scalars(select(outbox.c.payload).order_by(outbox.c.id)))


def test_lead_counts_kept_from_events_are_not_user_changes(uow, factory):
    with bound(MANAGER, ""):
        campaign = create_campaign(uow(), EXPO)
    with acting_as_system("marketing-consumer"), factory() as session:
        count_lead(session, [campaign.id])
        session.commit()
    assert [e.action for e in entries(factory, "campaign", campaign.id)] == ["created"]


def test_the_database_refuses_to_change_or_remove_entries(uow, factory):
    with bound(MANAGER, ""):
        create_campaign(uow(), EXPO)
    for statement in (update(audit_log).values(action="nothing"), delete(audit_log)):
        with pytest.raises(DBAPIError, match="append-only"), factory() as session:
            session.execute(statement)
            session.commit()
    assert [e.action for e in entries(factory)] == ["created"]
