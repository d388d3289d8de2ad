"""Reporting's read-model tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class TopicProgressRow(Base):
    __tablename__ = "topic_progress"

    topic: Mapped[str] = mapped_column(String(200), primary_key=True)
    events_applied: Mapped[int] = mapped_column(BigInteger)
    last_occurred_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
