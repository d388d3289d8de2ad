"""Asks the service that owns a related record, over gRPC and as the caller, whether the caller
can see it: sales for leads, customers, contacts and deals, the service desk for tickets,
marketing for campaigns. Each applies its own visibility rules, so the answer is theirs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import grpc

from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm.service_desk.v1 import service_desk_pb2, service_desk_pb2_grpc
from crm_platform.errors import Unavailable
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import current_correlation_id, current_identity

log = logging.getLogger(__name__)

# A wrong id, or one the caller may not see (the owner answers not found, or refuses a role
# that has no business there at all).
_UNKNOWN = (
    grpc.StatusCode.NOT_FOUND,
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.PERMISSION_DENIED,
)


@dataclass(frozen=True)
class _Lookup:
    owner: str
    method: Callable[..., Any]
    request: Callable[[str], Any]


def _by_id(record_id: str) -> sales_pb2.GetRequest:
    return sales_pb2.GetRequest(id=record_id)


class ServiceRecords:
    def __init__(
        self,
        *,
        sales: grpc.Channel,
        service_desk: grpc.Channel,
        marketing: grpc.Channel,
        timeout: float,
    ) -> None:
        sales_stub = sales_pb2_grpc.SalesServiceStub(sales)
        desk_stub = service_desk_pb2_grpc.ServiceDeskServiceStub(service_desk)
        marketing_stub = marketing_pb2_grpc.MarketingServiceStub(marketing)
        self._lookups = {
            "lead": _Lookup("sales", sales_stub.GetLead, _by_id),
            "customer": _Lookup("sales", sales_stub.GetCustomer, _by_id),
            "contact": _Lookup("sales", sales_stub.GetContact, _by_id),
            "deal": _Lookup("sales", sales_stub.GetDeal, _by_id),
            "ticket": _Lookup(
                "service-desk",
                desk_stub.GetTicket,
                lambda i: service_desk_pb2.GetTicketRequest(id=i),
            ),
            "campaign": _Lookup(
                "marketing",
                marketing_stub.GetCampaign,
                lambda i: marketing_pb2.GetCampaignRequest(id=i),
            ),
        }
        self._timeout = timeout

    def can_see(self, related_type: str, related_id: str) -> bool:
        lookup = self._lookups.get(related_type)
        if lookup is None or not related_id:
            return False
        metadata = outgoing_metadata(current_identity(), current_correlation_id())
        try:
            lookup.method(lookup.request(related_id), metadata=metadata, timeout=self._timeout)
        except grpc.RpcError as error:
            code = error.code() if isinstance(error, grpc.Call) else None
            if code in _UNKNOWN:
                return False
            log.warning("%s did not answer about a %s: %s", lookup.owner, related_type, code)
            raise Unavailable(f"{lookup.owner} cannot check the {related_type} now") from error
        return True
