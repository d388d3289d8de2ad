"""The gateway's audit log: security changes written in the transaction of the change (an
entry exists exactly when its change was committed), read as the services read theirs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from crm_platform.audit.reading import AuditFilter, list_entries
from crm_platform.paging import Page
from gateway.adapters.tables import audit_log

_INSERT_ENTRY = insert(audit_log)


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, entry: Mapping[str, Any]) -> None:
        """One entry: the audit_log's columns by name, `client_address` included."""
        self._session.execute(_INSERT_ENTRY, dict(entry))

    def page(self, where: AuditFilter, *, size: int, token: str) -> tuple[Page, dict[int, str]]:
        """A page of entries, newest first (the platform's reading), and the address of each
        entry that has one, by entry id."""
        found = list_entries(self._session, where, requested_size=size, token=token)
        ids = [entry.id for entry in found.items]
        rows = self._session.execute(
            select(audit_log.c.id, audit_log.c.client_address).where(
                audit_log.c.id.in_(ids), audit_log.c.client_address.is_not(None)
            )
        )
        return found, {row.id: row.client_address for row in rows}
