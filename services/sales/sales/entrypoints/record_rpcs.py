"""The customer, contact and deal RPCs of SalesService."""

from __future__ import annotations

from google.protobuf.empty_pb2 import Empty

from crm.sales.v1 import sales_pb2 as pb
from sales.entrypoints.messages import input_values, list_request, page_message, to_message
from sales.service import contacts, customers, deal_moves, deals


class CustomerRpcs:
    def CreateCustomer(self, request, context):  # noqa: N802 (gRPC's method names)
        customer = customers.create_customer(self._new_uow(), input_values(request.customer))
        return to_message(pb.Customer, customer)

    def GetCustomer(self, request, context):  # noqa: N802
        return to_message(pb.Customer, customers.get_customer(self._new_uow(), request.id))

    def UpdateCustomer(self, request, context):  # noqa: N802
        changes = input_values(request.customer, request.update_mask)
        customer = customers.update_customer(
            self._new_uow(), request.id, changes, expected_version=request.expected_version
        )
        return to_message(pb.Customer, customer)

    def DeleteCustomer(self, request, context):  # noqa: N802
        customers.delete_customer(self._new_uow(), request.id)
        return Empty()

    def ListCustomers(self, request, context):  # noqa: N802
        page = customers.list_customers(
            self._new_uow(),
            list_request("customer", request),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return page_message(pb.ListCustomersResponse, pb.Customer, page)


class ContactRpcs:
    def CreateContact(self, request, context):  # noqa: N802
        contact = contacts.create_contact(self._new_uow(), input_values(request.contact))
        return to_message(pb.Contact, contact)

    def GetContact(self, request, context):  # noqa: N802
        return to_message(pb.Contact, contacts.get_contact(self._new_uow(), request.id))

    def UpdateContact(self, request, context):  # noqa: N802
        changes = input_values(request.contact, request.update_mask)
        contact = contacts.update_contact(
            self._new_uow(), request.id, changes, expected_version=request.expected_version
        )
        return to_message(pb.Contact, contact)

    def DeleteContact(self, request, context):  # noqa: N802
        contacts.delete_contact(self._new_uow(), request.id)
        return Empty()

    def ListContacts(self, request, context):  # noqa: N802
        page = contacts.list_contacts(
            self._new_uow(),
            list_request("contact", request),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return page_message(pb.ListContactsResponse, pb.Contact, page)


class DealRpcs:
    def CreateDeal(self, request, context):  # noqa: N802
        deal = deals.create_deal(self._new_uow(), self._campaigns, input_values(request.deal))
        return to_message(pb.Deal, deal)

    def GetDeal(self, request, context):  # noqa: N802
        return to_message(pb.Deal, deals.get_deal(self._new_uow(), request.id))

    def UpdateDeal(self, request, context):  # noqa: N802
        changes = input_values(request.deal, request.update_mask)
        deal = deals.update_deal(
            self._new_uow(),
            self._campaigns,
            request.id,
            changes,
            expected_version=request.expected_version,
        )
        return to_message(pb.Deal, deal)

    def DeleteDeal(self, request, context):  # noqa: N802
        deals.delete_deal(self._new_uow(), request.id)
        return Empty()

    def ListDeals(self, request, context):  # noqa: N802
        page = deals.list_deals(
            self._new_uow(),
            list_request("deal", request),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return page_message(pb.ListDealsResponse, pb.Deal, page)

    def MoveDeal(self, request, context):  # noqa: N802
        return to_message(pb.Deal, deal_moves.move_deal(self._new_uow(), request.id, request.stage))

    def ListDealHistory(self, request, context):  # noqa: N802
        entries = deal_moves.deal_history(self._new_uow(), request.id)
        return pb.DealHistory(items=[to_message(pb.DealHistoryEntry, e) for e in entries])
