"""A batch of sales' lead events, as the consumer hands it over, counted per campaign with one
statement: each lead once per campaign it names, unknown campaigns ignored (PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from crm.events.v1 import sales_events_pb2 as sa
from crm_platform.envelope import build_envelope
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from marketing.domain.commands import CreateCampaign
from marketing.entrypoints.event_handlers import (
    on_lead_created,
    on_leads_converted,
    on_leads_created,
)
from marketing.service.attribution import per_campaign
from marketing.service.campaigns import create_campaign, get_campaign

MARKETER = Identity("u1", frozenset({"marketing"}))


def envelope(topic: str, payload):
    return build_envelope(topic=topic, aggregate_id=payload.lead_id, payload=payload, producer="t")


def test_a_lead_naming_a_campaign_twice_counts_once_for_it():
    assert per_campaign([["a", "b", "a"], ["a"], []]) == {"a": 2, "b": 1}


def test_a_batch_counts_each_lead_once_per_campaign(
    pg_uow: Callable[[], UnitOfWork], pg_session_factory: sessionmaker[Session]
) -> None:
    with bound(MARKETER, ""):
        expo = create_campaign(pg_uow(), CreateCampaign("Expo", "trade_show")).id
        mailing = create_campaign(pg_uow(), CreateCampaign("Mailing", "email")).id
    created = [
        envelope("sales.lead-created", sa.LeadCreated(lead_id=f"l{i}", campaign_ids=ids))
        for i, ids in enumerate([[expo], [expo, mailing, expo], [mailing], ["gone"], []])
    ]
    converted = [
        envelope("sales.lead-converted", sa.LeadConverted(lead_id="l1", campaign_ids=[expo]))
    ]
    with pg_session_factory() as session:
        on_leads_created(session, created)
        on_leads_converted(session, converted)
        on_lead_created(session, created[0])  # the per-event fallback: a batch of one
        session.commit()
    with bound(MARKETER, ""):
        counts = [(c.leads, c.converted) for c in (get_campaign(pg_uow(), expo),
                                                   get_campaign(pg_uow(), mailing))]  # fmt: skip
    assert counts == [(3, 1), (2, 0)]
