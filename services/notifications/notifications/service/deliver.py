"""Turning what the events say (domain.facts) into notifications, reminders and users.

Runs inside the consumer's transaction (and the `send` process's, for reminders): a
notification, its queued e-mail and the event that caused it commit together. E-mail is only
queued here; the `send` process talks to the relay, so a slow or dead relay never holds up the
consumer.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from notifications.adapters.directory import Directory
from notifications.adapters.inbox import Inbox
from notifications.adapters.mail_queue import MailQueue
from notifications.adapters.mail_rendering import new_message_id, render_mail
from notifications.adapters.reminders import Reminders
from notifications.domain import facts as f
from notifications.domain.kinds import sends_email, shows_in_app
from notifications.domain.texts import language_of, link, render
from notifications.service.mailing import Mailing


def apply_facts(session: Session, facts: list[f.Fact], now: datetime, mailing: Mailing) -> int:
    """Apply the facts of one event; returns how many notifications were made."""
    made = 0
    for fact in facts:
        made += _apply(session, fact, now, mailing)
    return made


def _apply(session: Session, fact: f.Fact, now: datetime, mailing: Mailing) -> int:
    directory = Directory(session)
    match fact:
        case f.UserSeen():
            directory.save_user(fact, language_of(fact.language))
        case f.Remind():
            Reminders(session).set(fact)
        case f.Forget():
            Reminders(session).forget(fact.kind, fact.related_id)
        case f.Notify():
            if fact.user_id and fact.user_id != fact.actor_id:
                return notify(session, fact, now, mailing)
        case f.Owned():
            return _owned(session, fact, now, mailing)
        case f.NotifyOwner():
            known = directory.owner(fact.related_type, fact.related_id)
            if known:
                params = {"subject": known[1], **fact.params}
                told = f.Notify(fact.kind, known[0], fact.related_type, fact.related_id, params)
                return notify(session, told, now, mailing)
    return 0


def _owned(session: Session, fact: f.Owned, now: datetime, mailing: Mailing) -> int:
    directory = Directory(session)
    known = directory.owner(fact.related_type, fact.related_id)
    subject = fact.subject or (known[1] if known else "")
    if not fact.owner_id:
        return 0
    directory.set_owner(fact.related_type, fact.related_id, fact.owner_id, subject)
    if (known and known[0] == fact.owner_id) or fact.owner_id == fact.actor_id:
        return 0
    told = f.Notify(fact.kind, fact.owner_id, fact.related_type, fact.related_id,
                    {"subject": subject})  # fmt: skip
    return notify(session, told, now, mailing)


def notify(session: Session, fact: f.Notify, now: datetime, mailing: Mailing) -> int:
    """One notification for the user as they want it: in-app, e-mailed now or in the digest."""
    directory = Directory(session)
    channel = directory.channels(fact.user_id)[fact.kind]
    in_app, by_mail = shows_in_app(channel), sends_email(channel)
    if not (in_app or by_mail):
        return 0
    recipient = directory.recipient(fact.user_id)
    params = fact.params
    if not params.get("subject"):
        # Some events do not name their record (a deal's close): the name last seen does.
        known = directory.owner(fact.related_type, fact.related_id)
        params = {**params, "subject": known[1]} if known else params
    title, body = render(fact.kind, recipient.language, params)
    path = fact.link or link(fact.related_type, fact.related_id)
    email_state = "none"
    if by_mail and recipient.email:
        email_state = "queued"
        if directory.frequency(fact.user_id) == "daily_digest":
            email_state = "digest"
    Inbox(session).add(
        id=str(uuid.uuid4()),
        user_id=fact.user_id,
        kind=fact.kind,
        title=title[:500],
        body=body,
        link=path,
        related_type=fact.related_type,
        related_id=fact.related_id,
        in_app=in_app,
        read=False,
        created_at=now,
        email_state=email_state,
    )
    if email_state == "queued":
        assert recipient.email is not None
        text, html = render_mail(
            "notification",
            recipient.language,
            name=recipient.name,
            body=body,
            url=mailing.url(path),
            settings_url=mailing.settings_url,
        )
        MailQueue(session).enqueue(
            user_id=fact.user_id,
            to_address=recipient.email,
            subject=title,
            text_body=text,
            html_body=html,
            message_id=new_message_id(mailing.mail_from),
            now=now,
        )
    return 1
