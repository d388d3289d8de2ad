"""Wires the reporting service: its gRPC server and its consumer of every topic."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from crm.reporting.v1 import reporting_pb2_grpc
from crm_platform.grpc_server.server import ServiceBinding
from crm_platform.service_cli import ServiceDefinition
from crm_platform.unit_of_work import UnitOfWork
from reporting.entrypoints.event_handlers import event_handlers
from reporting.entrypoints.grpc_servicer import LagReader, ReportingServicer
from reporting.settings import ReportingSettings

SERVICE_NAME = "reporting"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


SERVICE_FULL_NAME = "crm.reporting.v1.ReportingService"


def grpc_bindings(
    settings: ReportingSettings,
    session_factory: sessionmaker[Session],
    lag: LagReader | None = None,
) -> list[ServiceBinding]:
    new_uow = lambda: UnitOfWork(session_factory, SERVICE_NAME)  # noqa: E731
    servicer = ReportingServicer(new_uow, lag) if lag else ReportingServicer(new_uow)
    return [
        ServiceBinding(
            reporting_pb2_grpc.add_ReportingServiceServicer_to_server, servicer, SERVICE_FULL_NAME
        )
    ]


REPORTING = ServiceDefinition(
    name=SERVICE_NAME,
    settings_type=ReportingSettings,
    migrations=MIGRATIONS,
    grpc_bindings=grpc_bindings,
    event_handlers=event_handlers,
)
