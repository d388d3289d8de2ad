"""The events sales publishes, as `crm.events.v1` payloads, keyed by lead or deal id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from google.protobuf.timestamp_pb2 import Timestamp

from crm.common.v1 import money_pb2
from crm.events.v1 import sales_events_pb2 as events
from crm_platform import topics
from sales.domain.contact import Contact
from sales.domain.conversion import Conversion
from sales.domain.customer import Customer
from sales.domain.deal import Deal
from sales.domain.dictionary import DealStage
from sales.domain.lead import Lead
from sales.domain.note import Note
from sales.domain.stages import StageChange

# The topics it publishes to, by name (declared in crm_platform.topics).
LEAD_CREATED = topics.LEAD_CREATED.name
LEAD_CONVERTED = topics.LEAD_CONVERTED.name
DEAL_STAGE_CHANGED = topics.DEAL_STAGE_CHANGED.name
DEAL_CLOSED = topics.DEAL_CLOSED.name
DEAL_CHANGED = topics.DEAL_CHANGED.name
DEAL_DELETED = topics.DEAL_DELETED.name
LEAD_CHANGED = topics.LEAD_CHANGED.name
LEAD_DELETED = topics.LEAD_DELETED.name
CUSTOMER_CHANGED = topics.CUSTOMER_CHANGED.name
CONTACT_ADDED = topics.CONTACT_ADDED.name
NOTE_ADDED = topics.NOTE_ADDED.name


def timestamp(moment: datetime | None) -> Timestamp | None:
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def money(amount: Decimal, currency: str) -> money_pb2.Money:
    return money_pb2.Money(amount=f"{amount:.2f}", currency=currency)


def lead_created(lead: Lead) -> events.LeadCreated:
    return events.LeadCreated(
        lead_id=lead.id,
        full_name=lead.full_name,
        company=lead.company,
        source=lead.source,
        owner_id=lead.owner_id,
        campaign_ids=lead.campaign_ids,
        created_at=timestamp(lead.created_at),
    )


def lead_changed(lead: Lead) -> events.LeadChanged:
    return events.LeadChanged(
        lead_id=lead.id,
        source=lead.source,
        owner_id=lead.owner_id,
        state=lead.state,
        campaign_ids=lead.campaign_ids,
        changed_at=timestamp(lead.updated_at),
    )


def lead_deleted(lead_id: str, moment: datetime) -> events.LeadDeleted:
    return events.LeadDeleted(lead_id=lead_id, deleted_at=timestamp(moment))


def lead_converted(conversion: Conversion) -> events.LeadConverted:
    lead = conversion.lead
    return events.LeadConverted(
        lead_id=lead.id,
        customer_id=conversion.customer.id,
        contact_id=conversion.contact.id,
        deal_id=conversion.deal.id if conversion.deal else "",
        source=lead.source,
        owner_id=lead.owner_id,
        campaign_ids=lead.campaign_ids,
        converted_at=timestamp(lead.converted_at),
        company=lead.company,
        full_name=lead.full_name,
        customer_created=conversion.customer_created,
    )


def deal_stage_changed(deal: Deal, change: StageChange, changed_by: str) -> events.DealStageChanged:
    return events.DealStageChanged(
        deal_id=deal.id,
        from_stage=change.from_stage,
        to_stage=change.to.code,
        probability=change.to.probability,
        amount=money(deal.amount, deal.currency),
        owner_id=deal.owner_id,
        customer_id=deal.customer_id,
        campaign_id=deal.campaign_id or "",
        changed_at=timestamp(deal.updated_at),
        contact_id=deal.contact_id or "",
        from_probability=change.from_probability,
        changed_by=changed_by,
        order=change.to.order,
        closed=change.to.closed,
        won=change.to.won,
        deal_name=deal.name,
    )


def deal_closed(deal: Deal, change: StageChange) -> events.DealClosed:
    return events.DealClosed(
        deal_id=deal.id,
        stage=deal.stage,
        won=change.to.won,
        amount=money(deal.amount, deal.currency),
        owner_id=deal.owner_id,
        customer_id=deal.customer_id,
        contact_id=deal.contact_id or "",
        campaign_id=deal.campaign_id or "",
        created_at=timestamp(deal.created_at),
        closed_at=timestamp(deal.closed_at),
        lead_id=deal.lead_id or "",
        order=change.to.order,
        closed=change.to.closed,
    )


def deal_changed(deal: Deal, stage: DealStage) -> events.DealChanged:
    """`stage`: the dictionary's entry for the deal's stage."""
    close_date = deal.expected_close_date
    return events.DealChanged(
        deal_id=deal.id,
        name=deal.name,
        stage=deal.stage,
        probability=deal.probability,
        amount=money(deal.amount, deal.currency),
        owner_id=deal.owner_id,
        customer_id=deal.customer_id,
        contact_id=deal.contact_id or "",
        campaign_id=deal.campaign_id or "",
        expected_close_date=close_date.isoformat() if close_date else "",
        created_at=timestamp(deal.created_at),
        changed_at=timestamp(deal.updated_at),
        order=stage.order,
        closed=stage.closed,
        won=stage.won,
    )


def deal_deleted(deal_id: str, moment: datetime) -> events.DealDeleted:
    return events.DealDeleted(deal_id=deal_id, deleted_at=timestamp(moment))


def customer_changed(customer: Customer, *, deleted: bool = False) -> events.CustomerChanged:
    return events.CustomerChanged(
        customer_id=customer.id,
        name=customer.name,
        website=customer.website,
        phone=customer.phone,
        address=customer.address,
        industry=customer.industry,
        owner_id=customer.owner_id,
        tags=customer.tags,
        description=customer.description,
        next_contact_at=timestamp(customer.next_contact_at),
        created_at=timestamp(customer.created_at),
        updated_at=timestamp(customer.updated_at),
        deleted=deleted,
    )


def contact_added(contact: Contact) -> events.ContactAdded:
    return events.ContactAdded(
        contact_id=contact.id,
        customer_id=contact.customer_id,
        full_name=contact.full_name,
        job_title=contact.job_title,
        owner_id=contact.owner_id,
        created_at=timestamp(contact.created_at),
    )


def note_added(note: Note, on: NoteSubject) -> events.NoteAdded:
    return events.NoteAdded(
        note_id=note.id,
        subject=note.subject,
        subject_id=note.subject_id,
        subject_title=on.title,
        subject_owner_id=on.owner_id,
        customer_id=on.customer_id,
        author_id=note.author_id,
        body=note.body,
        created_at=timestamp(note.created_at),
    )


@dataclass(frozen=True)
class NoteSubject:
    """What a note's event tells of the customer, contact or deal it is on."""

    title: str
    owner_id: str
    customer_id: str

    @classmethod
    def of(cls, record: Customer | Contact | Deal) -> NoteSubject:
        if isinstance(record, Customer):
            return cls(record.name, record.owner_id, record.id)
        title = record.full_name if isinstance(record, Contact) else record.name
        return cls(title, record.owner_id, record.customer_id)
