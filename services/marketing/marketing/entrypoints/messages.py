"""Domain objects to gRPC messages and back: translation only, no rule."""

from __future__ import annotations

from crm.marketing.v1 import marketing_pb2
from crm_platform.errors import FieldViolation
from crm_platform.paging import Page
from marketing.domain.campaign import EDITABLE, Campaign
from marketing.domain.commands import CampaignFilter, CreateCampaign
from marketing.domain.import_rows import ImportReport
from marketing.domain.note import Note
from marketing.service.events import money


def create_command(request: marketing_pb2.CreateCampaignRequest) -> CreateCampaign:
    return CreateCampaign(**{name: getattr(request, name) for name in EDITABLE})


def changes_of(request: marketing_pb2.UpdateCampaignRequest) -> dict[str, str]:
    """The fields named in update_mask; an unknown name is left for the domain to refuse."""
    return {
        name: getattr(request, name) if name in EDITABLE else ""
        for name in dict.fromkeys(request.update_mask)
    }


def filter_of(message: marketing_pb2.CampaignFilter, sort: str = "") -> CampaignFilter:
    return CampaignFilter(
        q=message.q,
        owner_id=message.owner_id,
        status=message.status,
        start_after=message.start_after,
        start_before=message.start_before,
        created_from=message.created_from,
        created_to=message.created_to,
        sort=sort,
    )


def campaign_message(campaign: Campaign) -> marketing_pb2.Campaign:
    message = marketing_pb2.Campaign(
        id=campaign.id,
        name=campaign.name,
        type=campaign.type,
        status=campaign.status,
        owner_id=campaign.owner_id,
        start_date=campaign.start_date.isoformat() if campaign.start_date else "",
        end_date=campaign.end_date.isoformat() if campaign.end_date else "",
        budget=money(campaign.budget, campaign.currency),
        actual_cost=money(campaign.actual_cost, campaign.currency),
        description=campaign.description,
        currency=campaign.currency,
        leads=campaign.leads,
        converted=campaign.converted,
        version=campaign.version,
    )
    message.created_at.FromDatetime(campaign.created_at)
    message.updated_at.FromDatetime(campaign.updated_at)
    return message


def campaign_list(page: Page) -> marketing_pb2.ListCampaignsResponse:
    return marketing_pb2.ListCampaignsResponse(
        items=[campaign_message(c) for c in page.items],
        next_page_token=page.next_page_token or "",
        total=page.total,
    )


def note_message(note: Note) -> marketing_pb2.CampaignNote:
    message = marketing_pb2.CampaignNote(
        id=note.id,
        campaign_id=note.campaign_id,
        body=note.body,
        author_id=note.author_id,
        edited=note.edited,
    )
    message.created_at.FromDatetime(note.created_at)
    message.updated_at.FromDatetime(note.updated_at)
    return message


def note_list(page: Page) -> marketing_pb2.ListCampaignNotesResponse:
    return marketing_pb2.ListCampaignNotesResponse(
        items=[note_message(n) for n in page.items],
        next_page_token=page.next_page_token or "",
        total=page.total,
    )


def import_response(report: ImportReport) -> marketing_pb2.ImportCampaignsResponse:
    return marketing_pb2.ImportCampaignsResponse(
        created=report.created,
        rejected=[
            marketing_pb2.RejectedRow(row=r.row, errors=[_field_error(e) for e in r.errors])
            for r in report.rejected
        ],
        rejected_count=report.rejected_count,
    )


def _field_error(violation: FieldViolation) -> marketing_pb2.FieldError:
    return marketing_pb2.FieldError(field=violation.field, message=violation.message)
