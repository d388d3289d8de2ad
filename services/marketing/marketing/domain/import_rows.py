"""Spreadsheet rows to campaign commands: the header names the fields, each row is one campaign.

Rows are numbered as the spreadsheet shows them (the header is row 1), so that a rejected row
can be found and fixed in the file it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from crm_platform.errors import FieldViolation, InvalidArgument
from marketing.domain.campaign import DESCRIPTION_MAX, EDITABLE
from marketing.domain.commands import CreateCampaign

REQUIRED_COLUMNS = ("name", "type")
# A whole file of bad rows must not make the answer itself unbounded; the count stays exact.
MAX_REJECTED_REPORTED = 1000
# No field takes more than the description's 10,000 characters: a longer cell rejects its row
# at once, however long it is, without being parsed.
MAX_CELL_CHARS = DESCRIPTION_MAX


@dataclass(frozen=True)
class RejectedRow:
    row: int
    errors: tuple[FieldViolation, ...]


@dataclass
class ImportReport:
    created: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    rejected_count: int = 0

    def reject(self, row: int, errors: Sequence[FieldViolation]) -> None:
        self.rejected_count += 1
        if len(self.rejected) < MAX_REJECTED_REPORTED:
            self.rejected.append(RejectedRow(row, tuple(errors)))


def header_columns(cells: Sequence[object]) -> dict[int, str]:
    """Column index → campaign field, from the header row; unknown columns are ignored, so an
    exported file (with its id and counts) imports again as it is."""
    columns: dict[int, str] = {}
    for index, cell in enumerate(cells):
        name = cell_text(cell).lower().replace(" ", "_")
        if name in EDITABLE and name not in columns.values():
            columns[index] = name
    missing = [name for name in REQUIRED_COLUMNS if name not in columns.values()]
    if missing:
        raise InvalidArgument.field(
            "file", f"the first row must name the columns; missing: {', '.join(missing)}"
        )
    return columns


def row_command(
    columns: dict[int, str], cells: Sequence[object], default_owner: str
) -> CreateCampaign | None:
    """The campaign a row asks for, as text still to be validated; None for a blank row;
    InvalidArgument naming each cell too long to be any field's value."""
    values = {name: cell_text(cells[i]) if i < len(cells) else "" for i, name in columns.items()}
    if not any(values.values()):
        return None
    too_long = [
        FieldViolation(name, f"must be at most {MAX_CELL_CHARS} characters")
        for name, text in values.items()
        if len(text) > MAX_CELL_CHARS
    ]
    if too_long:
        raise InvalidArgument("cells too long", too_long)
    values["owner_id"] = values.get("owner_id") or default_owner
    return CreateCampaign(**values)


def cell_text(value: object) -> str:
    """A cell as the text a caller would have typed: spreadsheets hand back dates and numbers."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        # Spreadsheets store a date as a midnight datetime; a campaign's dates carry no time.
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        # str() is the float's shortest spelling: 0.1 stays "0.1", not 0.1000000000000000055.
        return format(Decimal(str(value)), "f")
    return str(value).strip()
