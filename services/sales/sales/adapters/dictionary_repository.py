"""Reads the data dictionary from sales' tables."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from sales.adapters.tables import DealStageRow, DictionaryEntryRow
from sales.domain.dictionary import DealStage, Dictionary, Entry


def load_dictionary(session: Session) -> Dictionary:
    stages = tuple(
        DealStage(r.code, r.name, r.probability, r.sort_order, r.closed, r.won)
        for r in session.scalars(select(DealStageRow).order_by(DealStageRow.sort_order))
    )
    entries: dict[str, list[Entry]] = defaultdict(list)
    rows = session.scalars(
        select(DictionaryEntryRow).order_by(DictionaryEntryRow.kind, DictionaryEntryRow.sort_order)
    )
    for row in rows:
        entries[row.kind].append(Entry(row.code, row.name, row.sort_order))
    return Dictionary(stages, {kind: tuple(values) for kind, values in entries.items()})
