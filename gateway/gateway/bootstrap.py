"""Wires the gateway once per app: database, password hashing, service channels, broker probe."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from sqlalchemy import Engine

from crm_platform.database import make_engine, make_session_factory
from gateway.adapters.kafka_probe import KafkaProbe
from gateway.adapters.passwords import Passwords
from gateway.adapters.service_channels import ServiceChannels
from gateway.adapters.unit_of_work import GatewayUnitOfWork
from gateway.domain.lockout import LockoutPolicy
from gateway.service.dependencies import Dependencies
from gateway.settings import GatewaySettings

PRODUCER = "gateway"


@dataclass
class Gateway:
    settings: GatewaySettings
    engine: Engine
    deps: Dependencies
    channels: ServiceChannels
    kafka: KafkaProbe

    def close(self) -> None:
        self.channels.close()
        self.engine.dispose()


def make_dependencies(settings: GatewaySettings, engine: Engine) -> Dependencies:
    session_factory = make_session_factory(engine)
    return Dependencies(
        uow=partial(GatewayUnitOfWork, session_factory, PRODUCER),
        passwords=Passwords(),
        lockout=LockoutPolicy(
            threshold=settings.lockout_threshold,
            duration=timedelta(seconds=settings.lockout_seconds),
        ),
        token_ttl=timedelta(seconds=settings.token_ttl_seconds),
    )


def bootstrap(settings: GatewaySettings) -> Gateway:
    engine = make_engine(settings.database_url)
    return Gateway(
        settings=settings,
        engine=engine,
        deps=make_dependencies(settings, engine),
        channels=ServiceChannels(settings.service_addresses),
        kafka=KafkaProbe(
            settings.kafka_bootstrap_servers,
            timeout=settings.readiness_timeout_seconds,
            interval=settings.kafka_check_interval_seconds,
        ),
    )
