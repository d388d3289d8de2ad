"""Wires the notifications service: its gRPC server, its consumer and its sender."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from crm.notifications.v1 import notifications_pb2_grpc
from crm_platform.grpc_server.server import ServiceBinding
from crm_platform.service_cli import ServiceDefinition
from crm_platform.unit_of_work import UnitOfWork
from notifications.entrypoints.event_handlers import event_handlers
from notifications.entrypoints.grpc_servicer import NotificationsServicer
from notifications.entrypoints.sender import send
from notifications.settings import NotificationsSettings

SERVICE_NAME = "notifications"
SERVICE_FULL_NAME = "crm.notifications.v1.NotificationsService"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def grpc_bindings(
    settings: NotificationsSettings, session_factory: sessionmaker[Session]
) -> list[ServiceBinding]:
    servicer = NotificationsServicer(lambda: UnitOfWork(session_factory, SERVICE_NAME))
    return [
        ServiceBinding(
            notifications_pb2_grpc.add_NotificationsServiceServicer_to_server,
            servicer,
            SERVICE_FULL_NAME,
        )
    ]


NOTIFICATIONS = ServiceDefinition(
    name=SERVICE_NAME,
    settings_type=NotificationsSettings,
    migrations=MIGRATIONS,
    grpc_bindings=grpc_bindings,
    event_handlers=event_handlers,
    own_commands={"send": send},
)
