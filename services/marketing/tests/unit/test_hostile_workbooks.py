"""Hostile workbooks: shared strings read in flat memory and bounded (hardening #7), and any
part with a DTD or not well-formed refused as "not a workbook" rather than failing (#15)."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from crm_platform.errors import InvalidArgument
from marketing.adapters import shared_strings
from marketing.adapters.spreadsheets import read_rows
from marketing.adapters.xlsx_rows import sheet_rows

STRINGS = "xl/sharedStrings.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


SPREADSHEETML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{SPREADSHEETML}.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{SPREADSHEETML}.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        f'ContentType="{SPREADSHEETML}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="campaigns" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
    # Two rows of two cells, each a shared string: 0 and 1, then 2 and 3.
    "xl/worksheets/sheet1.xml": (
        f'<worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
        "</sheetData></worksheet>"
    ),
}


def workbook_with(tmp_path: Path, table: bytes, **parts: bytes) -> Path:
    """A workbook of two rows whose cells are the first four strings of `table`; `parts`
    replace those of the same name (keyed by PART_KEYS)."""
    replaced = {PART_KEYS[key]: data for key, data in parts.items()}
    path = tmp_path / "campaigns.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in PARTS.items():
            out.writestr(name, replaced.get(name, text))
        out.writestr(STRINGS, table)
    return path


PART_KEYS = {
    "content_types": "[Content_Types].xml",
    "rels": "_rels/.rels",
    "workbook": "xl/workbook.xml",
    "workbook_rels": "xl/_rels/workbook.xml.rels",
    "sheet": "xl/worksheets/sheet1.xml",
}
DTD = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><x>&b;</x>'


@pytest.mark.parametrize("part", PART_KEYS)
@pytest.mark.parametrize("content", [DTD, b"<Types><unclosed>"], ids=["dtd", "not-well-formed"])
def test_any_part_with_a_dtd_or_not_well_formed_is_not_a_workbook(
    tmp_path: Path, part: str, content: bytes
) -> None:
    path = workbook_with(tmp_path, unique_strings(4), **{part: content})
    with pytest.raises(InvalidArgument) as refused:
        list(read_rows(path, "campaigns.xlsx"))
    [violation] = refused.value.violations
    assert violation.field == "file" and "is not an .xlsx workbook" in violation.message


def test_a_package_naming_no_workbook_is_not_a_workbook(tmp_path: Path) -> None:
    types = b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    path = workbook_with(tmp_path, unique_strings(4), content_types=types)
    with pytest.raises(InvalidArgument) as refused:
        list(read_rows(path, "campaigns.xlsx"))
    assert "is not an .xlsx workbook" in refused.value.violations[0].message


def unique_strings(count: int) -> bytes:
    items = b"".join(b"<si><t>%07d unique text</t></si>" % n for n in range(count))
    return b'<sst xmlns="%s" count="%d">' % (MAIN.encode(), count) + items + b"</sst>"


def peak_growth(path: Path) -> int:
    tracemalloc.start()
    try:
        rows = sum(1 for _ in sheet_rows(path))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == 2
    return peak


def test_many_unique_shared_strings_are_parsed_in_flat_memory(tmp_path: Path) -> None:
    # The table's first two strings are the header's: the rest are never used, as in the attack.
    table = unique_strings(300_000).replace(b"0000000 unique text", b"name", 1)
    table = table.replace(b"0000001 unique text", b"type", 1)
    path = workbook_with(tmp_path, table)

    peak = peak_growth(path)

    # openpyxl's list of the 300,000 strings alone is over 25 MB; on disk, a few buffers remain.
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    header, row = sheet_rows(path)
    assert header == ("name", "type") and row == ("0000002 unique text", "0000003 unique text")


def test_rich_text_and_phonetic_runs_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    table = (
        f'<x:sst xmlns:x="{MAIN}"><x:si><x:t>plain</x:t></x:si>'
        "<x:si><x:r><x:t>rich </x:t></x:r><x:r><x:rPr/><x:t>text</x:t></x:r>"
        '<x:rPh sb="0" eb="1"><x:t>phonetic</x:t></x:rPh></x:si><x:si><x:t/></x:si>'
        "<x:si><x:t>中文 x005F_x</x:t></x:si></x:sst>"
    ).encode()
    path = workbook_with(tmp_path, table)
    workbook = load_workbook(path, read_only=True)
    expected = list(workbook.active.iter_rows(values_only=True))
    workbook.close()

    assert list(sheet_rows(path)) == expected == [("plain", "rich text"), ("", "中文 x")]


def test_a_table_over_the_limit_is_refused_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared_strings, "MAX_SHARED_STRINGS", 1000)
    path = workbook_with(tmp_path, unique_strings(1001))

    with pytest.raises(InvalidArgument) as refused:
        list(read_rows(path, "campaigns.xlsx"))

    [violation] = refused.value.violations
    assert violation.field == "file" and "more than 1,000 distinct texts" in violation.message


@pytest.mark.parametrize(
    "table",
    [b'<!DOCTYPE sst [<!ENTITY a "aaaa">]><sst><si><t>&a;</t></si></sst>', b"<sst><si><t>"],
)
def test_a_table_with_a_dtd_or_not_well_formed_is_not_a_workbook(
    tmp_path: Path, table: bytes
) -> None:
    path = workbook_with(tmp_path, table)
    with pytest.raises(InvalidArgument) as refused:
        list(read_rows(path, "campaigns.xlsx"))
    assert "is not an .xlsx workbook" in refused.value.violations[0].message
