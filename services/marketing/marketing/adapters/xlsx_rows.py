"""The rows of a workbook's first worksheet as plain values, parsed by expat as the sheet
inflates, so a sheet of any length is read in flat memory.

openpyxl's read-only worksheet spends about a millisecond a row: a first pass over the whole
sheet for its size when the writer left out <dimension> (its own write-only mode does), then
an element tree and several descriptor objects per cell. An import needs only the values.
The shared strings are spilled to disk as they are read (`shared_strings`); the small parts
around the sheet (content types, which styles are dates, the 1904 calendar) are still read by
openpyxl, so each value comes out as openpyxl's
`iter_rows(values_only=True)` gives it: str, int, float, bool, datetime (time or timedelta for
time formats), None for an empty cell; rows missing from the file come out empty, so that the
n-th row yielded is the sheet's row n.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.xml.constants import SHARED_STRINGS

from marketing.adapters.shared_strings import SpilledStrings, spill_shared_strings
from marketing.adapters.xml_parts import check_parts, fed, parser

_CHARTSHEET = "chartsheet"


def sheet_rows(path: Path) -> Iterator[tuple[Any, ...]]:
    """Each row of the first worksheet, from row 1; ValueError (or zipfile's and openpyxl's
    own errors) when the file is not a readable workbook."""
    reader = ExcelReader(str(path), read_only=True, data_only=True)
    shared = None
    try:
        check_parts(reader.archive)
        try:
            reader.read_manifest()
            shared = _shared_strings(reader)
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
        except (OSError, SyntaxError) as error:  # "no valid workbook part"; etree's ParseError
            raise InvalidFileException(str(error)) from error
        cells = _CellValues(shared, reader.wb)
        with reader.archive.open(_first_worksheet(reader)) as source:
            yield from _SheetParser(cells).rows(source)
    finally:
        if shared is not None:
            shared.close()
        reader.archive.close()


def _shared_strings(reader: ExcelReader) -> SpilledStrings:
    """The table openpyxl's `read_strings` would load, from the same part, kept on disk."""
    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return spill_shared_strings(io.BytesIO(b"<sst/>"))
    with reader.archive.open(part.PartName[1:]) as source:
        return spill_shared_strings(source)


def _first_worksheet(reader: ExcelReader) -> str:
    """The part name of the sheet openpyxl's `worksheets[0]` would be."""
    for _sheet, rel in reader.parser.find_sheets():
        if rel.target in reader.valid_files and _CHARTSHEET not in rel.Type:
            return rel.target
    raise InvalidFileException("it holds no worksheet")


class _CellValues:
    """A cell's stored text to its value, by the rules of openpyxl's WorkSheetParser."""

    def __init__(self, shared_strings: Sequence[str], workbook: Any) -> None:
        self._shared = shared_strings
        self._epoch = workbook.epoch
        self._dates = workbook._date_formats
        self._durations = workbook._timedelta_formats

    def value(self, kind: str, style: int, text: str) -> Any:
        if kind == "n":
            number = float(text) if "." in text or "E" in text or "e" in text else int(text)
            if style not in self._dates:
                return number
            try:
                return from_excel(number, self._epoch, timedelta=style in self._durations)
            except (OverflowError, ValueError):
                return "#VALUE!"  # what openpyxl makes of a date serial out of range
        if kind == "s":
            index = int(text)
            if not 0 <= index < len(self._shared):
                raise ValueError(f"shared string {index} does not exist")
            return self._shared[index]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        return text  # "str" (a formula's text result), "e" (an error such as #N/A)


class _SheetParser:
    """expat callbacks gathering <row>s; `rows` feeds the sheet a block at a time and hands
    out the rows each block completed."""

    def __init__(self, cells: _CellValues) -> None:
        self._cells = cells
        self._done: list[tuple[Any, ...]] = []
        self._last_row = 0
        self._row: list[Any] | None = None
        self._column = 0
        self._kind = "n"
        self._style = 0
        self._stored: str | None = None  # the cell's <v> text
        self._inline: list[str] | None = None  # the <t> texts of its <is>, phonetic runs aside
        self._phonetic = False
        self._text: list[str] | None = None  # characters of the <v> or <t> being read

    def rows(self, source: IO[bytes]) -> Iterator[tuple[Any, ...]]:
        # Tags are compared by their local name, so a sheet written with a prefix reads the same.
        sheet = parser(self._start, self._end, self._characters)
        for _block in fed(sheet, source, "the worksheet"):
            yield from self._handed_out()
        yield from self._handed_out()

    def _handed_out(self) -> list[tuple[Any, ...]]:
        done, self._done = self._done, []
        return done

    # One flat method per event, commonest tags first: these run for every cell of the sheet.
    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "c":
            reference = attributes.get("r")
            if reference:
                self._column = column_index_from_string(reference.rstrip("0123456789"))
            else:
                self._column += 1
            self._kind = attributes.get("t", "n")
            self._style = int(attributes.get("s") or 0)
            self._stored = self._inline = None
        elif tag == "t":
            if self._inline is not None and not self._phonetic:
                self._text = []
        elif tag == "v":
            self._text = []
        elif tag == "is":
            self._inline = []
        elif tag == "row":
            self._start_row(attributes)
        elif tag == "rPh":
            self._phonetic = True
        elif ":" in tag:
            self._start(tag.partition(":")[2], attributes)

    def _end(self, tag: str) -> None:
        if tag == "c":
            self._end_cell()
        elif tag == "t":
            if self._text is not None and self._inline is not None:
                self._inline.append("".join(self._text))
            self._text = None
        elif tag == "v":
            if self._text is not None:
                self._stored = "".join(self._text)
            self._text = None
        elif tag == "row":
            if self._row is not None:
                self._done.append(tuple(self._row))
            self._row = None
        elif tag == "rPh":
            self._phonetic = False
        elif ":" in tag:
            self._end(tag.partition(":")[2])

    def _characters(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def _start_row(self, attributes: dict[str, str]) -> None:
        number = int(attributes["r"]) if "r" in attributes else self._last_row + 1
        if number <= self._last_row:
            raise ValueError(f"row {number} comes after row {self._last_row}")
        self._done.extend(() for _ in range(self._last_row + 1, number))
        self._last_row, self._row, self._column = number, [], 0

    def _end_cell(self) -> None:
        if self._row is None:
            return
        if self._kind == "inlineStr":
            value = "".join(self._inline) if self._inline is not None else None
        elif self._stored:
            value = self._cells.value(self._kind, self._style, self._stored)
        else:
            value = None
        row = self._row
        if len(row) < self._column:
            row.extend([None] * (self._column - len(row)))
        row[self._column - 1] = value
