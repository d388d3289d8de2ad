# ruff: noqa: RUF001 (Chinese texts, Chinese punctuation)
"""Notifications to e-mail through a real SMTP server on loopback (the mail catcher): the
message arrives as a Maildir file, multipart, in the user's language; a relay that is down
leaves the notification in-app and the message retried with backoff; a sender killed
mid-batch loses nothing and sends nothing twice."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from notifications.adapters.mail_queue import MailQueue
from notifications.adapters.smtp_sender import SmtpRelay
from notifications.entrypoints.event_handlers import make_handler
from notifications.service import sending
from notifications.service.sending import SendPolicy, send_round

from crm.events.v1 import activities_events_pb2 as act
from crm.events.v1 import service_desk_events_pb2 as desk

from .conftest import (
    MAIL_FROM,
    MAILING,
    at,
    envelope_of,
    inbox_of,
    mail_log,
    new_user,
    user_changed,
)

POLICY = SendPolicy(batch=10, lease=timedelta(minutes=2), max_attempts=3)


def handle(session_factory, *envelopes) -> None:
    handler = make_handler(MAILING)
    with session_factory() as session:
        for envelope in envelopes:
            handler(session, envelope)
        session.commit()


def task_due(user_id: str, subject: str = "Call Acme back"):
    event = act.TaskDue(task_id=f"task-{user_id}", subject=subject, owner_id=user_id)
    event.due_at.FromDatetime(at(10))
    return envelope_of("activities.task-due", event, "activities")


def test_the_message_arrives_multipart_in_the_users_language(session_factory, catcher, relay):
    user = new_user()
    handle(session_factory, user_changed(user, language="zh"), task_due(user))

    assert send_round(session_factory, relay, lambda: at(10), MAILING, POLICY) == 1
    (message,) = catcher.messages()
    assert message["To"] == f"{user}@example.org"
    assert message["Subject"] == "任务即将到期：Call Acme back"
    assert message["Message-ID"].endswith("@crm.example.org>")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "你的任务“Call Acme back”将于 2030-05-06 10:00 UTC 到期" in text
    assert "http://crm.example.org/tasks" in text
    assert 'lang="zh-Hans"' in html
    (logged,) = mail_log(session_factory)
    assert (logged.state, logged.attempts, logged.last_error) == ("sent", 1, "")
    assert len(catcher.files()) == 1 and catcher.files()[0].parent.name == "new"


def test_smtp_down_keeps_it_in_app_and_retries_with_backoff(session_factory, catcher):
    user = new_user()
    handle(session_factory, user_changed(user), task_due(user))
    down = SmtpRelay(host="127.0.0.1", port=1, mail_from=MAIL_FROM, timeout=2)

    send_round(session_factory, down, lambda: at(10), MAILING, POLICY)
    (logged,) = mail_log(session_factory)
    assert (logged.state, logged.attempts) == ("pending", 1)
    assert "ConnectionRefused" in logged.last_error
    assert logged.next_attempt_at == at(10) + timedelta(seconds=30)
    (notification,) = inbox_of(session_factory, user)
    assert notification.in_app and not notification.read

    relay = SmtpRelay(host=catcher.host, port=catcher.port, mail_from=MAIL_FROM)
    send_round(session_factory, relay, lambda: at(10, 0), MAILING, POLICY)  # not yet due
    assert catcher.files() == []
    send_round(session_factory, relay, lambda: at(10, 1), MAILING, POLICY)
    (logged,) = mail_log(session_factory)
    assert (logged.state, logged.attempts) == ("sent", 2)
    assert len(catcher.files()) == 1


def test_gives_up_after_the_last_attempt_and_says_why(session_factory):
    user = new_user()
    handle(session_factory, user_changed(user), task_due(user))
    down = SmtpRelay(host="127.0.0.1", port=1, mail_from=MAIL_FROM, timeout=2)
    for hour in (10, 11, 12):
        send_round(session_factory, down, lambda h=hour: at(h), MAILING, POLICY)
    (logged,) = mail_log(session_factory)
    assert (logged.state, logged.attempts) == ("failed", 3)
    assert logged.last_error


def test_a_sender_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    session_factory, catcher, relay
):
    users = [new_user() for _ in range(4)]
    handle(session_factory, *[e for u in users for e in (user_changed(u), task_due(u))])
    # The first sender claims the batch and dies before sending any (its claim committed).
    with session_factory() as session:
        assert len(MailQueue(session).claim(at(10), 10, POLICY.lease)) == 4
        session.commit()
    # A second sender does not take what is claimed, until the claim lapses.
    send_round(session_factory, relay, lambda: at(10, 1), MAILING, POLICY)
    assert catcher.files() == []
    send_round(session_factory, relay, lambda: at(10, 3), MAILING, POLICY)
    send_round(session_factory, relay, lambda: at(10, 10), MAILING, POLICY)
    assert sorted(m["To"] for m in catcher.messages()) == sorted(f"{u}@example.org" for u in users)
    assert {row.state for row in mail_log(session_factory)} == {"sent"}


def test_a_failure_mid_batch_marks_the_ones_sent_before_it(session_factory, catcher, relay):
    users = [new_user() for _ in range(3)]
    handle(session_factory, *[e for u in users for e in (user_changed(u), task_due(u))])
    sent_before_kill = []

    class DiesAfterTwo(SmtpRelay):
        def send(self, connection, mail):
            if len(sent_before_kill) == 2:
                raise KeyboardInterrupt  # the process killed between two messages
            super().send(connection, mail)
            sent_before_kill.append(mail.id)

    dying = DiesAfterTwo(host=catcher.host, port=catcher.port, mail_from=MAIL_FROM)
    with contextlib.suppress(KeyboardInterrupt):
        sending.deliver_mail(session_factory, dying, lambda: at(10), POLICY)
    states = [row.state for row in mail_log(session_factory)]
    assert states == ["sent", "sent", "sending"]
    send_round(session_factory, relay, lambda: at(10, 5), MAILING, POLICY)
    assert len(catcher.files()) == 3
    assert {row.state for row in mail_log(session_factory)} == {"sent"}


def test_daily_digest_sends_one_message_after_the_digest_hour(session_factory, catcher, relay):
    from notifications.adapters.directory import Directory

    user = new_user()
    handle(session_factory, user_changed(user))
    with session_factory() as session:
        Directory(session).set_frequency(user, "daily_digest")
        session.commit()
    handle(session_factory, task_due(user, "One"), task_due(user, "Two"))
    send_round(session_factory, relay, lambda: at(6, 59) + timedelta(days=1), MAILING,
               POLICY)  # fmt: skip
    # Made "at" the handler's real now, i.e. before the digest time that passed last.
    assert len(catcher.messages()) == 1
    (digest,) = catcher.messages()
    text = digest.get_body(("plain",)).get_content()
    assert "Task due: One" in text and "Task due: Two" in text
    send_round(session_factory, relay, lambda: at(8) + timedelta(days=2), MAILING, POLICY)
    assert len(catcher.files()) == 1


def test_a_follow_up_reminds_its_owner_the_day_before(session_factory, catcher, relay):
    user = new_user()
    event = desk.FollowUpScheduled(follow_up_id=f"f-{user}", owner_id=user, subject="Visit")
    event.due_at.FromDatetime(at(9) + timedelta(days=1))
    handle(session_factory, user_changed(user), envelope_of(
        "service-desk.follow-up-scheduled", event, "service-desk"))  # fmt: skip
    send_round(session_factory, relay, lambda: at(8, 59), MAILING, POLICY)
    assert inbox_of(session_factory, user) == []
    send_round(session_factory, relay, lambda: at(9), MAILING, POLICY)
    send_round(session_factory, relay, lambda: at(9, 30), MAILING, POLICY)
    (told,) = inbox_of(session_factory, user)
    assert (told.kind, told.title, told.link) == (
        "follow_up_due",
        "Follow-up due tomorrow: Visit",
        f"/follow-ups/f-{user}/edit",
    )
    assert len(catcher.files()) == 1


def ticket_event(ticket_id: str, assignee: str, action: str = "updated"):
    event = desk.TicketChanged(ticket_id=ticket_id, action=action, to_state="in_progress",
                               assignee_id=assignee, subject="Printer")  # fmt: skip
    event.created_at.FromDatetime(at(8))
    event.sla_due_at.FromDatetime(at(18))  # 80 % of it at 16:00
    return envelope_of("service-desk.ticket-changed", event, "service-desk")


def test_an_sla_warning_is_told_once_and_again_only_to_a_new_assignee(
    session_factory, catcher, relay
):
    first, second = new_user(), new_user()
    ticket = f"ticket-{first}"
    handle(session_factory, user_changed(first), user_changed(second))
    handle(session_factory, ticket_event(ticket, first, "opened"))
    send_round(session_factory, relay, lambda: at(15, 59), MAILING, POLICY)
    assert [r.kind for r in inbox_of(session_factory, first)] == ["ticket_assigned"]
    send_round(session_factory, relay, lambda: at(16), MAILING, POLICY)
    # The ticket edited after its warning: the same time and assignee do not warn again.
    handle(session_factory, ticket_event(ticket, first))
    send_round(session_factory, relay, lambda: at(16, 30), MAILING, POLICY)
    warned = [r.kind for r in inbox_of(session_factory, first)]
    assert sorted(warned) == ["ticket_assigned", "ticket_sla_warning"]
    handle(session_factory, ticket_event(ticket, second))
    send_round(session_factory, relay, lambda: at(16, 31), MAILING, POLICY)
    assert sorted(r.kind for r in inbox_of(session_factory, second)) == [
        "ticket_assigned", "ticket_sla_warning"
    ]  # fmt: skip
