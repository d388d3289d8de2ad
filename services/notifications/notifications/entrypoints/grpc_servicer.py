"""The notifications gRPC API: requests to use cases (service.inbox) and back."""

from __future__ import annotations

from collections.abc import Callable

from crm.notifications.v1 import notifications_pb2 as pb
from crm.notifications.v1 import notifications_pb2_grpc
from crm_platform.unit_of_work import UnitOfWork
from notifications.entrypoints import messages as m
from notifications.service import inbox


class NotificationsServicer(notifications_pb2_grpc.NotificationsServiceServicer):
    # Method names are gRPC's (N802 would have them snake_case).
    def __init__(self, new_uow: Callable[[], UnitOfWork]) -> None:
        self._new_uow = new_uow

    def ListNotifications(self, request, context):  # noqa: N802
        rows, unread = inbox.list_notifications(
            self._new_uow(), unread_only=request.unread_only, page_size=request.page_size
        )
        return pb.ListNotificationsResponse(
            notifications=[m.notification_message(row) for row in rows], unread=unread
        )

    def MarkRead(self, request, context):  # noqa: N802
        return m.notification_message(inbox.mark_read(self._new_uow(), request.id))

    def MarkAllRead(self, request, context):  # noqa: N802
        return pb.MarkAllReadResponse(marked=inbox.mark_all_read(self._new_uow()))

    def CountUnread(self, request, context):  # noqa: N802
        return pb.CountUnreadResponse(unread=inbox.count_unread(self._new_uow()))

    def GetSettings(self, request, context):  # noqa: N802
        return m.settings_message(*inbox.get_settings(self._new_uow()))

    def PutSettings(self, request, context):  # noqa: N802
        saved = inbox.put_settings(self._new_uow(), m.channels_of(request), request.email_frequency)
        return m.settings_message(*saved)
