"""The streamed workbook reads back in openpyxl as the values written, and comes in chunks."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from marketing.adapters import xlsx_stream
from marketing.adapters.xlsx_stream import xlsx_chunks


def read(chunks) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(b"".join(chunks)), read_only=True)
    try:
        return list(workbook["campaigns"].iter_rows(values_only=True))
    finally:
        workbook.close()


def test_each_kind_of_value_reads_back_as_written() -> None:
    rows = [['<Expo & "fair">\x01', date(2026, 4, 1), Decimal("1250.50"), 7, 0.5, True, None]]
    header = ["name", "start", "budget", "leads", "rate", "active", "gap"]

    assert read(xlsx_chunks("campaigns", header, rows)) == [
        tuple(header),
        ('<Expo & "fair">', datetime(2026, 4, 1), 1250.5, 7, 0.5, True),  # no cell for None
    ]


def test_a_header_alone_is_a_workbook() -> None:
    assert read(xlsx_chunks("campaigns", ["id", "name"], [])) == [("id", "name")]


def test_rows_leave_in_chunks_as_they_are_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_stream, "CHUNK_BYTES", 1024)
    taken = []

    def rows():
        for n in range(2000):
            taken.append(n)
            yield [f"row {n} {n * 7919 % 10007}"]

    chunks = xlsx_chunks("campaigns", ["name"], rows())
    first = next(chunks)
    assert first.startswith(b"PK") and len(taken) < 2000  # sent before the last row was read
    assert len(read([first, *chunks])) == 2001
