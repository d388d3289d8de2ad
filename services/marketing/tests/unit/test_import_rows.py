"""Spreadsheet rows to campaign commands: header mapping, cell text and the reject report."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from crm_platform.errors import FieldViolation, InvalidArgument
from marketing.domain.commands import CreateCampaign
from marketing.domain.import_rows import (
    MAX_CELL_CHARS,
    MAX_REJECTED_REPORTED,
    ImportReport,
    cell_text,
    header_columns,
    row_command,
)


def test_headers_map_to_fields_in_any_case_and_order() -> None:
    columns = header_columns([" Type ", "Name", "Start Date", "id", "leads", None, "budget"])
    assert columns == {0: "type", 1: "name", 2: "start_date", 6: "budget"}


def test_a_header_without_name_or_type_is_a_file_error() -> None:
    with pytest.raises(InvalidArgument) as refused:
        header_columns(["title", "budget"])
    [violation] = refused.value.violations
    assert violation.field == "file" and "name, type" in violation.message


def test_a_row_becomes_a_command_with_the_importer_as_default_owner() -> None:
    columns = header_columns(["name", "type", "budget", "currency", "start_date", "owner_id"])

    command = row_command(
        columns, ["Expo", "trade_show", 12500.5, "EUR", datetime(2026, 4, 1)], "u1"
    )

    assert command == CreateCampaign(
        name="Expo",
        type="trade_show",
        budget="12500.5",
        currency="EUR",
        start_date="2026-04-01",
        owner_id="u1",
    )


def test_a_blank_row_is_skipped() -> None:
    columns = header_columns(["name", "type"])
    assert row_command(columns, [None, "  "], "u1") is None
    assert row_command(columns, [], "u1") is None


@pytest.mark.parametrize(
    ("cell", "text"),
    [(None, ""), (" x ", "x"), (3, "3"), (0.1, "0.1"), (1e-7, "0.0000001"),
     (Decimal("2.50"), "2.50"), (date(2026, 1, 2), "2026-01-02"),
     (datetime(2026, 1, 2, 0, 0), "2026-01-02")],
)  # fmt: skip
def test_cells_read_as_typed_text(cell: object, text: str) -> None:
    assert cell_text(cell) == text


def test_the_report_counts_every_rejection_but_lists_a_bounded_number() -> None:
    report = ImportReport()
    for row in range(2, MAX_REJECTED_REPORTED + 12):
        report.reject(row, [FieldViolation("name", "is required")])

    assert report.rejected_count == MAX_REJECTED_REPORTED + 10
    assert len(report.rejected) == MAX_REJECTED_REPORTED
    assert report.rejected[0].row == 2


def test_a_cell_too_long_for_any_field_rejects_the_row_by_field() -> None:
    columns = header_columns(["name", "type", "description", "notes"])
    long = "x" * (MAX_CELL_CHARS + 1)

    with pytest.raises(InvalidArgument) as refused:
        row_command(columns, [long, "email", long, long], "u1")  # "notes" is not a field

    assert [v.field for v in refused.value.violations] == ["name", "description"]
    assert row_command(columns, ["x" * MAX_CELL_CHARS, "email"], "u1") is not None
