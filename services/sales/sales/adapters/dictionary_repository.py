"""Reads the data dictionary from sales' tables, through a copy kept while it is current."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from sales.adapters.tables import DealStageRow, DictionaryEntryRow, DictionaryVersionRow
from sales.domain.dictionary import DealStage, Dictionary, Entry

# (version, dictionary) last read. Every command validates against the dictionary, which
# changes about never: one single-row read of the version (replaced by triggers on any change
# to the stages or entries, in the same transaction) says whether this copy still holds. One
# tuple assigned whole, so threads share it without a lock; a race only reads it twice.
_current: tuple[str, Dictionary] | None = None

# A Core select of the table's column, not of the mapped attribute: the ORM's statement
# compilation and result handling cost a fifth of a lead's creation for this one value.
_VERSION = select(DictionaryVersionRow.__table__.c.version)


def load_dictionary(session: Session) -> Dictionary:
    """The dictionary as of this transaction."""
    global _current
    version = session.execute(_VERSION).scalar()
    cached = _current
    if cached is not None and version is not None and cached[0] == version:
        return cached[1]
    dictionary = _read(session)
    if version is not None:
        _current = (version, dictionary)
    return dictionary


def _read(session: Session) -> Dictionary:
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
