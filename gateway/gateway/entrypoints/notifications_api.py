"""The caller's notifications and notification settings: /api/v1/notifications (the bell's
list, its count, marking read) and /api/v1/me/notification-settings."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import clients
from gateway.models.common import Problem
from gateway.models.notifications import (
    NotificationList,
    NotificationOut,
    NotificationQuery,
    NotificationSettingsIn,
    NotificationSettingsOut,
    ReadAll,
    UnreadCount,
)


def notifications_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("notifications", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "notifications")

    @route("GET", "/notifications", query=NotificationQuery, HTTP_200=NotificationList,
           HTTP_400=Problem)  # fmt: skip
    def list_notifications(query: NotificationQuery):
        """Your notifications, newest first; `unread=true` for the unread ones only."""
        return clients().notifications.list(unread_only=query.unread, page_size=query.page_size)

    @route("POST", "/notifications/<notification_id>:read", HTTP_200=NotificationOut)
    def read_notification(notification_id: str):
        """Mark one of your notifications read (404 for anyone else's)."""
        return clients().notifications.mark_read(notification_id)

    @route("POST", "/notifications:readAll", HTTP_200=ReadAll)
    def read_all_notifications():
        """Mark all your notifications read; says how many were unread."""
        return clients().notifications.mark_all_read()

    @route("GET", "/notifications:count", HTTP_200=UnreadCount)
    def count_notifications():
        """How many of your notifications are unread (what the bell shows)."""
        return clients().notifications.count_unread()

    @route("GET", "/me/notification-settings", HTTP_200=NotificationSettingsOut)
    def get_notification_settings():
        """How you are told of each kind (in_app, email, both, none) and how often by e-mail."""
        return clients().notifications.settings()

    @route("PUT", "/me/notification-settings", json=NotificationSettingsIn,
           HTTP_200=NotificationSettingsOut, HTTP_400=Problem)  # fmt: skip
    def put_notification_settings(json: NotificationSettingsIn):
        """Change the kinds sent (the others keep theirs) and, when sent, the frequency."""
        return clients().notifications.put_settings(dict(json.preferences), json.email_frequency)

    return bp
