"""Stores the sales records (domain dataclasses) in their rows and reads them back.

One generic mapping for every record: a dataclass field is the column of the same name; the
folded `search` column is written from the record's own `search_key()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from functools import cache
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Insert, Select, delete, false, insert, select
from sqlalchemy.orm import Session

from crm_platform.audit.recording import record_created, record_deleted, record_updated
from crm_platform.paging import Page, keyset_page
from crm_platform.versions import next_version
from sales.adapters.text_search import matches, not_indexed
from sales.domain.visibility import ListScope

R = TypeVar("R")


class RecordRepository(Generic[R]):
    record_type: type[R]
    row_type: type
    audit_type: str  # the object type its changes are logged under in the audit log

    def __init__(self, session: Session) -> None:
        self.session = session
        self._fields = _stored_fields(self.record_type, self.row_type)

    def add(self, record: R) -> None:
        # Written at once, in call order: rows refer to each other by plain foreign keys,
        # which the session would not know to order; so objects still pending go first.
        self.session.flush()
        # A Core INSERT of one cached statement rather than an ORM object and its flush: a
        # third of a lead's creation went to the unit-of-work machinery for one row that
        # nothing in the session reads back (a later `get` selects it).
        self.session.execute(_insert(self.row_type), self._values(record))
        self._add_links(record)
        record_created(self.session, self.audit_type, self._id(record), record)

    def save(self, record: R, *, action: str = "updated") -> None:
        """Writes the record; `action` names the change in the audit log (a move, a conversion).

        A versioned record (domain/versions.py) leaves at the next version, which `record`
        then carries; the audit log does not list that as a changed field."""
        row = self.session.get(self.row_type, self._id(record))
        before = self._records([row])[0]
        if hasattr(record, "version"):
            record.version = next_version(before)  # type: ignore[attr-defined]
            before = replace(before, version=record.version)  # type: ignore[type-var]
        for name, value in self._values(record).items():
            setattr(row, name, value)
        self.session.flush()
        self._save_links(record)
        record_updated(self.session, self.audit_type, self._id(record), before, record, action)

    def get(self, record_id: str) -> R | None:
        row = self.session.get(self.row_type, record_id)
        return self._records([row])[0] if row is not None else None

    def get_for_update(self, record_id: str) -> R | None:
        """The record, locked until commit on PostgreSQL so two moves or conversions queue."""
        query = select(self.row_type).where(self.row_type.id == record_id).with_for_update()
        row = self.session.scalars(query).one_or_none()
        return self._records([row])[0] if row is not None else None

    def remove(self, record_id: str) -> None:
        before = self.get(record_id)
        self._delete_links(record_id)
        self.session.execute(delete(self.row_type).where(self.row_type.id == record_id))
        if before is not None:
            record_deleted(self.session, self.audit_type, record_id, before)

    def page(self, query: Select, *, page_size: int, page_token: str) -> Page:
        """Newest first; the id breaks ties between rows created in the same instant."""
        order: Sequence[ColumnElement[Any]] = (self.row_type.created_at, self.row_type.id)
        page = keyset_page(
            self.session, query, order, requested_size=page_size, token=page_token, descending=True
        )
        return Page(self._records(page.items), page.next_page_token, page.total)

    def scoped(self, query: Select, scope: ListScope, q: str) -> Select:
        """`query` narrowed to what the caller may see and to the folded text search `q`."""
        if scope.nothing:
            return query.where(false())
        table = self.row_type.__table__
        search = matches(self.session, table, q) if q.strip() else None
        if scope.owner_id is not None:
            owner = not_indexed(table, "owner_id") if search and search.few else table.c.owner_id
            query = query.where(owner == scope.owner_id)
        if search:
            query = query.where(search.condition)
        return query

    @staticmethod
    def _id(record: R) -> str:
        return record.id  # type: ignore[attr-defined]

    # Hooks for records with link tables (campaign ids).
    def _save_links(self, record: R) -> None:
        pass

    def _add_links(self, record: R) -> None:
        """The links of a record just added (none stored yet, so none to replace)."""
        self._save_links(record)

    def _delete_links(self, record_id: str) -> None:
        pass

    def _links(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        return {}

    def _values(self, record: R) -> dict[str, Any]:
        values = {name: getattr(record, name) for name in self._fields}
        values = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
        values["search"] = record.search_key()
        return values

    def _records(self, rows: Sequence[Any]) -> list[R]:
        links = self._links([row.id for row in rows])
        return [self._record(row, links.get(row.id, {})) for row in rows]

    def _record(self, row: Any, links: dict[str, Any]) -> R:
        values = {name: getattr(row, name) for name in self._fields}
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        return self.record_type(**values, **links)


# Once per record type, not per repository: each use case makes its repositories afresh.
@cache
def _stored_fields(record_type: type, row_type: type) -> tuple[str, ...]:
    columns = row_type.__table__.columns.keys()
    return tuple(f.name for f in fields(record_type) if f.name in columns)


@cache
def _insert(row_type: type) -> Insert:
    return insert(row_type.__table__)
