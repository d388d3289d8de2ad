"""Sales' own tables (SQLAlchemy 2 declarative mapping)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from crm_platform.orm import UtcDateTime, service_metadata
from crm_platform.sorting import NO_DAY


class Base(DeclarativeBase):
    metadata = service_metadata()


class DealStageRow(Base):
    __tablename__ = "deal_stages"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    probability: Mapped[int] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer)
    closed: Mapped[bool] = mapped_column(Boolean)
    won: Mapped[bool] = mapped_column(Boolean)


class DictionaryEntryRow(Base):
    __tablename__ = "dictionary_entries"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer)


class DictionaryVersionRow(Base):
    """One row whose version triggers replace whenever a stage or an entry changes, so a process
    holding the dictionary in memory knows from one read whether its copy is still current."""

    __tablename__ = "dictionary_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(32))


Money = Numeric(14, 2)
Id = String(36)
OwnerId = String(64)
EXPECTED_CLOSE = f"coalesce(expected_close_date, '{NO_DAY}')"


def sort_indexes(table: str, *columns: str) -> list[Index]:
    """(column, id) for each column a list sorts by (migration 0009): the database reads a
    sorted page in order and stops, instead of sorting every match."""
    return [Index(f"ix_{table}_{column}_id", column, "id") for column in columns]


# Lists are newest first with the id breaking ties (keyset paging): each list's filter column,
# then (created_at, id), lets the index hand out a page in order and stop after it.
class LeadRow(Base):
    __tablename__ = "leads"
    __table_args__ = (
        Index("ix_leads_created", "created_at", "id"),
        Index("ix_leads_owner_created", "owner_id", "created_at", "id"),
        *sort_indexes("leads", "updated_at", "full_name", "company"),
    )

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    appellation: Mapped[str] = mapped_column(String(40))
    company: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    phone: Mapped[str] = mapped_column(String(40))
    mobile: Mapped[str] = mapped_column(String(40))
    website: Mapped[str] = mapped_column(String(300))
    address: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(40), index=True)
    state: Mapped[str] = mapped_column(String(40), index=True)
    owner_id: Mapped[str] = mapped_column(OwnerId)
    description: Mapped[str] = mapped_column(Text)
    next_contact_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    customer_id: Mapped[str | None] = mapped_column(Id)
    contact_id: Mapped[str | None] = mapped_column(Id)
    deal_id: Mapped[str | None] = mapped_column(Id)
    converted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Folded (accent-, case- and width-insensitive) text that `q` searches, through the
    # substring index of migration 0005 (text_search.py), which no mapping here describes.
    # The B-tree index stays for the common words that index does not pay for: a LIKE count
    # reads it whole, a narrower read than the table.
    search: Mapped[str] = mapped_column(String(1000), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Optimistic concurrency (domain/versions.py): 1 when created, +1 per change.
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class LeadCampaignRow(Base):
    __tablename__ = "lead_campaigns"

    lead_id: Mapped[str] = mapped_column(ForeignKey("leads.id"), primary_key=True)
    # Marketing owns campaigns: no foreign key across services, checked over gRPC instead.
    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class CustomerRow(Base):
    __tablename__ = "customers"
    __table_args__ = (*sort_indexes("customers", "created_at", "updated_at", "name"),)

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The normalised company name a converted lead is matched by.
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    website: Mapped[str] = mapped_column(String(300))
    phone: Mapped[str] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(Text)
    industry: Mapped[str] = mapped_column(String(100))
    owner_id: Mapped[str] = mapped_column(OwnerId, index=True)
    tags: Mapped[list[str]] = mapped_column(JSON)
    description: Mapped[str] = mapped_column(Text)
    next_contact_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    search: Mapped[str] = mapped_column(String(1000), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Optimistic concurrency (domain/versions.py): 1 when created, +1 per change.
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class ContactRow(Base):
    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_customer_created", "customer_id", "created_at", "id"),
        *sort_indexes("contacts", "created_at", "updated_at", "full_name"),
    )

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    full_name: Mapped[str] = mapped_column(String(200))
    appellation: Mapped[str] = mapped_column(String(40))
    email: Mapped[str] = mapped_column(String(320))
    mobile: Mapped[str] = mapped_column(String(40))
    job_title: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[str] = mapped_column(OwnerId, index=True)
    address: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    lead_id: Mapped[str | None] = mapped_column(Id)
    search: Mapped[str] = mapped_column(String(1000), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Optimistic concurrency (domain/versions.py): 1 when created, +1 per change.
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class ContactCampaignRow(Base):
    __tablename__ = "contact_campaigns"

    contact_id: Mapped[str] = mapped_column(ForeignKey("contacts.id"), primary_key=True)
    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class DealRow(Base):
    __tablename__ = "deals"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("probability BETWEEN 0 AND 100", name="probability"),
        Index("ix_deals_created", "created_at", "id"),
        Index("ix_deals_owner_created", "owner_id", "created_at", "id"),
        Index("ix_deals_stage_created", "stage", "created_at", "id"),
        Index("ix_deals_owner_stage_created", "owner_id", "stage", "created_at", "id"),
        Index("ix_deals_customer_created", "customer_id", "created_at", "id"),
        *sort_indexes("deals", "updated_at", "name", "amount"),
        # The expected-close sort's own expression (crm_platform.sorting.day_key).
        Index("ix_deals_expected_close_id", text(EXPECTED_CLOSE), "id"),
    )

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    expected_close_date: Mapped[date | None] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(ForeignKey("deal_stages.code"))
    # Kept beside the stage so lists need no dictionary lookup; always the stage's.
    probability: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(40))
    campaign_id: Mapped[str | None] = mapped_column(String(64), index=True)
    owner_id: Mapped[str] = mapped_column(OwnerId)
    description: Mapped[str] = mapped_column(Text)
    next_contact_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    lead_id: Mapped[str | None] = mapped_column(Id)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    search: Mapped[str] = mapped_column(String(1000), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Optimistic concurrency (domain/versions.py): 1 when created, +1 per change.
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class DealHistoryRow(Base):
    __tablename__ = "deal_stage_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    deal_id: Mapped[str] = mapped_column(ForeignKey("deals.id"), index=True)
    stage: Mapped[str] = mapped_column(String(40))
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    expected_close_date: Mapped[date | None] = mapped_column(Date)
    changed_by: Mapped[str] = mapped_column(OwnerId)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class NoteRow(Base):
    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_subject", "subject", "subject_id", "created_at"),)

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    subject: Mapped[str] = mapped_column(String(10))
    subject_id: Mapped[str] = mapped_column(Id)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str] = mapped_column(OwnerId)
    edited: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
