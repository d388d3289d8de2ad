"""A workbook's first sheet read by expat gives the values openpyxl's read-only mode gives."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from marketing.adapters.xlsx_rows import sheet_rows

SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def openpyxl_rows(path: Path) -> list[tuple]:
    """openpyxl's rows with the trailing empty cells it pads up to the sheet's width cut."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    return [_trimmed(row) for row in rows]


def _trimmed(row: tuple) -> tuple:
    cells = list(row)
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def test_a_workbook_with_shared_strings_dates_and_gaps_reads_as_openpyxl_reads_it(
    tmp_path: Path,
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "type", "start_date", "budget", "active"])
    sheet.append(["Expo", "trade_show", datetime(2026, 4, 1), 12500.5, True])
    sheet.append(["Expo", None, date(2026, 5, 2), 300, False])  # a repeated shared string
    sheet["A6"] = "after two missing rows"
    sheet["E6"] = time(9, 30)
    sheet["C7"] = "=1+1"  # a formula openpyxl saved without a cached value
    workbook.create_sheet("second")["A1"] = "not read"
    path = tmp_path / "campaigns.xlsx"
    workbook.save(path)

    rows = [_trimmed(row) for row in sheet_rows(path)]

    assert rows == openpyxl_rows(path)
    assert rows[1] == ("Expo", "trade_show", datetime(2026, 4, 1), 12500.5, True)
    assert rows[3] == rows[4] == ()  # rows 4 and 5 are not in the file, yet are counted
    assert rows[5] == ("after two missing rows", None, None, None, time(9, 30))


def test_a_write_only_workbook_of_inline_strings_reads_as_openpyxl_reads_it(
    tmp_path: Path,
) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("campaigns")
    sheet.append(["name", "type", "budget"])
    for n in range(300):
        sheet.append([f"导入活动 {n} & <co>", "email", n * 1.25])
    path = tmp_path / "campaigns.xlsx"
    workbook.save(path)

    rows = list(sheet_rows(path))

    assert rows == openpyxl_rows(path)
    assert rows[1] == ("导入活动 0 & <co>", "email", 0)
    assert rows[-1] == ("导入活动 299 & <co>", "email", 373.75)


def with_sheet(tmp_path: Path, sheet_xml: str) -> Path:
    """A real workbook whose first sheet is `sheet_xml`."""
    small = tmp_path / "small.xlsx"
    workbook = Workbook()
    workbook.active["A1"] = "placeholder"
    workbook.save(small)
    path = tmp_path / "crafted.xlsx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(path, "w") as out:
        for member in source.infolist():
            data = sheet_xml.encode() if member.filename == SHEET else source.read(member)
            out.writestr(member, data)
    return path


def test_prefixed_tags_rich_text_and_cached_results_read_as_openpyxl_reads_them(
    tmp_path: Path,
) -> None:
    # As some other writers produce: a namespace prefix, rows and cells without references,
    # rich inline text with a phonetic run, a formula's cached text, an error and a boolean.
    path = with_sheet(
        tmp_path,
        f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
        '<x:row><x:c t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c>'
        '<x:c t="inlineStr"><x:is><x:t xml:space="preserve">type </x:t></x:is></x:c></x:row>'
        '<x:row><x:c t="inlineStr"><x:is><x:r><x:t>Ex</x:t></x:r><x:r><x:t>po</x:t></x:r>'
        '<x:rPh sb="0" eb="2"><x:t>えくすぽ</x:t></x:rPh></x:is></x:c>'
        '<x:c t="str"><x:f>LOWER("EMAIL")</x:f><x:v>email</x:v></x:c>'
        '<x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c>'
        '<x:c r="F2"><x:v>1.5E3</x:v></x:c><x:c r="G2" t="n"><x:v></x:v></x:c></x:row>'
        "</x:sheetData></x:worksheet>",
    )

    rows = list(sheet_rows(path))

    assert [_trimmed(row) for row in rows] == openpyxl_rows(path)
    assert rows == [("name", "type "), ("Expo", "email", "#N/A", True, None, 1500.0, None)]


@pytest.mark.parametrize(
    ("sheet_xml", "message"),
    [
        (
            '<!DOCTYPE lol [<!ENTITY lol "lol">]>'
            f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>',
            "may not declare a DTD",
        ),
        (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">', "not well-formed"),
        (
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c t="s"><v>99</v></c></row>'
            "</sheetData></worksheet>",
            "shared string 99 does not exist",
        ),
        (
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="2"/><row r="1"/>'
            "</sheetData></worksheet>",
            "row 1 comes after row 2",
        ),
    ],
)
def test_a_sheet_that_does_not_read_is_a_value_error(
    sheet_xml: str, message: str, tmp_path: Path
) -> None:
    path = with_sheet(tmp_path, sheet_xml)

    with pytest.raises(ValueError, match=message):
        list(sheet_rows(path))
