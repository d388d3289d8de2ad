"""The consumer's handlers: each event's facts applied in the consumer's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from crm.events.v1 import envelope_pb2
from crm_platform.consumer import Handler
from notifications.entrypoints.event_translation import TRANSLATIONS, translate
from notifications.service.deliver import apply_facts
from notifications.service.mailing import Mailing
from notifications.settings import NotificationsSettings


def make_handler(mailing: Mailing) -> Handler:
    def handle(session: Session, envelope: envelope_pb2.Envelope) -> None:
        apply_facts(session, translate(envelope), datetime.now(UTC), mailing)

    return handle


def mailing_of(settings: NotificationsSettings) -> Mailing:
    return Mailing(web_base_url=settings.web_base_url, mail_from=settings.mail_from)


def event_handlers(settings: NotificationsSettings) -> Mapping[str, Handler]:
    handler = make_handler(mailing_of(settings))
    return {topic: handler for topic in TRANSLATIONS}
