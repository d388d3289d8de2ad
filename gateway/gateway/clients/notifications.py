"""The notifications service's client (the caller's notifications and settings), and the
`gateway.user-changed` event by which the gateway tells it who the users are (events are wire
format too, so they are built here, the only package that imports the messages)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import grpc
from google.protobuf import empty_pb2
from google.protobuf.message import Message

from crm.events.v1 import gateway_events_pb2
from crm.notifications.v1 import notifications_pb2 as pb
from crm.notifications.v1 import notifications_pb2_grpc
from gateway.clients.channels import CHANNEL_OPTIONS
from gateway.clients.messages import as_data, as_model
from gateway.clients.rpc import ServiceClient
from gateway.domain.account import Account
from gateway.models.notifications import (
    NotificationList,
    NotificationOut,
    NotificationSettingsOut,
    ReadAll,
    UnreadCount,
)

if TYPE_CHECKING:
    from gateway.clients import ServiceClients

DEFAULT_ADDRESS = "127.0.0.1:50056"


class NotificationsClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = notifications_pb2_grpc.NotificationsServiceStub(channel)

    def list(self, *, unread_only: bool = False, page_size: int = 50) -> NotificationList:
        reply = self._call(
            self._stub.ListNotifications,
            pb.ListNotificationsRequest(unread_only=unread_only, page_size=page_size),
        )
        data = as_data(reply)
        return NotificationList(items=data.get("notifications", []), unread=reply.unread)

    def mark_read(self, notification_id: str) -> NotificationOut:
        reply = self._call(self._stub.MarkRead, pb.MarkReadRequest(id=notification_id))
        return as_model(NotificationOut, reply)

    def mark_all_read(self) -> ReadAll:
        return ReadAll(marked=self._call(self._stub.MarkAllRead, empty_pb2.Empty()).marked)

    def count_unread(self) -> UnreadCount:
        return UnreadCount(unread=self._call(self._stub.CountUnread, empty_pb2.Empty()).unread)

    def settings(self) -> NotificationSettingsOut:
        return _settings_out(self._call(self._stub.GetSettings, empty_pb2.Empty()))

    def put_settings(
        self, preferences: dict[str, str], frequency: str | None
    ) -> NotificationSettingsOut:
        request = pb.NotificationSettings(
            preferences=[pb.KindPreference(kind=k, channel=c) for k, c in preferences.items()],
            email_frequency=frequency or "",
        )
        return _settings_out(self._call(self._stub.PutSettings, request))


def _settings_out(reply: pb.NotificationSettings) -> NotificationSettingsOut:
    return NotificationSettingsOut(
        preferences={p.kind: p.channel for p in reply.preferences},
        email_frequency=reply.email_frequency,
    )


def notifications_client(clients: ServiceClients) -> NotificationsClient:
    """`clients.notifications`: over the channel the settings name (`service_addresses`
    ["notifications"]) once GatewaySettings reads NOTIFICATIONS_GRPC_ADDRESS; until then over a
    channel of its own to that variable (the settings module is another helper's)."""
    made = clients.__dict__.get("_notifications")
    if made is None:
        try:
            channel = clients.channels["notifications"]
        except KeyError:
            address = os.environ.get("NOTIFICATIONS_GRPC_ADDRESS", DEFAULT_ADDRESS)
            channel = grpc.insecure_channel(address, options=CHANNEL_OPTIONS)
        made = NotificationsClient(channel, clients.sales._deadline)
        clients.__dict__["_notifications"] = made
    return made


def user_changed_event(account: Account, now: datetime | None = None) -> Message:
    """The account as the notifications service keeps it: who, where to write, in which
    language, and whether they may still act (not locked, not expired)."""
    moment = now or datetime.now(UTC)
    expired = account.expires_at is not None and account.expires_at <= moment
    event = gateway_events_pb2.UserChanged(
        user_id=account.id,
        username=account.username,
        display_name=account.display_name,
        email=account.email or "",
        language=account.language or "",
        active=not account.locked and not expired,
    )
    event.changed_at.FromDatetime(moment)
    return event
