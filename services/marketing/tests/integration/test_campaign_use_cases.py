"""Creating a campaign writes its row and its event in one transaction, or nothing at all."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crm.events.v1 import marketing_events_pb2
from crm_platform.envelope import parse_envelope, unpack
from crm_platform.errors import InvalidArgument, NotFound, Unauthenticated
from crm_platform.outbox.tables import outbox
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.tables import CampaignRow
from marketing.domain.commands import CreateCampaign
from marketing.service.campaigns import create_campaign, get_campaign

MARKETER = Identity("u1", frozenset({"marketing"}))
EXPO = CreateCampaign(
    name="Spring expo",
    type="trade_show",
    start_date="2026-04-01",
    end_date="2026-04-03",
    budget="12500",
    actual_cost="0.5",
    currency="EUR",
)


def counts(session_factory: sessionmaker[Session]) -> tuple[int, int]:
    with session_factory() as session:
        campaigns = session.scalar(select(func.count()).select_from(CampaignRow))
        events = session.scalar(select(func.count()).select_from(outbox))
    return campaigns, events


def test_create_writes_the_campaign_and_one_event(
    new_uow: Callable[[], UnitOfWork], session_factory: sessionmaker[Session]
) -> None:
    with bound(MARKETER, "corr-1"):
        campaign = create_campaign(new_uow(), EXPO)

    assert counts(session_factory) == (1, 1)
    with session_factory() as session:
        row = session.execute(select(outbox)).one()
    assert (row.topic, row.key, row.sent_at) == ("marketing.campaign-changed", campaign.id, None)
    envelope = parse_envelope(row.payload)
    assert (envelope.producer, envelope.aggregate_id) == ("marketing", campaign.id)
    assert (envelope.correlation_id, envelope.actor.user_id) == ("corr-1", "u1")
    event = unpack(envelope, marketing_events_pb2.CampaignChanged)
    assert (event.campaign_id, event.name, event.status, event.owner_id) == (
        campaign.id,
        "Spring expo",
        "planned",
        "u1",
    )
    assert (event.budget.amount, event.budget.currency) == ("12500.00", "EUR")
    assert event.actual_cost.amount == "0.50"
    assert not event.deleted


def test_get_reads_back_what_was_created(new_uow: Callable[[], UnitOfWork]) -> None:
    with bound(MARKETER, ""):
        created = create_campaign(new_uow(), EXPO)

        loaded = get_campaign(new_uow(), created.id)

    assert loaded == created
    assert loaded.budget == Decimal("12500.00")
    assert loaded.created_at.tzinfo is not None


def test_an_explicit_owner_is_kept(new_uow: Callable[[], UnitOfWork]) -> None:
    with bound(MARKETER, ""):
        campaign = create_campaign(new_uow(), CreateCampaign("Webinar", "webinar", owner_id="u9"))
        assert get_campaign(new_uow(), campaign.id).owner_id == "u9"


def test_a_refused_campaign_writes_nothing(
    new_uow: Callable[[], UnitOfWork], session_factory: sessionmaker[Session]
) -> None:
    with bound(MARKETER, ""), pytest.raises(InvalidArgument):
        create_campaign(new_uow(), CreateCampaign(name="", type="trade_show"))

    assert counts(session_factory) == (0, 0)


def test_an_anonymous_caller_is_refused_even_naming_an_owner(
    new_uow: Callable[[], UnitOfWork], session_factory: sessionmaker[Session]
) -> None:
    with pytest.raises(Unauthenticated):
        create_campaign(new_uow(), CreateCampaign(name="Expo", type="trade_show", owner_id="u1"))

    assert counts(session_factory) == (0, 0)


def test_an_unknown_campaign_is_not_found(new_uow: Callable[[], UnitOfWork]) -> None:
    with bound(MARKETER, ""), pytest.raises(NotFound):
        get_campaign(new_uow(), "00000000-0000-0000-0000-000000000000")
