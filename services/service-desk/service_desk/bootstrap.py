"""Wires the service desk: its gRPC server and its consumer of sales' deal-closed events, built
only when their processes start."""

from __future__ import annotations

from pathlib import Path

import grpc
from sqlalchemy.orm import Session, sessionmaker

from crm.sales.v1 import sales_pb2_grpc
from crm.service_desk.v1 import service_desk_pb2_grpc
from crm_platform.audit.servicer import audit_binding
from crm_platform.grpc_server.server import ServiceBinding
from crm_platform.service_cli import ServiceDefinition
from crm_platform.unit_of_work import UnitOfWork
from service_desk.adapters.sales_client import SalesCustomers
from service_desk.entrypoints.event_handlers import event_handlers
from service_desk.entrypoints.grpc_servicer import ServiceDeskServicer
from service_desk.service.events import PRODUCER
from service_desk.settings import ServiceDeskSettings

SERVICE_NAME = PRODUCER
# The object types whose changes this service writes to its audit log.
AUDITED_TYPES = ("ticket", "ticket_comment", "follow_up", "survey")
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def grpc_bindings(
    settings: ServiceDeskSettings, session_factory: sessionmaker[Session]
) -> list[ServiceBinding]:
    # The channel connects lazily and lives as long as the process, like the server itself.
    sales = sales_pb2_grpc.SalesServiceStub(grpc.insecure_channel(settings.sales_grpc_address))
    servicer = ServiceDeskServicer(
        lambda: UnitOfWork(session_factory, SERVICE_NAME),
        SalesCustomers(sales, settings.sales_deadline_seconds),
        settings.policies(),
    )
    return [
        ServiceBinding(
            service_desk_pb2_grpc.add_ServiceDeskServiceServicer_to_server,
            servicer,
            "crm.service_desk.v1.ServiceDeskService",
        ),
        audit_binding(lambda: UnitOfWork(session_factory, SERVICE_NAME), AUDITED_TYPES),
    ]


SERVICE_DESK = ServiceDefinition(
    name=SERVICE_NAME,
    settings_type=ServiceDeskSettings,
    migrations=MIGRATIONS,
    grpc_bindings=grpc_bindings,
    event_handlers=event_handlers,
)
