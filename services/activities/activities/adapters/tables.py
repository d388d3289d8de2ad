"""The activities service's own tables (SQLAlchemy 2 declarative mapping)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, PrimaryKeyConstraint, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from crm_platform.orm import UtcDateTime, service_metadata

ID = String(36)
# Users and related records live elsewhere: ids only, no foreign keys across services.
FOREIGN_ID = String(64)


class Base(DeclarativeBase):
    metadata = service_metadata()


class TaskRow(Base):
    __tablename__ = "tasks"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    priority: Mapped[str] = mapped_column(String(10))
    owner_id: Mapped[str] = mapped_column(FOREIGN_ID, index=True)
    author_id: Mapped[str] = mapped_column(FOREIGN_ID, index=True)
    state: Mapped[str] = mapped_column(String(10), index=True)
    reminder_minutes: Mapped[int | None] = mapped_column(Integer)
    # due_at less the reminder, stored so that the scheduler finds due reminders by index.
    remind_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    related_type: Mapped[str | None] = mapped_column(String(10))
    related_id: Mapped[str | None] = mapped_column(FOREIGN_ID, index=True)
    outcome: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class TaskNoticeRow(Base):
    """The claim that a task's reminder (`due`) or `overdue` event was sent for one due time:
    its key makes a second scheduler (or a restarted one) skip what the first has sent."""

    __tablename__ = "task_notices"
    __table_args__ = (PrimaryKeyConstraint("task_id", "kind", "due_at", name="pk_task_notices"),)

    task_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(10))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ActivityRow(Base):
    __tablename__ = "activities"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(Text)
    # Space-separated contact ids (at most 20): read with the activity, never searched.
    contact_ids: Mapped[str] = mapped_column(Text)
    related_type: Mapped[str | None] = mapped_column(String(10))
    related_id: Mapped[str | None] = mapped_column(FOREIGN_ID, index=True)
    author_id: Mapped[str] = mapped_column(FOREIGN_ID, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
