"""Reporting's read-model tables: progress per topic, and one row per object folded from its
events (the reports are computed from these rows)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from crm_platform.orm import UtcDateTime, service_metadata
from reporting.adapters.column_types import DecimalText, IdTuple

ID = String(64)
CODE = String(40)


class Base(DeclarativeBase):
    metadata = service_metadata()


class TopicProgressRow(Base):
    __tablename__ = "topic_progress"

    topic: Mapped[str] = mapped_column(String(200), primary_key=True)
    events_applied: Mapped[int] = mapped_column(BigInteger)
    last_occurred_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


FUNNEL_COLUMNS = (
    "owner_id", "created_at", "deleted_at", "stage", "currency", "furthest_order", "amount",
    "visited",
)  # fmt: skip


CAMPAIGN_DEAL_COLUMNS = ("campaign_id", "won", "deleted_at", "currency", "amount")
LEAD_REPORT_COLUMNS = ("created_at", "deleted_at", "source", "converted_at")


class DealRow(Base):
    __tablename__ = "deal_facts"

    deal_id: Mapped[str] = mapped_column(ID, primary_key=True)
    stage: Mapped[str] = mapped_column(CODE)
    amount: Mapped[Decimal] = mapped_column(DecimalText)
    currency: Mapped[str] = mapped_column(String(3))
    owner_id: Mapped[str] = mapped_column(ID, index=True)
    campaign_id: Mapped[str] = mapped_column(ID)
    stage_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    furthest_order: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed: Mapped[bool] = mapped_column(Boolean, server_default=false())
    won: Mapped[bool] = mapped_column(Boolean, server_default=false())
    # Migration 0009: the stages it was at, a bit per stage progress.
    visited: Mapped[int] = mapped_column(BigInteger, server_default="0")

    __table_args__ = (
        # Migrations 0005 and 0009: the funnel answered from the index alone.
        Index("ix_deal_facts_funnel", *FUNNEL_COLUMNS),
        # Migration 0008: a page of campaigns' won deals summed from the index alone.
        Index("ix_deal_facts_campaign", *CAMPAIGN_DEAL_COLUMNS),
    )


class LeadRow(Base):
    __tablename__ = "lead_facts"

    lead_id: Mapped[str] = mapped_column(ID, primary_key=True)
    source: Mapped[str] = mapped_column(CODE)
    owner_id: Mapped[str] = mapped_column(ID)
    campaign_ids: Mapped[tuple] = mapped_column(IdTuple)
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    converted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    # Migration 0008: the lead report's window counted from the index alone.
    __table_args__ = (Index("ix_lead_facts_report", *LEAD_REPORT_COLUMNS),)


class LeadCampaignRow(Base):
    """A lead's campaigns one per row (migration 0008), as `lead_facts.campaign_ids` lists
    them, so that leads are counted per campaign by a GROUP BY, not in Python."""

    __tablename__ = "lead_campaigns"

    campaign_id: Mapped[str] = mapped_column(ID, primary_key=True)
    lead_id: Mapped[str] = mapped_column(ID, primary_key=True, index=True)


class CampaignRow(Base):
    __tablename__ = "campaign_facts"

    campaign_id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    currency: Mapped[str] = mapped_column(String(3))
    cost: Mapped[Decimal] = mapped_column(DecimalText)
    deleted: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)

    # Migration 0008: the campaign report's pages in their order, read from the index.
    __table_args__ = (Index("ix_campaign_facts_order", "name", "campaign_id"),)


class TicketRow(Base):
    __tablename__ = "ticket_facts"

    ticket_id: Mapped[str] = mapped_column(ID, primary_key=True)
    state: Mapped[str] = mapped_column(CODE)
    priority: Mapped[str] = mapped_column(CODE)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sla_breached: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FollowUpRow(Base):
    __tablename__ = "follow_up_facts"

    follow_up_id: Mapped[str] = mapped_column(ID, primary_key=True)
    owner_id: Mapped[str] = mapped_column(ID)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    overdue_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    late: Mapped[bool] = mapped_column(Boolean)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SurveyRow(Base):
    __tablename__ = "survey_facts"

    survey_id: Mapped[str] = mapped_column(ID, primary_key=True)
    score: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StageRow(Base):
    """The deal stages as the stage events describe them (migration 0006)."""

    __tablename__ = "stage_facts"

    code: Mapped[str] = mapped_column(CODE, primary_key=True)
    order: Mapped[int] = mapped_column(Integer)
    closed: Mapped[bool] = mapped_column(Boolean)
    won: Mapped[bool] = mapped_column(Boolean)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TimelineEntryRow(Base):
    """One entry of a customer's timeline (migration 0007), read newest first per customer."""

    __tablename__ = "timeline_entries"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(CODE)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    subject_type: Mapped[str] = mapped_column(CODE)
    subject_id: Mapped[str] = mapped_column(ID)
    title: Mapped[str] = mapped_column(String(300))
    audience: Mapped[str] = mapped_column(CODE)
    owner_id: Mapped[str] = mapped_column(ID)
    deal_owner_id: Mapped[str] = mapped_column(ID)
    actor_id: Mapped[str] = mapped_column(ID)
    state: Mapped[str] = mapped_column(CODE)
    detail: Mapped[str] = mapped_column(Text)
    amount: Mapped[Decimal | None] = mapped_column(DecimalText)
    currency: Mapped[str] = mapped_column(String(3))
    score: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    flagged: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    # A page of one customer's entries, newest first, read in index order.
    __table_args__ = (Index("ix_timeline_entries_customer_at", "customer_id", "at", "key"),)


class TimelineCustomerRow(Base):
    """The customers the timeline shows, as sales.customer-changed tells them."""

    __tablename__ = "timeline_customers"

    customer_id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    website: Mapped[str] = mapped_column(String(300))
    phone: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(Text)
    industry: Mapped[str] = mapped_column(String(100))
    owner_id: Mapped[str] = mapped_column(ID)
    tags: Mapped[tuple] = mapped_column(IdTuple)
    description: Mapped[str] = mapped_column(Text)
    next_contact_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deleted: Mapped[bool] = mapped_column(Boolean)


class TimelineGoneRow(Base):
    """Deleted records whose entries the timeline no longer shows (migration 0007)."""

    __tablename__ = "timeline_gone"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    subject_type: Mapped[str] = mapped_column(CODE)
    subject_id: Mapped[str] = mapped_column(ID)
    at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_timeline_gone_subject", "subject_type", "subject_id"),)
