"""The send queue, which is also the log of every message (to, subject, state, attempts,
error).

A sender claims rows (state `sending`, `claimed_until` a lease) and commits the claim before it
talks to the relay; each message is marked sent or failed in a transaction of its own right
after. A sender killed mid-batch leaves its unsent claims to lapse and be taken again; the only
message that can go twice is one the relay accepted in the instant before the kill, and it goes
with the same Message-ID, by which mail clients drop the copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.orm import Session

from notifications.adapters.tables import mail_queue
from notifications.domain.backoff import next_attempt

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


@dataclass(frozen=True)
class OutgoingMail:
    id: int
    to_address: str
    subject: str
    text_body: str
    html_body: str
    message_id: str
    attempts: int  # including the one claimed


class MailQueue:
    def __init__(self, session: Session) -> None:
        self._session = session

    def enqueue(self, *, user_id: str, to_address: str, subject: str, text_body: str,
                html_body: str, message_id: str, now: datetime) -> None:  # fmt: skip
        self._session.execute(
            insert(mail_queue).values(
                user_id=user_id,
                to_address=to_address,
                subject=subject[:500],
                text_body=text_body,
                html_body=html_body,
                message_id=message_id,
                state=PENDING,
                attempts=0,
                next_attempt_at=now,
                last_error="",
                created_at=now,
            )
        )

    def claim(self, now: datetime, limit: int, lease: timedelta) -> list[OutgoingMail]:
        """Due messages (pending and due, or claimed by a sender whose lease lapsed), claimed
        for `lease`; the caller commits before sending."""
        due = or_(
            and_(mail_queue.c.state == PENDING, mail_queue.c.next_attempt_at <= now),
            and_(mail_queue.c.state == SENDING, mail_queue.c.claimed_until < now),
        )
        query = select(mail_queue).where(due).order_by(mail_queue.c.id).limit(limit)
        if self._session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = self._session.execute(query).all()
        if rows:
            self._session.execute(
                update(mail_queue)
                .where(mail_queue.c.id.in_([r.id for r in rows]))
                .values(
                    state=SENDING, claimed_until=now + lease, attempts=mail_queue.c.attempts + 1
                )
            )
        return [
            OutgoingMail(
                r.id,
                r.to_address,
                r.subject,
                r.text_body,
                r.html_body,
                r.message_id,
                r.attempts + 1,
            )
            for r in rows
        ]

    def mark_sent(self, mail_id: int, now: datetime) -> None:
        self._session.execute(
            update(mail_queue)
            .where(mail_queue.c.id == mail_id)
            .values(state=SENT, sent_at=now, claimed_until=None, last_error="")
        )

    def mark_failed(self, mail: OutgoingMail, error: str, now: datetime, max_attempts: int) -> None:
        """Tried again later with backoff; given up (`failed`) after `max_attempts`."""
        final = mail.attempts >= max_attempts
        self._session.execute(
            update(mail_queue)
            .where(mail_queue.c.id == mail.id)
            .values(
                state=FAILED if final else PENDING,
                claimed_until=None,
                last_error=error[:2000],
                next_attempt_at=next_attempt(now, mail.attempts),
            )
        )
