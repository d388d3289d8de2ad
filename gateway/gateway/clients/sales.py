"""The sales service: leads, customers, contacts, deals, notes and the data dictionary."""

from __future__ import annotations

from typing import Any

import grpc

from crm.sales.v1 import sales_pb2 as pb
from crm.sales.v1 import sales_pb2_grpc
from gateway.clients.messages import as_model, as_page, input_message
from gateway.clients.records import Records
from gateway.clients.rpc import ServiceClient
from gateway.models.contacts import ContactList, ContactOut
from gateway.models.customers import CustomerList, CustomerOut
from gateway.models.deals import DealHistoryOut, DealList, DealOut
from gateway.models.dictionary import DictionaryOut
from gateway.models.leads import Converted, LeadList, LeadOut
from gateway.models.notes import NoteList, NoteListQuery, NoteOut


class SalesClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = stub = sales_pb2_grpc.SalesServiceStub(channel)
        # Create, get, update, delete and list of each record kind: `sales.leads.get(lead_id)`.
        self.leads = Records(self._call, stub, "Lead", LeadOut, LeadList)
        self.customers = Records(self._call, stub, "Customer", CustomerOut, CustomerList)
        self.contacts = Records(self._call, stub, "Contact", ContactOut, ContactList)
        self.deals = Records(self._call, stub, "Deal", DealOut, DealList)

    # Leads: CRUD is `leads` (as for every kind: `customers`, `contacts`, `deals`)

    def convert_lead(
        self, lead_id: str, create_deal: bool, deal: dict[str, Any] | None = None
    ) -> Converted:
        """Customer, contact and (with `create_deal`) a deal of `deal`'s fields, all or none."""
        request = pb.ConvertLeadRequest(
            lead_id=lead_id, create_deal=create_deal, deal=input_message(pb.DealInput, deal or {})
        )
        return as_model(Converted, self._call(self._stub.ConvertLead, request))

    def bind_campaign(self, lead_id: str, campaign_id: str) -> LeadOut:
        request = pb.CampaignLinkRequest(lead_id=lead_id, campaign_id=campaign_id)
        return as_model(LeadOut, self._call(self._stub.BindCampaign, request))

    def unbind_campaign(self, lead_id: str, campaign_id: str) -> LeadOut:
        request = pb.CampaignLinkRequest(lead_id=lead_id, campaign_id=campaign_id)
        return as_model(LeadOut, self._call(self._stub.UnbindCampaign, request))

    # Deals: CRUD is `deals`; a move and the history are a deal's own

    def move_deal(self, deal_id: str, stage: str) -> DealOut:
        request = pb.MoveDealRequest(id=deal_id, stage=stage)
        return as_model(DealOut, self._call(self._stub.MoveDeal, request))

    def deal_history(self, deal_id: str) -> DealHistoryOut:
        reply = self._call(self._stub.ListDealHistory, pb.GetRequest(id=deal_id))
        return as_model(DealHistoryOut, reply)

    # Notes on a lead, customer, contact or deal (`subject`), newest first

    def list_notes(self, subject: str, subject_id: str, query: NoteListQuery) -> NoteList:
        request = pb.ListNotesRequest(
            subject=subject,
            subject_id=subject_id,
            page_size=query.page_size,
            page_token=query.page_token or "",
        )
        return as_page(NoteList, self._call(self._stub.ListNotes, request))

    def add_note(self, subject: str, subject_id: str, body: str) -> NoteOut:
        request = pb.AddNoteRequest(subject=subject, subject_id=subject_id, body=body)
        return as_model(NoteOut, self._call(self._stub.AddNote, request))

    def update_note(self, subject: str, subject_id: str, note_id: str, body: str) -> NoteOut:
        request = pb.UpdateNoteRequest(
            subject=subject, subject_id=subject_id, note_id=note_id, body=body
        )
        return as_model(NoteOut, self._call(self._stub.UpdateNote, request))

    def delete_note(self, subject: str, subject_id: str, note_id: str) -> None:
        request = pb.NoteRef(subject=subject, subject_id=subject_id, note_id=note_id)
        self._call(self._stub.DeleteNote, request)

    # The data dictionary

    def dictionary(self) -> DictionaryOut:
        """Value lists: deal stages with probabilities, lead sources and states, and more."""
        reply = self._call(self._stub.GetDictionary, pb.GetDictionaryRequest())
        return as_model(DictionaryOut, reply)
