"""The `send` process's round: fire due reminders, gather the daily digests, deliver mail."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby

from sqlalchemy.orm import Session

from notifications.adapters.directory import Directory
from notifications.adapters.inbox import Inbox
from notifications.adapters.mail_queue import MailQueue
from notifications.adapters.mail_rendering import new_message_id, render_mail
from notifications.adapters.reminders import Reminders
from notifications.adapters.smtp_sender import SmtpRelay
from notifications.domain import facts as f
from notifications.domain.texts import word
from notifications.service.deliver import notify
from notifications.service.mailing import Mailing

log = logging.getLogger(__name__)

NewSession = Callable[[], Session]
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class SendPolicy:
    batch: int = 50
    lease: timedelta = timedelta(minutes=2)
    max_attempts: int = 8
    digest_hour_utc: int = 7


def fire_reminders(new_session: NewSession, now: datetime, mailing: Mailing, batch: int) -> int:
    """Due reminders become notifications; taking and telling commit together."""
    with new_session() as session:
        due = Reminders(session).take_due(now, batch)
        for remind in due:
            told = f.Notify(remind.kind, remind.user_id, remind.related_type,
                            remind.related_id, remind.params)  # fmt: skip
            notify(session, told, now, mailing)
        session.commit()
    return len(due)


def last_digest_time(now: datetime, hour: int) -> datetime:
    today = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return today if now >= today else today - timedelta(days=1)


def queue_digests(
    new_session: NewSession, now: datetime, mailing: Mailing, policy: SendPolicy
) -> int:
    """One e-mail per user with what came before the digest time that passed last; those
    notifications are marked digested in the same commit, so none is mailed twice."""
    cut = last_digest_time(now, policy.digest_hour_utc)
    with new_session() as session:
        waiting = Inbox(session).waiting_for_digest(cut, policy.batch * 20)
        users = 0
        for user_id, rows in groupby(waiting, key=lambda row: row.user_id):
            items = list(rows)
            _queue_digest(session, user_id, items, now, mailing)
            Inbox(session).mark_digested([row.id for row in items])
            users += 1
        session.commit()
    return users


def _queue_digest(session: Session, user_id: str, items: list, now: datetime,
                  mailing: Mailing) -> None:  # fmt: skip
    recipient = Directory(session).recipient(user_id)
    if recipient.email is None:
        return  # unknown, no address or no longer active: nothing to send to
    text, html = render_mail(
        "digest",
        recipient.language,
        name=recipient.name,
        items=[{"title": i.title, "body": i.body, "url": mailing.url(i.link)} for i in items],
        settings_url=mailing.settings_url,
    )
    MailQueue(session).enqueue(
        user_id=user_id,
        to_address=recipient.email,
        subject=f"{word('digest', recipient.language)} ({len(items)})",
        text_body=text,
        html_body=html,
        message_id=new_message_id(mailing.mail_from),
        now=now,
    )


def deliver_mail(
    new_session: NewSession, relay: SmtpRelay, clock: Clock, policy: SendPolicy
) -> int:
    """Claim a batch (committed), then send each and mark it in a commit of its own; returns
    how many were sent. With the relay down every claimed message is put back with backoff."""
    with new_session() as session:
        claimed = MailQueue(session).claim(clock(), policy.batch, policy.lease)
        session.commit()
    if not claimed:
        return 0
    sent = 0
    try:
        connection = relay.open()
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("SMTP relay %s:%s unavailable: %s", relay.host, relay.port, exc)
        with new_session() as session:
            for mail in claimed:
                MailQueue(session).mark_failed(mail, _why(exc), clock(), policy.max_attempts)
            session.commit()
        return 0
    try:
        for mail in claimed:
            try:
                relay.send(connection, mail)
            except (OSError, smtplib.SMTPException) as exc:
                log.warning("mail %d to %s not sent: %s", mail.id, mail.to_address, exc)
                with new_session() as session:
                    MailQueue(session).mark_failed(mail, _why(exc), clock(), policy.max_attempts)
                    session.commit()
                continue
            with new_session() as session:
                MailQueue(session).mark_sent(mail.id, clock())
                session.commit()
            sent += 1
    finally:
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            connection.close()
    return sent


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def send_round(
    new_session: NewSession, relay: SmtpRelay, clock: Clock, mailing: Mailing,
    policy: SendPolicy,
) -> int:  # fmt: skip
    """Everything the `send` process does once; returns how much it handled."""
    handled = fire_reminders(new_session, clock(), mailing, policy.batch)
    handled += queue_digests(new_session, clock(), mailing, policy)
    while True:
        sent = deliver_mail(new_session, relay, clock, policy)
        handled += sent
        if sent < policy.batch:
            return handled
