"""Reads the pages share, through the same adapters as the REST API."""

from __future__ import annotations

from typing import Any

from crm.sales.v1 import sales_pb2 as pb
from crm_platform.request_context import current_correlation_id, current_identity
from gateway.adapters.sales_dictionary import fetch_dictionary
from gateway.entrypoints.sales_calls import list_reply, sales
from gateway.http.current import current_gateway
from gateway.models.notes import NoteOut


def dictionary() -> dict[str, Any]:
    gateway = current_gateway()
    return fetch_dictionary(
        gateway.channels.sales,
        current_identity(),
        current_correlation_id(),
        gateway.settings.grpc_deadline_seconds,
    )


def open_stages(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [stage for stage in stages(data) if not stage["closed"]]


def stages(data: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(data.get("deal_stages", []), key=lambda stage: stage["order"])


def notes(subject: str, subject_id: str) -> list[NoteOut]:
    request = pb.ListNotesRequest(subject=subject, subject_id=subject_id, page_size=100)
    return [
        NoteOut.model_validate(item) for item in list_reply(sales("ListNotes", request))["items"]
    ]
