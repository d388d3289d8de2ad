"""Wires the marketing service: its gRPC server and its consumer of sales' lead events, built
only when their processes start."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from crm.marketing.v1 import marketing_pb2_grpc
from crm_platform.audit.servicer import audit_binding
from crm_platform.grpc_server.server import ServiceBinding
from crm_platform.service_cli import ServiceDefinition
from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.unit_of_work import MarketingUnitOfWork
from marketing.entrypoints.event_handlers import event_handlers
from marketing.entrypoints.grpc_servicer import MarketingServicer
from marketing.settings import MarketingSettings

SERVICE_NAME = "marketing"
# The object types whose changes this service writes to its audit log.
AUDITED_TYPES = ("campaign", "campaign_note")
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def grpc_bindings(
    settings: MarketingSettings, session_factory: sessionmaker[Session]
) -> list[ServiceBinding]:
    servicer = MarketingServicer(lambda: MarketingUnitOfWork(session_factory, SERVICE_NAME))
    return [
        ServiceBinding(
            marketing_pb2_grpc.add_MarketingServiceServicer_to_server,
            servicer,
            "crm.marketing.v1.MarketingService",
        ),
        audit_binding(lambda: UnitOfWork(session_factory, SERVICE_NAME), AUDITED_TYPES),
    ]


MARKETING = ServiceDefinition(
    name=SERVICE_NAME,
    settings_type=MarketingSettings,
    migrations=MIGRATIONS,
    grpc_bindings=grpc_bindings,
    event_handlers=event_handlers,
)
