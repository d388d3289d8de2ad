"""The lead RPCs of SalesService: requests to use-case calls and results back."""

from __future__ import annotations

from google.protobuf.empty_pb2 import Empty

from crm.sales.v1 import sales_pb2
from sales.entrypoints.messages import input_values, list_request, page_message, to_message
from sales.service import conversion, leads


class LeadRpcs:
    def CreateLead(self, request, context):  # noqa: N802 (gRPC's method names)
        lead = leads.create_lead(self._new_uow(), self._campaigns, input_values(request.lead))
        return to_message(sales_pb2.Lead, lead)

    def GetLead(self, request, context):  # noqa: N802
        return to_message(sales_pb2.Lead, leads.get_lead(self._new_uow(), request.id))

    def UpdateLead(self, request, context):  # noqa: N802
        changes = input_values(request.lead, request.update_mask)
        lead = leads.update_lead(
            self._new_uow(),
            self._campaigns,
            request.id,
            changes,
            expected_version=request.expected_version,
        )
        return to_message(sales_pb2.Lead, lead)

    def DeleteLead(self, request, context):  # noqa: N802
        leads.delete_lead(self._new_uow(), request.id)
        return Empty()

    def ListLeads(self, request, context):  # noqa: N802
        page = leads.list_leads(
            self._new_uow(),
            list_request("lead", request),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return page_message(sales_pb2.ListLeadsResponse, sales_pb2.Lead, page)

    def BindCampaign(self, request, context):  # noqa: N802
        lead = leads.bind_campaign(
            self._new_uow(), self._campaigns, request.lead_id, request.campaign_id
        )
        return to_message(sales_pb2.Lead, lead)

    def UnbindCampaign(self, request, context):  # noqa: N802
        lead = leads.unbind_campaign(self._new_uow(), request.lead_id, request.campaign_id)
        return to_message(sales_pb2.Lead, lead)

    def ConvertLead(self, request, context):  # noqa: N802
        deal_values = input_values(request.deal) if request.create_deal else None
        result = conversion.convert_lead(
            self._new_uow(), self._campaigns, request.lead_id, deal_values
        )
        return sales_pb2.ConvertLeadResponse(
            customer_id=result.customer.id,
            contact_id=result.contact.id,
            deal_id=result.deal.id if result.deal else "",
        )
