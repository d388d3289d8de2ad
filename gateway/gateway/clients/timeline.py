"""The customer timeline, a read model the reporting service keeps from every topic."""

from __future__ import annotations

from typing import Any

import grpc

from crm.reporting.v1 import reporting_pb2 as pb
from crm.reporting.v1 import reporting_pb2_grpc
from gateway.clients.messages import as_data
from gateway.clients.rpc import ServiceClient
from gateway.models.customer_timeline import CustomerTimelineOut

# What reporting leaves empty on an entry and the REST API shows as null.
_NULL_WHEN_EMPTY = ("actor_id", "amount", "currency", "score", "due_at")


class TimelineClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = reporting_pb2_grpc.ReportingServiceStub(channel)

    def customer_timeline(
        self, customer_id: str, page_size: int = 50, page_token: str = ""
    ) -> CustomerTimelineOut:
        """One page of the customer's entries, newest first, as far as the caller may see them,
        with the counts and survey average over all of them; NotFound for a customer the
        caller may not see. Staff names (`owner_name`, `actor_name`) are the gateway's to add."""
        request = pb.CustomerTimelineRequest(
            customer_id=customer_id, page_size=page_size, page_token=page_token
        )
        data = as_data(self._call(self._stub.GetCustomerTimeline, request))
        return CustomerTimelineOut(
            customer=data["customer"],
            owner_name="",
            entries=[_entry(e) for e in data.get("entries", [])],
            counts={name: int(n) for name, n in data.get("counts", {}).items()},
            average_score=data["average_score"] if data.get("has_average_score") else None,
            missing=[],
            truncated=False,
            next_page_token=data.get("next_page_token") or None,
            total=int(data.get("total", 0)),
        )


def _entry(entry: dict[str, Any]) -> dict[str, Any]:
    nulls = {name: None for name in _NULL_WHEN_EMPTY if not entry.get(name)}
    return {**entry, "actor_name": "", **nulls}
