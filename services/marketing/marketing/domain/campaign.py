"""A marketing campaign: what it is, when it runs, and what it may and did cost."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from decimal import Decimal

from crm_platform.errors import InvalidArgument
from crm_platform.validation import Violations
from marketing.domain.commands import CreateCampaign

# The `campaign_types` of the data dictionary.
TYPES = ("conference", "trade_show", "webinar", "email", "advertisement", "partner", "other")
STATUSES = ("planned", "active", "completed", "aborted")
NAME_MAX = 200
DESCRIPTION_MAX = 10_000
OWNER_ID_MAX = 64
# A campaign with no money on it still shows a currency in forms and exports.
DEFAULT_CURRENCY = "USD"
_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(kw_only=True)
class Campaign:
    id: str
    name: str
    type: str
    status: str
    owner_id: str
    start_date: date | None
    end_date: date | None
    budget: Decimal | None
    actual_cost: Decimal | None
    currency: str
    description: str
    created_at: datetime
    updated_at: datetime
    # Kept by the consumer of sales' lead events, never by the campaign's own use cases.
    leads: int = 0
    converted: int = 0
    version: int = 1  # +1 per change (crm_platform.versions)


EDITABLE = tuple(field.name for field in fields(CreateCampaign))


def plan_campaign(command: CreateCampaign, *, now: datetime) -> Campaign:
    """A new campaign from `command`; InvalidArgument naming every bad field at once."""
    return _validated(command, campaign_id=str(uuid.uuid4()), created_at=now, now=now)


def revise_campaign(campaign: Campaign, changes: Mapping[str, str], *, now: datetime) -> Campaign:
    """`campaign` with `changes` applied, the result validated as a whole (a new end date is
    checked against the kept start date, a new budget against the kept currency)."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InvalidArgument.field("update_mask", f"unknown fields: {', '.join(unknown)}")
    command = replace(as_command(campaign), **changes)
    revised = _validated(command, campaign_id=campaign.id, created_at=campaign.created_at, now=now)
    return replace(revised, leads=campaign.leads, converted=campaign.converted)


def as_command(campaign: Campaign) -> CreateCampaign:
    """The campaign as the text a caller would send to create it again."""
    return CreateCampaign(
        name=campaign.name,
        type=campaign.type,
        status=campaign.status,
        owner_id=campaign.owner_id,
        start_date=campaign.start_date.isoformat() if campaign.start_date else "",
        end_date=campaign.end_date.isoformat() if campaign.end_date else "",
        budget=_text(campaign.budget),
        actual_cost=_text(campaign.actual_cost),
        currency=campaign.currency,
        description=campaign.description,
    )


def _validated(
    command: CreateCampaign, *, campaign_id: str, created_at: datetime, now: datetime
) -> Campaign:
    v = Violations()
    start_date = v.date("start_date", command.start_date)
    end_date = v.date("end_date", command.end_date)
    if start_date and end_date and end_date < start_date:
        v.add("end_date", "must be on or after start_date")
    campaign = Campaign(
        id=campaign_id,
        name=v.text("name", command.name, required=True, max_length=NAME_MAX),
        type=v.choice("type", command.type, TYPES),
        status=v.choice("status", command.status or "planned", STATUSES),
        owner_id=v.text("owner_id", command.owner_id, required=True, max_length=OWNER_ID_MAX),
        start_date=start_date,
        end_date=end_date,
        budget=v.money("budget", command.budget),
        actual_cost=v.money("actual_cost", command.actual_cost),
        currency=_currency(v, command),
        description=v.text("description", command.description, max_length=DESCRIPTION_MAX),
        created_at=created_at,
        updated_at=now,
    )
    v.raise_if_any("campaign")
    return campaign


def _text(amount: Decimal | None) -> str:
    return f"{amount:.2f}" if amount is not None else ""


def _currency(v: Violations, command: CreateCampaign) -> str:
    currency = command.currency.strip()
    if not currency:
        if command.budget.strip() or command.actual_cost.strip():
            v.add("currency", "is required when a budget or actual cost is given")
        return DEFAULT_CURRENCY
    if not _CURRENCY.fullmatch(currency):
        v.add("currency", "must be an ISO 4217 code of 3 capital letters, such as EUR")
    return currency
