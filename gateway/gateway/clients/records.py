"""The five calls every sales record kind answers alike: create, get, update by field mask,
delete and list (leads, customers, contacts and deals).

sales.proto names them after the kind (CreateLead(CreateLeadRequest{lead: LeadInput}),
GetLead, UpdateLead, DeleteLead, ListLeads(ListLeadsRequest)), so one class serves all four;
the names are resolved once when the client is built, so a wrong one fails at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from google.protobuf.message import Message
from pydantic import BaseModel

from crm.sales.v1 import sales_pb2 as pb
from gateway.clients.messages import as_model, as_page, input_message, query_fields
from gateway.clients.stale import checked, split_version

V = TypeVar("V", bound=BaseModel)
P = TypeVar("P", bound=BaseModel)


class Records(Generic[V, P]):
    def __init__(
        self, call: Callable[[Any, Any], Any], stub: Any, kind: str, model: type[V], page: type[P]
    ) -> None:
        """`call` is the client's ServiceClient._call: the caller's identity, the deadline and
        the domain errors."""
        self._call, self._model, self._page = call, model, page
        self._field = kind.lower()  # the input's field in the create and update requests
        self._input: type[Message] = getattr(pb, f"{kind}Input")
        self._create_request = getattr(pb, f"Create{kind}Request")
        self._update_request = getattr(pb, f"Update{kind}Request")
        self._list_request = getattr(pb, f"List{kind}sRequest")
        self._rpc = {
            verb: getattr(stub, f"{verb}{kind}") for verb in ("Create", "Get", "Update", "Delete")
        }
        self._list = getattr(stub, f"List{kind}s")

    def create(self, fields: dict[str, Any]) -> V:
        request = self._create_request(**{self._field: input_message(self._input, fields)})
        return as_model(self._model, self._call(self._rpc["Create"], request))

    def get(self, record_id: str) -> V:
        reply = self._call(self._rpc["Get"], pb.GetRequest(id=record_id))
        return as_model(self._model, reply)

    def update(self, record_id: str, changes: dict[str, Any]) -> V:
        """Only the fields in `changes` change (the update mask is their names). A `version`
        among them is the one the caller read: a stale one raises StaleRecord (stale.py)."""
        expected, changes = split_version(changes)
        request = self._update_request(
            id=record_id,
            update_mask=list(changes),
            expected_version=expected,
            **{self._field: input_message(self._input, changes)},
        )
        return checked(
            lambda: as_model(self._model, self._call(self._rpc["Update"], request)),
            expected,
            lambda: self.get(record_id),
        )

    def delete(self, record_id: str) -> None:
        self._call(self._rpc["Delete"], pb.GetRequest(id=record_id))

    def list(self, query: BaseModel) -> P:
        """A page of the kind; the query's fields are the list request's filters."""
        request = self._list_request(**query_fields(query))
        return as_page(self._page, self._call(self._list, request))
