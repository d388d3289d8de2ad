"""The service desk's own tables (SQLAlchemy 2 declarative mapping)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from crm_platform.orm import UtcDateTime, service_metadata


class Base(DeclarativeBase):
    metadata = service_metadata()


class FollowUpRow(Base):
    __tablename__ = "follow_ups"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # Customers, contacts and deals belong to sales: ids only, no foreign keys across services.
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    contact_id: Mapped[str | None] = mapped_column(String(64))
    deal_id: Mapped[str | None] = mapped_column(String(64), index=True)
    owner_id: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    priority: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(10), index=True)
    outcome: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
