"""Bulk jobs in the gateway's bulk_jobs table."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gateway.adapters.tables import BulkJobRow
from gateway.domain.bulk_job import BulkJob, Refusal


def _job(row: BulkJobRow) -> BulkJob:
    return BulkJob(
        id=row.id,
        user_id=row.user_id,
        kind=row.kind,
        action=row.action,
        value=row.value,
        state=row.state,
        created_at=row.created_at,
        heartbeat_at=row.heartbeat_at,
        total=row.total,
        changed=row.changed,
        refused_count=row.refused_count,
        refusals=[Refusal(item["id"], item["reason"]) for item in row.refusals],
        finished_at=row.finished_at,
        error=row.error,
    )


def _columns(job: BulkJob) -> dict:
    return {
        "state": job.state,
        "total": job.total,
        "changed": job.changed,
        "refused_count": job.refused_count,
        "refusals": [{"id": r.record_id, "reason": r.reason} for r in job.refusals],
        "error": job.error,
        "heartbeat_at": job.heartbeat_at,
        "finished_at": job.finished_at,
    }


class BulkJobRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, job: BulkJob) -> None:
        self._session.add(
            BulkJobRow(
                id=job.id,
                user_id=job.user_id,
                kind=job.kind,
                action=job.action,
                value=job.value,
                created_at=job.created_at,
                **_columns(job),
            )
        )
        self._session.flush()

    def get(self, job_id: str) -> BulkJob | None:
        row = self._session.get(BulkJobRow, job_id)
        return _job(row) if row else None

    def save(self, job: BulkJob) -> None:
        """The job's progress and outcome (what the runner and a stale read change)."""
        row = self._session.get(BulkJobRow, job.id)
        if row is None:
            return
        for name, value in _columns(job).items():
            setattr(row, name, value)
        self._session.flush()
