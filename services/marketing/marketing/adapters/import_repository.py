"""An import's own record: started, moved on a chunk at a time, then done or failed."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from marketing.adapters.tables import CampaignImportRow

RUNNING, DONE, FAILED = "running", "done", "failed"


@dataclass
class ImportRun:
    id: str
    owner_id: str
    filename: str
    started_at: datetime
    updated_at: datetime
    state: str = RUNNING
    rows_read: int = 1  # the header
    created: int = 0
    rejected: int = 0


class ImportRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, run: ImportRun) -> None:
        self._session.add(CampaignImportRow(**asdict(run)))

    def save(self, run: ImportRun) -> None:
        values = {k: v for k, v in asdict(run).items() if k not in ("id", "owner_id")}
        self._session.execute(
            update(CampaignImportRow).where(CampaignImportRow.id == run.id).values(**values)
        )

    def get(self, import_id: str) -> ImportRun | None:
        row = self._session.get(CampaignImportRow, import_id)
        if row is None:
            return None
        return ImportRun(**{name: getattr(row, name) for name in ImportRun.__dataclass_fields__})

    def stale(self, before: datetime) -> list[str]:
        """Imports still running that have not moved since `before`: their process died."""
        return list(
            self._session.scalars(
                select(CampaignImportRow.id).where(
                    CampaignImportRow.state == RUNNING, CampaignImportRow.updated_at < before
                )
            )
        )
