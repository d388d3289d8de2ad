"""Exported cells cannot run as formulas when the file is opened."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketing.domain.campaign import plan_campaign
from marketing.domain.commands import CreateCampaign
from marketing.domain.export_cells import COLUMNS, export_row, safe_cell


@pytest.mark.parametrize(
    "text", ["=1+2", "+33 1 23", "-2+3", "@SUM(A1)", "\t=x", "\r=x", '=HYPERLINK("http://x")']
)
def test_formula_like_text_is_escaped(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Expo", "", "a=b", "2026 launch", "'quoted"])
def test_plain_text_is_kept(text: str) -> None:
    assert safe_cell(text) == text


def test_a_row_has_every_column_with_text_fields_escaped() -> None:
    campaign = plan_campaign(
        CreateCampaign(name="=cmd|' /C calc'!A0", type="email", owner_id="u1",
                       description="@risky", budget="5", currency="EUR"),
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )  # fmt: skip

    row = dict(zip(COLUMNS, export_row(campaign), strict=True))

    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert row["description"] == "'@risky"
    assert (str(row["budget"]), row["currency"], row["leads"]) == ("5.00", "EUR", 0)
    assert row["created_at"] == "2026-01-01T00:00:00+00:00"
