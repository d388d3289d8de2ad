"""What a campaign looks like as a spreadsheet row, safe to open in Excel or LibreOffice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from marketing.domain.campaign import Campaign

COLUMNS = (
    "id", "name", "type", "status", "owner_id", "start_date", "end_date", "budget",
    "actual_cost", "currency", "description", "leads", "converted", "created_at", "updated_at",
)  # fmt: skip
# A text cell starting with one of these is run as a formula by spreadsheet programs
# (OWASP "CSV injection"); a leading apostrophe makes them show it as text instead.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def export_row(campaign: Campaign) -> list[str | date | Decimal | int | None]:
    return [
        campaign.id,
        safe_cell(campaign.name),
        campaign.type,
        campaign.status,
        safe_cell(campaign.owner_id),
        campaign.start_date,
        campaign.end_date,
        campaign.budget,
        campaign.actual_cost,
        campaign.currency,
        safe_cell(campaign.description),
        campaign.leads,
        campaign.converted,
        # Spreadsheet cells hold no time zone: ISO text with its offset says what it means.
        campaign.created_at.isoformat(),
        campaign.updated_at.isoformat(),
    ]
