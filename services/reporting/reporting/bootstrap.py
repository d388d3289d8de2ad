"""Wires the reporting service: its gRPC server and its consumer of every topic."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from crm.reporting.v1 import reporting_pb2_grpc
from crm_platform.grpc_server.server import ServiceBinding
from crm_platform.service_cli import ServiceDefinition
from crm_platform.unit_of_work import UnitOfWork
from reporting.entrypoints.event_handlers import event_handlers
from reporting.entrypoints.grpc_servicer import ReportingServicer
from reporting.settings import ReportingSettings

SERVICE_NAME = "reporting"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def grpc_bindings(
    settings: ReportingSettings, session_factory: sessionmaker[Session]
) -> list[ServiceBinding]:
    servicer = ReportingServicer(lambda: UnitOfWork(session_factory, SERVICE_NAME))
    return [
        ServiceBinding(
            reporting_pb2_grpc.add_ReportingServiceServicer_to_server,
            servicer,
            "crm.reporting.v1.ReportingService",
        )
    ]


REPORTING = ServiceDefinition(
    name=SERVICE_NAME,
    settings_type=ReportingSettings,
    migrations=MIGRATIONS,
    grpc_bindings=grpc_bindings,
    event_handlers=event_handlers,
)
