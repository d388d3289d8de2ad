"""Asks sales, over gRPC, whether a customer and a contact exist before the service desk links
a follow-up or ticket to them."""

from __future__ import annotations

import logging

import grpc

from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm_platform.errors import FieldViolation, InvalidArgument, Unavailable
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import current_correlation_id, current_identity

log = logging.getLogger(__name__)

# A wrong id (or one the caller may not see, which sales answers as not found) is the caller's
# mistake; anything else means sales could not answer.
_UNKNOWN = (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT)


class SalesCustomers:
    def __init__(self, stub: sales_pb2_grpc.SalesServiceStub, timeout: float) -> None:
        self._stub = stub
        self._timeout = timeout

    def look_up(self, customer_id: str = "", contact_id: str = "") -> str:
        """The customer id the contact belongs to ("" when no contact asked); InvalidArgument
        naming each unknown id; Unavailable if sales does not answer within the deadline."""
        metadata = outgoing_metadata(current_identity(), current_correlation_id())
        violations = []
        if customer_id and self._get("GetCustomer", customer_id, metadata) is None:
            violations.append(FieldViolation("customer_id", f"unknown customer: {customer_id}"))
        contact_customer_id = ""
        if contact_id:
            contact = self._get("GetContact", contact_id, metadata)
            if contact is None:
                violations.append(FieldViolation("contact_id", f"unknown contact: {contact_id}"))
            else:
                contact_customer_id = contact.customer_id
        if violations:
            raise InvalidArgument("unknown customer or contact", violations)
        return contact_customer_id

    def _get(self, method: str, record_id: str, metadata):
        try:
            return getattr(self._stub, method)(
                sales_pb2.GetRequest(id=record_id), metadata=metadata, timeout=self._timeout
            )
        except grpc.RpcError as error:
            code = error.code() if isinstance(error, grpc.Call) else None
            if code not in _UNKNOWN:
                log.warning("sales did not answer %s: %s", method, code)
                raise Unavailable("sales cannot check the customer now") from error
            return None
