"""Reading and writing campaign spreadsheets a row at a time, so any size runs in flat memory:
openpyxl's read-only mode parses the sheet as it goes, its write-only mode writes rows out as
they come; CSV is read line by line."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from crm_platform.errors import InvalidArgument

FORMATS = (".csv", ".xlsx")


def file_format(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in FORMATS:
        raise InvalidArgument.field("file", "must be a .csv or an .xlsx file")
    return suffix


def read_rows(path: Path, filename: str) -> Iterator[Sequence[object]]:
    """The rows of the file, header first; InvalidArgument on `file` when it is not the kind
    of file its name claims, found out at the first row that does not read."""
    reader = _csv_rows if file_format(filename) == ".csv" else _xlsx_rows
    try:
        yield from reader(path)
    except (UnicodeDecodeError, csv.Error) as error:
        raise InvalidArgument.field("file", f"is not a UTF-8 CSV file ({error})") from error
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise InvalidArgument.field("file", f"is not an .xlsx workbook ({error})") from error


def _csv_rows(path: Path) -> Iterator[Sequence[object]]:
    # utf-8-sig: Excel writes a byte-order mark before the header.
    with path.open(newline="", encoding="utf-8-sig") as handle:
        yield from csv.reader(handle)


def _xlsx_rows(path: Path) -> Iterator[Sequence[object]]:
    if not zipfile.is_zipfile(path):
        raise InvalidFileException("not a zip archive")
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def write_xlsx(path: Path, sheet: str, header: Sequence[str], rows: Iterable[list]) -> None:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(row)
    workbook.save(path)
