"""The sales service: leads, customers, contacts, deals, notes and the data dictionary."""

from __future__ import annotations

from typing import Any

import grpc

from crm.sales.v1 import sales_pb2 as pb
from crm.sales.v1 import sales_pb2_grpc
from gateway.clients.messages import as_model, as_page, input_message, query_fields
from gateway.clients.rpc import ServiceClient
from gateway.models.deals import DealHistoryOut, DealList, DealListQuery, DealOut


class SalesClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = sales_pb2_grpc.SalesServiceStub(channel)

    # Deals

    def list_deals(self, query: DealListQuery) -> DealList:
        request = pb.ListDealsRequest(**query_fields(query))
        return as_page(DealList, self._call(self._stub.ListDeals, request))

    def create_deal(self, fields: dict[str, Any]) -> DealOut:
        request = pb.CreateDealRequest(deal=input_message(pb.DealInput, fields))
        return as_model(DealOut, self._call(self._stub.CreateDeal, request))

    def get_deal(self, deal_id: str) -> DealOut:
        return as_model(DealOut, self._call(self._stub.GetDeal, pb.GetRequest(id=deal_id)))

    def update_deal(self, deal_id: str, changes: dict[str, Any]) -> DealOut:
        """Only the fields in `changes` change (the update mask is their names)."""
        request = pb.UpdateDealRequest(
            id=deal_id, deal=input_message(pb.DealInput, changes), update_mask=list(changes)
        )
        return as_model(DealOut, self._call(self._stub.UpdateDeal, request))

    def delete_deal(self, deal_id: str) -> None:
        self._call(self._stub.DeleteDeal, pb.GetRequest(id=deal_id))

    def move_deal(self, deal_id: str, stage: str) -> DealOut:
        request = pb.MoveDealRequest(id=deal_id, stage=stage)
        return as_model(DealOut, self._call(self._stub.MoveDeal, request))

    def deal_history(self, deal_id: str) -> DealHistoryOut:
        reply = self._call(self._stub.ListDealHistory, pb.GetRequest(id=deal_id))
        return as_model(DealHistoryOut, reply)
