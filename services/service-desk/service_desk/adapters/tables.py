"""The service desk's own tables (SQLAlchemy 2 declarative mapping)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from crm_platform.orm import UtcDateTime, service_metadata

ID = String(36)
# Customers, contacts, deals and users live elsewhere: ids only, no foreign keys across services.
FOREIGN_ID = String(64)


# Follow-ups from before revision 0002 have no updated_at: sorted as updated when created.
FOLLOW_UP_UPDATED = "coalesce(updated_at, created_at)"


class Base(DeclarativeBase):
    metadata = service_metadata()


# A list sorts by the column its user picks, then by id (keyset paging): an index on both per
# sortable column lets the database read a page in order and stop (migration 0005).
class FollowUpRow(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (
        Index("ix_follow_ups_due_id", "due_at", "id"),
        Index("ix_follow_ups_created_id", "created_at", "id"),
        Index("ix_follow_ups_updated_id", text(FOLLOW_UP_UPDATED), "id"),
        Index("ix_follow_ups_subject_id", "subject", "id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    customer_id: Mapped[str] = mapped_column(FOREIGN_ID, index=True)
    contact_id: Mapped[str | None] = mapped_column(FOREIGN_ID)
    deal_id: Mapped[str | None] = mapped_column(FOREIGN_ID, index=True)
    owner_id: Mapped[str] = mapped_column(FOREIGN_ID, index=True)
    subject: Mapped[str] = mapped_column(String(200))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    priority: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(10), index=True)
    outcome: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Nullable: follow-ups written before revision 0002 have none.
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deal_owner_id: Mapped[str | None] = mapped_column(FOREIGN_ID, index=True)
    overdue_notified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Optimistic concurrency (crm_platform.versions): 1 when created, +1 per change.
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class TicketRow(Base):
    __tablename__ = "tickets"
    __table_args__ = tuple(
        Index(f"ix_tickets_{column}_id", column, "id")
        for column in ("created_at", "updated_at", "subject", "sla_due_at")
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    customer_id: Mapped[str] = mapped_column(FOREIGN_ID, index=True)
    contact_id: Mapped[str | None] = mapped_column(FOREIGN_ID)
    channel: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(12), index=True)
    priority: Mapped[str] = mapped_column(String(10), index=True)
    state: Mapped[str] = mapped_column(String(12), index=True)
    assignee_id: Mapped[str | None] = mapped_column(FOREIGN_ID, index=True)
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    resolution: Mapped[str] = mapped_column(Text)
    reporter_id: Mapped[str] = mapped_column(FOREIGN_ID)
    sla_due_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    sla_breached: Mapped[bool] = mapped_column(Boolean)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Optimistic concurrency (crm_platform.versions): 1 when created, +1 per change.
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class TicketCommentRow(Base):
    __tablename__ = "ticket_comments"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    author_id: Mapped[str] = mapped_column(FOREIGN_ID)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TicketHistoryRow(Base):
    __tablename__ = "ticket_history"

    # Autoincrement: entries of one ticket written in the same second keep their order.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    from_state: Mapped[str] = mapped_column(String(12))
    to_state: Mapped[str] = mapped_column(String(12))
    actor_id: Mapped[str] = mapped_column(FOREIGN_ID)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    changes: Mapped[str] = mapped_column(Text)  # JSON: [[field, old, new], ...]


class SurveyRow(Base):
    __tablename__ = "surveys"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    follow_up_id: Mapped[str | None] = mapped_column(ForeignKey("follow_ups.id"), index=True)
    customer_id: Mapped[str] = mapped_column(FOREIGN_ID)
    contact_id: Mapped[str | None] = mapped_column(FOREIGN_ID)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    public_url: Mapped[str] = mapped_column(String(500))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    score: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
