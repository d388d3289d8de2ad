"""Wires the gateway once per app: database, password hashing, service clients, broker probe."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from sqlalchemy import Engine

from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_metadata import sign_identities_with
from crm_platform.identity_token import IdentitySigner
from gateway.adapters.kafka_probe import KafkaProbe
from gateway.adapters.passwords import Passwords
from gateway.adapters.token_holders import TokenHolders
from gateway.adapters.unit_of_work import GatewayUnitOfWork
from gateway.clients import ServiceClients
from gateway.domain.lockout import LockoutPolicy
from gateway.service.dependencies import Dependencies
from gateway.settings import GatewaySettings

PRODUCER = "gateway"


@dataclass
class Gateway:
    settings: GatewaySettings
    engine: Engine
    deps: Dependencies
    clients: ServiceClients
    kafka: KafkaProbe
    # Signs the identity sent with each gRPC call, and the tokens integrations exchange for.
    signer: IdentitySigner

    def close(self) -> None:
        self.clients.close()
        self.engine.dispose()


def make_dependencies(settings: GatewaySettings, engine: Engine) -> Dependencies:
    session_factory = make_session_factory(engine)
    return Dependencies(
        uow=partial(GatewayUnitOfWork, session_factory, PRODUCER),
        passwords=Passwords(),
        # GATEWAY_LOCKOUT_THRESHOLD failures from one address make it wait; four times as
        # many from strangers' addresses lock the account (but not for its owner's).
        lockout=LockoutPolicy.for_addresses(
            settings.lockout_threshold, timedelta(seconds=settings.lockout_seconds)
        ),
        token_ttl=timedelta(seconds=settings.token_ttl_seconds),
        token_holder=TokenHolders(engine).find,
    )


def bootstrap(settings: GatewaySettings) -> Gateway:
    if settings.identity_signing_key is None:
        raise RuntimeError(
            "GATEWAY_IDENTITY_SIGNING_KEY is not set: the gateway signs the identity it passes "
            "to the services with it (python -m crm_platform.identity_token makes a pair)"
        )
    signer = IdentitySigner.gateway(settings.identity_signing_key.get_secret_value())
    # Every adapter's outgoing_metadata() signs with it: one key per process, as one gateway.
    sign_identities_with(signer)
    engine = make_engine(settings.database_url)
    return Gateway(
        settings=settings,
        engine=engine,
        deps=make_dependencies(settings, engine),
        clients=ServiceClients.connect(settings.service_addresses, settings.grpc_deadline_seconds),
        kafka=KafkaProbe(
            settings.kafka_bootstrap_servers,
            timeout=settings.readiness_timeout_seconds,
            interval=settings.kafka_check_interval_seconds,
        ),
        signer=signer,
    )
