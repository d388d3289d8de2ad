"""Reports as CSV or xlsx files. A text cell beginning with = + - or @ is prefixed with a quote
so that a spreadsheet shows it instead of running it as a formula (CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@")
MEDIA_TYPES = {
    "csv": "text/csv",  # Flask adds the charset (utf-8) to text types
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    # utf-8-sig: Excel reads the byte-order mark as "this is UTF-8".
    return text.getvalue().encode("utf-8-sig")


def to_xlsx(sheet: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(list(header))
    for row in rows:
        worksheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(fmt: str, sheet: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    return to_csv(header, rows) if fmt == "csv" else to_xlsx(sheet, header, rows)
