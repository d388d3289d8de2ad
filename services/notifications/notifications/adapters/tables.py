"""The notifications service's tables (the platform's outbox and processed events beside)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from crm_platform.orm import UtcDateTime

metadata = MetaData()

_ID = BigInteger().with_variant(Integer(), "sqlite")

# The users as the gateway's `gateway.user-changed` events describe them.
users = Table(
    "users",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("username", String(150), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("email", String(320), nullable=True),
    Column("language", String(16), nullable=False),
    Column("active", Boolean, nullable=False),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(64), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("title", String(500), nullable=False),
    Column("body", Text, nullable=False),
    Column("link", String(300), nullable=False),
    Column("related_type", String(40), nullable=False),
    Column("related_id", String(64), nullable=False),
    # False for a kind the user wants by e-mail only: kept to be mailed, never listed.
    Column("in_app", Boolean, nullable=False),
    Column("read", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # none | queued (its own message) | digest (waits for the daily one) | digested
    Column("email_state", String(16), nullable=False),
    Index("ix_notifications_inbox", "user_id", "in_app", "read", "created_at"),
    Index("ix_notifications_digest", "email_state", "user_id"),
)

preferences = Table(
    "preferences",
    metadata,
    Column("user_id", String(64), primary_key=True),
    Column("kind", String(40), primary_key=True),
    Column("channel", String(16), nullable=False),
)

user_settings = Table(
    "user_settings",
    metadata,
    Column("user_id", String(64), primary_key=True),
    Column("email_frequency", String(16), nullable=False),
)

# Who owns (is assigned) each record as far as the events said: a reassignment is told only
# when the owner changes, and a survey reaches the ticket's assignee.
record_owners = Table(
    "record_owners",
    metadata,
    Column("related_type", String(40), primary_key=True),
    Column("related_id", String(64), primary_key=True),
    Column("owner_id", String(64), nullable=False),
    Column("subject", String(500), nullable=False),
)

# Notifications due later (a follow-up the day before, a ticket at 80 % of its SLA), one per
# kind and record; the `send` process fires them and marks them fired in the same transaction.
# A fired one stays, so that a later event repeating the same time and user (the ticket edited
# after its warning) does not arm it again; a new time or user does.
reminders = Table(
    "reminders",
    metadata,
    Column("kind", String(40), primary_key=True),
    Column("related_id", String(64), primary_key=True),
    Column("related_type", String(40), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("fire_at", UtcDateTime, nullable=False, index=True),
    Column("params", Text, nullable=False),  # JSON
    Column("fired", Boolean, nullable=False),
)

# The send queue and the log of every message: pending -> sending (claimed) -> sent | failed.
mail_queue = Table(
    "mail_queue",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("user_id", String(64), nullable=False),
    Column("to_address", String(320), nullable=False),
    Column("subject", String(500), nullable=False),
    Column("text_body", Text, nullable=False),
    Column("html_body", Text, nullable=False),
    Column("message_id", String(300), nullable=False, unique=True),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("claimed_until", UtcDateTime, nullable=True),
    Column("last_error", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime, nullable=True),
    Index("ix_mail_queue_due", "state", "next_attempt_at"),
)
