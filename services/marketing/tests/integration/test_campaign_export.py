"""Exporting campaigns to .xlsx on PostgreSQL, read back with openpyxl."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from marketing.domain.commands import CampaignFilter, CreateCampaign
from marketing.domain.export_cells import COLUMNS
from marketing.service.campaigns import create_campaign
from marketing.service.exports import export_campaigns

MARKETER = Identity("u1", frozenset({"marketing"}))
Uow = Callable[[], UnitOfWork]


def export(new_uow: Uow, path: Path, **criteria) -> None:
    path.write_bytes(b"".join(export_campaigns(new_uow, **criteria)))


def sheet(path: Path) -> list[dict[str, object]]:
    workbook = load_workbook(path, read_only=True)
    try:
        header, *rows = workbook["campaigns"].iter_rows(values_only=True)
    finally:
        workbook.close()
    assert header == COLUMNS
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_selected_ids_or_the_filter_s_matches(tmp_path: Path, pg_uow: Uow) -> None:
    with bound(MARKETER, ""):
        expo = create_campaign(
            pg_uow(),
            CreateCampaign("Expo", "trade_show", start_date="2026-04-01", budget="1250.5",
                           currency="EUR", description="=HYPERLINK(\"http://evil\")"),
        )  # fmt: skip
        mailing = create_campaign(pg_uow(), CreateCampaign("Mailing", "email", status="active"))
        create_campaign(pg_uow(), CreateCampaign("Ads", "advertisement"))

        export(pg_uow, tmp_path / "ids.xlsx", ids=[expo.id], given=CampaignFilter())
        export(pg_uow, tmp_path / "active.xlsx", given=CampaignFilter(status="active"))
        export(pg_uow, tmp_path / "all.xlsx", given=CampaignFilter())

    [row] = sheet(tmp_path / "ids.xlsx")
    assert (row["id"], row["name"], row["budget"], row["currency"]) == (
        expo.id,
        "Expo",
        1250.5,
        "EUR",
    )
    assert row["start_date"].date().isoformat() == "2026-04-01"
    assert row["description"] == '\'=HYPERLINK("http://evil")'  # text, not a formula
    assert [r["id"] for r in sheet(tmp_path / "active.xlsx")] == [mailing.id]
    assert [r["name"] for r in sheet(tmp_path / "all.xlsx")] == ["Ads", "Mailing", "Expo"]


def test_a_caller_who_may_not_read_gets_only_the_header(tmp_path: Path, pg_uow: Uow) -> None:
    with bound(MARKETER, ""):
        create_campaign(pg_uow(), CreateCampaign("Expo", "trade_show"))
    with bound(Identity("d1", frozenset({"service"})), ""):
        export(pg_uow, tmp_path / "none.xlsx", given=CampaignFilter())
    assert sheet(tmp_path / "none.xlsx") == []
