"""Bulk jobs: start one (its records named, or "all matching" a list's filter), run it in a
thread of this worker, and read its progress.

The thread calls the services as the user who started the job (their identity bound as a
request would), one record at a time, and writes the progress at most every PROGRESS_EVERY
seconds, which is also its heartbeat: a read finds a job whose worker died (domain/bulk_job.py).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from crm_platform.errors import DomainError, InvalidArgument, NotFound
from crm_platform.request_context import Identity, bound, new_correlation_id
from gateway.domain.bulk_job import MAX_RECORDS, RUNNING, BulkJob, check_request
from gateway.service.bulk_records import KINDS, filter_query, matching_ids
from gateway.service.dependencies import Dependencies

if TYPE_CHECKING:
    from gateway.clients import ServiceClients

log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5  # seconds between progress writes
DIED = "The gateway worker running this job stopped before it finished"


def start(
    deps: Dependencies,
    clients: ServiceClients,
    identity: Identity,
    request: dict[str, Any],
) -> BulkJob:
    """`request`: kind, action, value, and ids or filter (a dict of the kind's list filters)."""
    kind, action = request["kind"], request["action"]
    value = request.get("value") or ""
    check_request(kind, action, value)
    ids, filters = request.get("ids"), request.get("filter")
    if (ids is None) == (filters is None):
        raise InvalidArgument.field("ids", "Name the records (ids) or a filter, not both")
    query = filter_query(kind, filters) if filters is not None else None
    if ids is not None and not 1 <= len(ids) <= MAX_RECORDS:
        raise InvalidArgument.field("ids", f"From 1 to {MAX_RECORDS} ids")
    now = deps.clock()
    job = BulkJob(
        id=str(uuid.uuid4()),
        user_id=identity.user_id,
        kind=kind,
        action=action,
        value=value,
        state=RUNNING,
        created_at=now,
        heartbeat_at=now,
        total=len(ids) if ids is not None else 0,
    )
    with deps.uow() as uow:
        uow.bulk_jobs.add(job)
        uow.commit()
    runner = _Runner(deps, clients, identity, job)
    thread = threading.Thread(
        target=runner.run, args=(list(ids or []), query), name=f"bulk-{job.id}", daemon=True
    )
    thread.start()
    return job


def get(deps: Dependencies, user_id: str, job_id: str) -> BulkJob:
    """The user's own job; one left running by a worker that died is marked failed here."""
    with deps.uow() as uow:
        job = uow.bulk_jobs.get(job_id)
        if job is None or job.user_id != user_id:
            raise NotFound("No such bulk job")
        now = deps.clock()
        if job.orphaned(now):
            job.fail(now, DIED)
            uow.bulk_jobs.save(job)
            uow.commit()
        return job


class _Runner:
    def __init__(
        self, deps: Dependencies, clients: ServiceClients, identity: Identity, job: BulkJob
    ) -> None:
        self._deps, self._clients, self._identity, self._job = deps, clients, identity, job
        self._saved_at = 0.0

    def run(self, ids: list[str], query: BaseModel | None) -> None:
        job = self._job
        with bound(self._identity, new_correlation_id()):
            try:
                if query is not None:
                    ids = matching_ids(self._clients, job.kind, query, MAX_RECORDS)
                    job.total = len(ids)
                    self._save(force=True)
                self._apply_all(ids)
                job.finish(self._deps.clock())
            except DomainError as refused:
                job.fail(self._deps.clock(), refused.message)
            except Exception as error:
                log.exception("bulk job %s failed", job.id)
                job.fail(self._deps.clock(), f"Internal error: {type(error).__name__}")
            self._save(force=True)

    def _apply_all(self, ids: list[str]) -> None:
        action = KINDS[self._job.kind].actions[self._job.action]
        for record_id in ids:
            try:
                action(self._clients, record_id, self._job.value)
                self._job.changed += 1
            except DomainError as refused:
                self._job.refuse(record_id, refused.message or type(refused).__name__)
            self._save()

    def _save(self, force: bool = False) -> None:
        if not force and time.monotonic() - self._saved_at < PROGRESS_EVERY:
            return
        self._job.heartbeat_at = self._deps.clock()
        with self._deps.uow() as uow:
            uow.bulk_jobs.save(self._job)
            uow.commit()
        self._saved_at = time.monotonic()
