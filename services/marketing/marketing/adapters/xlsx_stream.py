"""An .xlsx workbook of one sheet written as its rows come, handed out in chunks as the zip
deflates them, so that the first bytes leave before the last row is read and memory holds one
chunk, whatever the number of rows.

openpyxl's write-only mode keeps memory flat too, but it writes the sheet to a temporary file
and zips it only on `save`: nothing can be sent until every row is written (46 s for 200,000
campaigns). Here the zip is written as a stream (sizes in data descriptors after each part, as
zipfile does on an unseekable file), strings inline (no shared-string table to hold), and dates
as serial numbers with the built-in date format, which Excel, LibreOffice and openpyxl read as
dates.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

CHUNK_BYTES = 64 * 1024
_EPOCH = date(1899, 12, 30)  # serial 0 of the 1900 calendar, as Excel counts after February 1900
# Characters XML 1.0 cannot carry at all (openpyxl refuses them); they are left out.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEETML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DATE_STYLE = 1  # the second cell format below: numFmtId 14, the built-in short date


def _parts(sheet: str) -> dict[str, str]:
    """Every part but the sheet itself."""
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEETML}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{_SHEETML}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_SHEETML}.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PACKAGE_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name="{escape(sheet, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PACKAGE_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{_MAIN}">'
            '<fonts count="1"><font/></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="2"><xf/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        ),
    }


class _Sink:
    """A write-only file zipfile writes into (unseekable: it then streams); `take` hands
    out what was written since the last take."""

    def __init__(self) -> None:
        self._pending: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self._pending.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._pending)
        self._pending, self.size = [], 0
        return data


def xlsx_chunks(
    sheet: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Iterator[bytes]:
    """The workbook's bytes, a chunk of about CHUNK_BYTES at a time (the last may be short)."""
    sink = _Sink()
    letters = [get_column_letter(n) for n in range(1, len(header) + 1)]
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:  # type: ignore[arg-type]
        for name, text in _parts(sheet).items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            part.write(_row_xml(1, header, letters))
            for number, row in enumerate(rows, start=2):
                part.write(_row_xml(number, row, letters))
                if sink.size >= CHUNK_BYTES:
                    yield sink.take()
            part.write(b"</sheetData></worksheet>")
    yield sink.take()


def _row_xml(number: int, row: Sequence[object], letters: list[str]) -> bytes:
    cells = "".join(
        _cell_xml(f"{letter}{number}", value)
        for letter, value in zip(letters, row, strict=True)
        if value is not None
    )
    return f'<row r="{number}">{cells}</row>'.encode()


def _cell_xml(reference: str, value: object) -> str:
    if isinstance(value, str):
        text = escape(_NOT_XML.sub("", value))
        return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value!r}</v></c>'
    if isinstance(value, Decimal):
        return f'<c r="{reference}"><v>{value:f}</v></c>'
    if isinstance(value, date) and not isinstance(value, datetime):
        serial = (value - _EPOCH).days
        return f'<c r="{reference}" s="{_DATE_STYLE}"><v>{serial}</v></c>'
    raise TypeError(f"no spreadsheet cell for {type(value).__name__}")
