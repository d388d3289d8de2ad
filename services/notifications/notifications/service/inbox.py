"""What a user does with their own notifications and settings (the gRPC API's use cases).

Every use case is about the caller: the signed identity decides whose inbox it is, so nobody
reads or marks another user's notifications."""

from __future__ import annotations

from sqlalchemy.engine import Row

from crm_platform.errors import NotFound, Unauthenticated
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from notifications.adapters.directory import Directory
from notifications.adapters.inbox import Inbox
from notifications.domain.kinds import checked_frequency, checked_preferences

DEFAULT_PAGE, MAX_PAGE = 50, 200


def _caller() -> str:
    caller = current_identity()
    if caller.is_anonymous:
        raise Unauthenticated("notifications belong to a signed-in user")
    return caller.user_id


def list_notifications(
    uow: UnitOfWork, *, unread_only: bool, page_size: int
) -> tuple[list[Row], int]:
    user_id = _caller()
    limit = min(page_size or DEFAULT_PAGE, MAX_PAGE)
    with uow.read_only():
        inbox = Inbox(uow.session)
        return inbox.page(user_id, unread_only=unread_only, limit=limit), inbox.count_unread(
            user_id
        )


def count_unread(uow: UnitOfWork) -> int:
    user_id = _caller()
    with uow.read_only():
        return Inbox(uow.session).count_unread(user_id)


def mark_read(uow: UnitOfWork, notification_id: str) -> Row:
    user_id = _caller()
    with uow:
        inbox = Inbox(uow.session)
        if inbox.get(user_id, notification_id) is None:
            raise NotFound("no such notification")
        inbox.mark_read(user_id, notification_id)
        uow.commit()
    with uow.read_only():
        row = Inbox(uow.session).get(user_id, notification_id)
    assert row is not None
    return row


def mark_all_read(uow: UnitOfWork) -> int:
    user_id = _caller()
    with uow:
        marked = Inbox(uow.session).mark_read(user_id)
        uow.commit()
    return marked


def get_settings(uow: UnitOfWork) -> tuple[dict[str, str], str]:
    user_id = _caller()
    with uow.read_only():
        directory = Directory(uow.session)
        return directory.channels(user_id), directory.frequency(user_id)


def put_settings(
    uow: UnitOfWork, channels: dict[str, str], frequency: str
) -> tuple[dict[str, str], str]:
    user_id = _caller()
    checked_preferences(channels)
    if frequency:
        checked_frequency(frequency)
    with uow:
        directory = Directory(uow.session)
        directory.set_channels(user_id, channels)
        if frequency:
            directory.set_frequency(user_id, frequency)
        uow.commit()
    return get_settings(uow)
