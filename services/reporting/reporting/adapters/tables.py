"""Reporting's read-model tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from crm_platform.orm import UtcDateTime, service_metadata


class Base(DeclarativeBase):
    metadata = service_metadata()


class TopicProgressRow(Base):
    __tablename__ = "topic_progress"

    topic: Mapped[str] = mapped_column(String(200), primary_key=True)
    events_applied: Mapped[int] = mapped_column(BigInteger)
    last_occurred_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
