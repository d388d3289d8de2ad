"""Calls to the marketing service on behalf of a caller, and its messages as plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from google.protobuf.message import Message

from crm.marketing.v1 import marketing_pb2 as pb
from crm.marketing.v1 import marketing_pb2_grpc
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import Identity

UPLOAD_CHUNK_BYTES = 64 * 1024
FIELDS = (
    "name", "type", "status", "owner_id", "start_date", "end_date", "budget", "actual_cost",
    "currency", "description",
)  # fmt: skip


def call_marketing(
    stub: marketing_pb2_grpc.MarketingServiceStub,
    method: str,
    request: Any,
    identity: Identity,
    correlation_id: str,
    timeout: float,
) -> Any:
    """One RPC (a request message, or an iterator of them for a client stream);
    grpc.RpcError propagates to the gateway's one error handler."""
    return getattr(stub, method)(
        request, metadata=outgoing_metadata(identity, correlation_id), timeout=timeout
    )


def field_text(value: Any) -> str:
    """A request field as the text the service parses; None (cleared) is empty."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def campaign_data(campaign: pb.Campaign) -> dict[str, Any]:
    return {
        "id": campaign.id,
        "name": campaign.name,
        "type": campaign.type,
        "status": campaign.status,
        "owner_id": campaign.owner_id,
        "start_date": campaign.start_date or None,
        "end_date": campaign.end_date or None,
        "budget": campaign.budget.amount if campaign.HasField("budget") else None,
        "actual_cost": campaign.actual_cost.amount if campaign.HasField("actual_cost") else None,
        "currency": campaign.currency,
        "description": campaign.description,
        "leads": campaign.leads,
        "converted": campaign.converted,
        "created_at": campaign.created_at.ToDatetime(dt.UTC),
        "updated_at": campaign.updated_at.ToDatetime(dt.UTC),
    }


def note_data(note: pb.CampaignNote) -> dict[str, Any]:
    return {
        "id": note.id,
        "campaign_id": note.campaign_id,
        "body": note.body,
        "author_id": note.author_id,
        "created_at": note.created_at.ToDatetime(dt.UTC),
        "updated_at": note.updated_at.ToDatetime(dt.UTC),
        "edited": note.edited,
    }


def list_data(reply: Message, item_data) -> dict[str, Any]:
    return {
        "items": [item_data(item) for item in reply.items],
        "next_page_token": reply.next_page_token or None,
        "total": reply.total,
    }


def upload_chunks(filename: str, stream) -> Iterator[pb.ImportCampaignsChunk]:
    """The uploaded file as the service's client stream: the first chunk names it."""
    first = True
    while data := stream.read(UPLOAD_CHUNK_BYTES):
        yield pb.ImportCampaignsChunk(filename=filename if first else "", data=data)
        first = False
    if first:  # an empty file still names itself, so the service can say it is empty
        yield pb.ImportCampaignsChunk(filename=filename)


def import_data(report: pb.ImportCampaignsResponse) -> dict[str, Any]:
    return {
        "created": report.created,
        "rejected": [
            {"row": r.row, "errors": [{"field": e.field, "message": e.message} for e in r.errors]}
            for r in report.rejected
        ],
        "rejected_count": report.rejected_count,
    }
