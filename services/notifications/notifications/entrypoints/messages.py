"""Rows and settings as the API's messages."""

from __future__ import annotations

from sqlalchemy.engine import Row

from crm.notifications.v1 import notifications_pb2 as pb
from notifications.domain.kinds import KINDS


def notification_message(row: Row) -> pb.Notification:
    message = pb.Notification(
        id=row.id,
        kind=row.kind,
        title=row.title,
        body=row.body,
        link=row.link,
        read=row.read,
        related_type=row.related_type,
        related_id=row.related_id,
    )
    message.created_at.FromDatetime(row.created_at)
    return message


def settings_message(channels: dict[str, str], frequency: str) -> pb.NotificationSettings:
    return pb.NotificationSettings(
        preferences=[pb.KindPreference(kind=kind, channel=channels[kind]) for kind in KINDS],
        email_frequency=frequency,
    )


def channels_of(request: pb.NotificationSettings) -> dict[str, str]:
    return {p.kind: p.channel for p in request.preferences}
