"""Campaigns, written the way marketing's import writes them: planned by the domain, inserted
with the repository's multi-row insert (audit entries included), one event each."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from crm_platform.outbox.bulk import publish_many
from marketing.adapters.campaign_repository import CampaignRepository
from marketing.domain.campaign import STATUSES, TYPES, plan_campaign
from marketing.domain.commands import CreateCampaign
from marketing.service.events import CAMPAIGN_CHANGED, campaign_changed
from seed.databases import unit_of_work

THEMES = ("春季展销会", "秋季新品发布", "Canton Fair", "Spring Webinar", "行业峰会", "Email Blast")


def seed_campaigns(var_dir: Path, count: int, owners: list[str], rng: random.Random) -> list[str]:
    now, today = datetime.now(UTC), date.today()
    campaigns = []
    for n in range(count):
        start = today - timedelta(days=rng.randint(0, 720))
        budget = rng.randint(5, 500) * 1000
        command = CreateCampaign(
            name=f"{rng.choice(THEMES)} {start.year} #{n + 1}",
            type=rng.choice(TYPES),
            status=rng.choice(STATUSES),
            owner_id=rng.choice(owners),
            start_date=start.isoformat(),
            end_date=(start + timedelta(days=rng.randint(1, 90))).isoformat(),
            budget=f"{budget}.00",
            actual_cost=f"{budget * rng.randint(50, 120) // 100}.00",
            currency=rng.choice(("CNY", "USD")),
        )
        campaigns.append(plan_campaign(command, now=now))
    with unit_of_work(var_dir, "marketing") as uow:
        CampaignRepository(uow.session).add_many(campaigns)
        publish_many(uow, CAMPAIGN_CHANGED, ((c.id, campaign_changed(c)) for c in campaigns))
    return [c.id for c in campaigns]
