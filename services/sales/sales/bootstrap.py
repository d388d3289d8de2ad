"""Wires the sales service: what its processes serve and consume, built only when they start."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from crm.sales.v1 import sales_pb2_grpc
from crm_platform.grpc_server.server import ServiceBinding
from crm_platform.service_cli import ServiceDefinition
from crm_platform.unit_of_work import UnitOfWork
from sales.entrypoints.grpc_servicer import SalesServicer
from sales.settings import SalesSettings

SERVICE_NAME = "sales"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def grpc_bindings(
    settings: SalesSettings, session_factory: sessionmaker[Session]
) -> list[ServiceBinding]:
    servicer = SalesServicer(lambda: UnitOfWork(session_factory, SERVICE_NAME))
    return [
        ServiceBinding(
            sales_pb2_grpc.add_SalesServiceServicer_to_server,
            servicer,
            "crm.sales.v1.SalesService",
        )
    ]


SALES = ServiceDefinition(
    name=SERVICE_NAME,
    settings_type=SalesSettings,
    migrations=MIGRATIONS,
    grpc_bindings=grpc_bindings,
)
