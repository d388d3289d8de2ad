"""Bulk jobs: /api/v1/bulk-jobs runs one action on many records in the background (each record
through the same service call as a single change), and answers its progress."""

from __future__ import annotations

from flask import Blueprint, g, url_for
from spectree import SpecTree

from crm_platform.request_context import current_identity
from gateway.domain.bulk_job import BulkJob
from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import clients, current_gateway
from gateway.models.bulk_jobs import BulkJobIn, BulkJobOut, RefusalOut
from gateway.models.common import Problem
from gateway.service import bulk_jobs


def job_out(job: BulkJob) -> BulkJobOut:
    return BulkJobOut(
        id=job.id,
        kind=job.kind,
        action=job.action,
        value=job.value,
        state=job.state,
        total=job.total,
        done=job.done,
        changed=job.changed,
        refused=job.refused_count,
        refusals=[RefusalOut(id=r.record_id, reason=r.reason) for r in job.refusals],
        error=job.error,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


def bulk_jobs_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("bulk_jobs", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "bulk jobs")

    @route("POST", "/bulk-jobs", json=BulkJobIn, HTTP_202=BulkJobOut, HTTP_400=Problem)
    def start_bulk_job(json: BulkJobIn):
        """Start an action on the records named by `ids`, or on all matching `filter`: it runs
        in the background; follow it at the answer's Location. A record the service refuses
        (not yours to change, in use ...) is counted with the reason, the rest go on."""
        job = bulk_jobs.start(
            current_gateway().deps,
            clients(),
            current_identity(),
            json.model_dump(),
        )
        location = url_for("bulk_jobs.get_bulk_job", job_id=job.id)
        return job_out(job), 202, {"Location": location}

    @route("GET", "/bulk-jobs/<job_id>", HTTP_200=BulkJobOut)
    def get_bulk_job(job_id: str):
        """A job you started: its progress, what was refused and why, or why it failed."""
        return job_out(bulk_jobs.get(current_gateway().deps, g.account.id, job_id))

    return bp
