"""Reading campaign spreadsheets a row at a time, so any size runs in flat memory: a workbook's
sheet is parsed as it inflates (`xlsx_rows`), CSV is read line by line. (Writing: `xlsx_stream`.)"""

from __future__ import annotations

import csv
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from openpyxl.utils.exceptions import InvalidFileException

from crm_platform.errors import InvalidArgument
from marketing.adapters.xlsx_rows import sheet_rows

FORMATS = (".csv", ".xlsx")
# What a workbook may unpack to, by its zip directory: 100,000 ordinary rows are about 65 MB.
# Beyond it the file is refused before anything is inflated (a "zip bomb" is a few KB of
# zip that inflates to gigabytes).
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024


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
    # A cell may be as long as the (size-limited) upload: the import refuses the row it is in,
    # rather than csv refusing the whole file past its 128 KiB default.
    csv.field_size_limit(sys.maxsize)
    # utf-8-sig: Excel writes a byte-order mark before the header.
    with path.open(newline="", encoding="utf-8-sig") as handle:
        yield from csv.reader(_text_lines(handle))


def _text_lines(lines: Iterable[str]) -> Iterator[str]:
    """The lines of a text file; csv.Error at a NUL, which no text file holds (csv itself
    takes them since Python 3.11, so a binary file that decodes as UTF-8 would pass)."""
    for line in lines:
        if "\0" in line:
            raise csv.Error("it holds a NUL byte")
        yield line


def _xlsx_rows(path: Path) -> Iterator[Sequence[object]]:
    if not zipfile.is_zipfile(path):
        raise InvalidFileException("not a zip archive")
    # zipfile never inflates a member past the size its directory gives, so the sum bounds
    # what openpyxl can read.
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise InvalidArgument.field(
            "file", f"unpacks to more than {MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)} MB"
        )
    yield from sheet_rows(path)
