"""Wires the sales service: what its processes serve and consume, built only when they start."""

from __future__ import annotations

from pathlib import Path

import grpc
from sqlalchemy.orm import Session, sessionmaker

from crm.marketing.v1 import marketing_pb2_grpc
from crm.sales.v1 import sales_pb2_grpc
from crm_platform.audit.servicer import audit_binding
from crm_platform.grpc_server.server import ServiceBinding
from crm_platform.service_cli import ServiceDefinition
from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.marketing_client import MarketingCampaigns
from sales.entrypoints.grpc_servicer import SalesServicer
from sales.settings import SalesSettings

SERVICE_NAME = "sales"
# The object types whose changes this service writes to its audit log.
AUDITED_TYPES = ("lead", "customer", "contact", "deal", "note")
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def grpc_bindings(
    settings: SalesSettings, session_factory: sessionmaker[Session]
) -> list[ServiceBinding]:
    # The channel connects lazily and lives as long as the process, like the server itself.
    marketing = marketing_pb2_grpc.MarketingServiceStub(
        grpc.insecure_channel(settings.marketing_grpc_address)
    )
    servicer = SalesServicer(
        lambda: UnitOfWork(session_factory, SERVICE_NAME),
        MarketingCampaigns(marketing, settings.marketing_deadline_seconds),
    )
    return [
        ServiceBinding(
            sales_pb2_grpc.add_SalesServiceServicer_to_server,
            servicer,
            "crm.sales.v1.SalesService",
        ),
        audit_binding(lambda: UnitOfWork(session_factory, SERVICE_NAME), AUDITED_TYPES),
    ]


SALES = ServiceDefinition(
    name=SERVICE_NAME,
    settings_type=SalesSettings,
    migrations=MIGRATIONS,
    grpc_bindings=grpc_bindings,
)
