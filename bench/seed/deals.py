"""Deals spread over the nine stages: most open, a fifth won, the rest lost. Each with the
stage history and the events sales writes for it (created at its first stage; a closed deal
then moved to its closing stage by the domain's own move rule).

Returned apart: deals at `needs_analysis` set aside for the move scenario and the
event-to-report probe, which nothing else touches."""

from __future__ import annotations

import random
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from crm_platform.outbox.bulk import publish_many
from sales.adapters.deal_repository import DealRepository
from sales.adapters.tables import DealHistoryRow
from sales.domain.deal import Deal
from sales.domain.dictionary import Dictionary
from sales.domain.stages import first_change, history_entry, move_deal
from sales.service.events import (
    DEAL_CLOSED,
    DEAL_STAGE_CHANGED,
    deal_closed,
    deal_stage_changed,
)
from seed.accounts import Accounts, past
from seed.databases import unit_of_work
from seed.sales_rows import insert_records, insert_rows

# Share of deals at each stage (the six open ones first, thinning towards the end of the
# funnel, then won, lost and lost to a competitor).
STAGE_WEIGHTS = {
    "qualification": 16,
    "needs_analysis": 12,
    "value_proposition": 10,
    "decision_makers": 8,
    "proposal": 8,
    "negotiation": 6,
    "closed_won": 20,
    "closed_lost": 12,
    "lost_to_competitor": 8,
}
POOL_STAGE = "needs_analysis"


@dataclass
class SeededDeals:
    ids: list[str]
    owners: list[str]
    pool: list[str]  # open, at POOL_STAGE, reserved


def seed_deals(
    var_dir: Path,
    count: int,
    *,
    pool: int,
    sources: list[str],
    campaigns: list[str],
    accounts: Accounts,
    dictionary: Dictionary,
    rng: random.Random,
) -> SeededDeals:
    now = datetime.now().astimezone()
    open_codes = [s.code for s in dictionary.deal_stages if not s.closed]
    codes, weights = list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values())
    deals, history, stage_events, closed_events = [], [], [], []
    for n in range(count):
        index = rng.randrange(len(accounts.customers))
        customer, contacts = accounts.customers[index], accounts.contacts_of[index]
        target = POOL_STAGE if n < pool else rng.choices(codes, weights)[0]
        created = past(rng, now)
        deal = Deal(
            id=str(uuid.uuid4()),
            name=f"{customer.name} — {rng.choice(('年度采购', '设备订单', 'Q3 order', 'Renewal'))}",
            customer_id=customer.id,
            contact_id=rng.choice(contacts).id if contacts else None,
            amount=Decimal(rng.randint(1_000, 2_000_000)).quantize(Decimal("0.01")),
            currency=rng.choice(("CNY", "CNY", "USD")),
            expected_close_date=(created + timedelta(days=rng.randint(10, 180))).date(),
            stage=target if target in open_codes else rng.choice(open_codes),
            probability=0,
            type=rng.choice(("new_business", "existing_business")),
            source=rng.choice(sources),
            campaign_id=rng.choice(campaigns) if rng.random() < 0.2 else None,
            owner_id=customer.owner_id,
            created_at=created,
            updated_at=created,
        )
        deal.probability = dictionary.stage(deal.stage).probability
        history.append(history_entry(deal, changed_by=deal.owner_id, now=created))
        stage_events.append((deal, first_change(deal, dictionary)))
        if target != deal.stage:  # a closed deal: moved there later by its owner
            moment = created + (now - created) * rng.random()
            deal, change = move_deal(deal, target, dictionary, now=moment)
            history.append(history_entry(deal, changed_by=deal.owner_id, now=moment))
            stage_events.append((deal, change))
            closed_events.append((deal, change))
        deals.append(deal)
    with unit_of_work(var_dir, "sales") as uow:
        insert_records(uow.session, DealRepository, deals)
        insert_rows(uow.session, DealHistoryRow.__table__, [asdict(h) for h in history])
        publish_many(
            uow,
            DEAL_STAGE_CHANGED,
            ((d.id, deal_stage_changed(d, c, d.owner_id)) for d, c in stage_events),
        )
        publish_many(uow, DEAL_CLOSED, ((d.id, deal_closed(d, c)) for d, c in closed_events))
    return SeededDeals(
        ids=[d.id for d in deals],
        owners=[d.owner_id for d in deals],
        pool=[d.id for d in deals[:pool]],
    )
