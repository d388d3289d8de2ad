"""Wires the activities service: its gRPC server (with the clients of the services that own the
related records) and its consumer, built only when their processes start."""

from __future__ import annotations

from pathlib import Path

import grpc
from sqlalchemy.orm import Session, sessionmaker

from activities.adapters.record_client import ServiceRecords
from activities.adapters.unit_of_work import ActivitiesUnitOfWork
from activities.entrypoints.event_handlers import event_handlers
from activities.entrypoints.grpc_servicer import ActivitiesServicer
from activities.service.events import PRODUCER
from activities.settings import ActivitiesSettings
from crm.activities.v1 import activities_pb2_grpc
from crm_platform.audit.servicer import audit_binding
from crm_platform.grpc_server.server import ServiceBinding
from crm_platform.service_cli import ServiceDefinition
from crm_platform.unit_of_work import UnitOfWork

SERVICE_NAME = PRODUCER
# The object types whose changes this service writes to its audit log.
AUDITED_TYPES = ("task", "activity")
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def grpc_bindings(
    settings: ActivitiesSettings, session_factory: sessionmaker[Session]
) -> list[ServiceBinding]:
    # The channels connect lazily and live as long as the process, like the server itself.
    records = ServiceRecords(
        sales=grpc.insecure_channel(settings.sales_grpc_address),
        service_desk=grpc.insecure_channel(settings.service_desk_grpc_address),
        marketing=grpc.insecure_channel(settings.marketing_grpc_address),
        timeout=settings.records_deadline_seconds,
    )
    return [
        ServiceBinding(
            activities_pb2_grpc.add_ActivitiesServiceServicer_to_server,
            ActivitiesServicer(
                lambda: ActivitiesUnitOfWork(session_factory, SERVICE_NAME), records
            ),
            "crm.activities.v1.ActivitiesService",
        ),
        audit_binding(lambda: UnitOfWork(session_factory, SERVICE_NAME), AUDITED_TYPES),
    ]


ACTIVITIES = ServiceDefinition(
    name=SERVICE_NAME,
    settings_type=ActivitiesSettings,
    migrations=MIGRATIONS,
    grpc_bindings=grpc_bindings,
    event_handlers=event_handlers,
)
