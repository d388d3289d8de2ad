"""A migrated SQLite database per test, a mail catcher (a real SMTP server) on a free port,
and helpers to put events on the session's Kafka broker as their producers do."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from google.protobuf.message import Message
from notifications import bootstrap
from notifications.adapters.smtp_sender import SmtpRelay
from notifications.adapters.tables import mail_queue, notifications
from notifications.entrypoints.user_topic import USER_CHANGED
from notifications.service.mailing import Mailing
from sqlalchemy import select

from crm.events.v1 import gateway_events_pb2 as gw
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.envelope import build_envelope
from crm_platform.local.mail_catcher import MailCatcher

MAIL_FROM = "CRM <crm@crm.example.org>"
MAILING = Mailing(web_base_url="http://crm.example.org", mail_from=MAIL_FROM)


@pytest.fixture
def session_factory(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'notifications.db'}"
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def catcher(tmp_path: Path):
    with MailCatcher(tmp_path / "mail", port=0) as running:
        yield running


@pytest.fixture
def relay(catcher) -> SmtpRelay:
    return SmtpRelay(host=catcher.host, port=catcher.port, mail_from=MAIL_FROM, timeout=5)


def new_user() -> str:
    return f"user-{uuid.uuid4().hex[:10]}"


def envelope_of(topic: str, payload: Message, producer: str):
    return build_envelope(topic=topic, aggregate_id=uuid.uuid4().hex, payload=payload,
                          producer=producer)  # fmt: skip


def user_changed(user_id: str, *, language: str = "en", email: str | None = None):
    event = gw.UserChanged(
        user_id=user_id, username=user_id, display_name=f"Name {user_id}",
        email=email if email is not None else f"{user_id}@example.org", language=language,
        active=True,
    )  # fmt: skip
    return envelope_of(USER_CHANGED, event, "gateway")


def inbox_of(session_factory, user_id: str) -> list:
    with session_factory() as session:
        return list(
            session.execute(select(notifications).where(notifications.c.user_id == user_id)).all()
        )


def mail_log(session_factory) -> list:
    with session_factory() as session:
        return list(session.execute(select(mail_queue).order_by(mail_queue.c.id)).all())


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2030, 5, 6, hour, minute, tzinfo=UTC)
