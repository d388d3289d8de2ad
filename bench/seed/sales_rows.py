"""Sales records (the domain dataclasses) inserted as their rows in bulk.

The row values come from the repository's own mapping (`_values`: the record's columns plus
the folded `search` text, and `name_key` for customers), so a seeded row is exactly the row the
app writes; the insert is one multi-row Core statement instead of a flush per record.

The seeded history gets no audit-log entries: no measured path reads the audit log, and
writing one per record (`record_many_created`) took a third of the seeding time."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert
from sqlalchemy.orm import Session

BATCH = 5_000


def insert_records(session: Session, repository_type: type, records: Sequence) -> None:
    repository = repository_type(session)
    table = repository.row_type.__table__
    for start in range(0, len(records), BATCH):
        chunk = records[start : start + BATCH]
        session.execute(insert(table), [repository._values(r) for r in chunk])


def insert_rows(session: Session, table, rows: Sequence[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        session.execute(insert(table), list(rows[start : start + BATCH]))
