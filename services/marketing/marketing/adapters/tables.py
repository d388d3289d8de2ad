"""Marketing's own tables (SQLAlchemy 2 declarative mapping)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from crm_platform.orm import UtcDateTime, service_metadata
from crm_platform.sorting import NO_DAY


class Base(DeclarativeBase):
    metadata = service_metadata()


Money = Numeric(14, 2)


class CampaignRow(Base):
    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint("budget >= 0", name="budget_not_negative"),
        CheckConstraint("actual_cost >= 0", name="actual_cost_not_negative"),
        CheckConstraint("end_date >= start_date", name="ends_after_start"),
        # A list sorts by the column its user picks, then by id (keyset paging): read in order
        # from these (migration 0006); no start date sorts last (crm_platform.sorting).
        *(Index(f"ix_campaigns_{c}_id", c, "id") for c in ("created_at", "updated_at", "name")),
        Index("ix_campaigns_start_id", text(f"coalesce(start_date, '{NO_DAY}')"), "id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    type: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), index=True)
    owner_id: Mapped[str] = mapped_column(String(64), index=True)
    start_date: Mapped[date | None] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date)
    budget: Mapped[Decimal | None] = mapped_column(Money)
    actual_cost: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    description: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Counted from sales' lead events by the consumer (0002).
    leads: Mapped[int] = mapped_column(Integer, server_default="0")
    converted: Mapped[int] = mapped_column(Integer, server_default="0")
    # The import that wrote it (0005): hidden from every read until that import is done.
    import_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # Optimistic concurrency (crm_platform.versions): 1 when created, +1 per change.
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class CampaignImportRow(Base):
    """An import's own record (0005): committed a chunk at a time, it says how far it got."""

    __tablename__ = "campaign_imports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(10), index=True)  # running, done, failed
    rows_read: Mapped[int] = mapped_column(Integer)  # the last row number read (header: 1)
    created: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CampaignNoteRow(Base):
    __tablename__ = "campaign_notes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # A campaign's notes go with it.
    campaign_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    edited: Mapped[bool] = mapped_column(Boolean, server_default=false())
