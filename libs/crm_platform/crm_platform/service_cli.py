"""The command line every service shares: `migrate`, `serve`, `relay` and `consume`.

A service describes itself once (its settings, migrations, gRPC servicers and event handlers)
in its bootstrap module; this turns that description into running processes. Nothing is built
before a command runs.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from crm_platform import migrations
from crm_platform.consumer import EventConsumer, Handler
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import ServiceBinding, start_server
from crm_platform.kafka_clients import make_consumer, make_producer
from crm_platform.logs import configure_logging
from crm_platform.metrics import serve_metrics
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.settings import ServiceSettings
from crm_platform.topics import await_topics

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServiceDefinition:
    name: str
    settings_type: type[ServiceSettings]
    migrations: Path
    grpc_bindings: Callable[[ServiceSettings, sessionmaker[Session]], Sequence[ServiceBinding]]
    event_handlers: Callable[[ServiceSettings], Mapping[str, Handler]] | None = None
    # A service's own processes (a scheduler, a rebuild), or its own take on a shared one;
    # each gets the parsed settings once logging is set up.
    own_commands: Mapping[str, Callable[[ServiceSettings], object]] = field(default_factory=dict)


def run_cli(service: ServiceDefinition, argv: Sequence[str] | None = None) -> None:
    shared: dict[str, Callable[[ServiceSettings], object]] = {
        "migrate": partial(_migrate, service),
        "serve": partial(_serve, service),
        "relay": partial(_relay, service),
    }
    if service.event_handlers:
        shared["consume"] = partial(_consume, service)
    commands = {**shared, **service.own_commands}
    parser = argparse.ArgumentParser(prog=f"crm-{service.name}")
    parser.add_argument("command", choices=list(commands))
    args = parser.parse_args(argv)
    settings = service.settings_type()
    configure_logging(service.name, settings.log_level, settings.log_format)
    commands[args.command](settings)


def _migrate(service: ServiceDefinition, settings: ServiceSettings) -> None:
    migrations.upgrade(service.migrations, settings.database_url)
    log.info("%s database migrated", service.name)


def _serve(service: ServiceDefinition, settings: ServiceSettings) -> None:
    serve_metrics(settings.metrics_port, settings.metrics_host)
    engine = make_engine(settings.database_url)
    bindings = service.grpc_bindings(settings, make_session_factory(engine))
    server = start_server(
        settings.grpc_address,
        bindings,
        workers=settings.grpc_workers,
        verifier=settings.identity_verifier(),
    )
    _run_until_signal(lambda stop: stop.wait())
    log.info("%s stopping", service.name)
    server.stop()
    engine.dispose()


def _relay(service: ServiceDefinition, settings: ServiceSettings) -> None:
    serve_metrics(settings.relay_metrics_port, settings.metrics_host)
    await_topics(settings.kafka_bootstrap_servers, settings.kafka_create_topics)
    engine = make_engine(settings.database_url)
    producer = make_producer(settings.kafka_bootstrap_servers, f"{service.name}-relay")
    relay = OutboxRelay(
        make_session_factory(engine),
        producer,
        batch_size=settings.relay_batch_size,
        poll_interval=settings.relay_poll_interval,
    )
    log.info("%s outbox relay started", service.name)
    _run_until_signal(relay.run)
    producer.close(timeout=10)
    engine.dispose()


def _consume(service: ServiceDefinition, settings: ServiceSettings) -> None:
    assert service.event_handlers is not None
    handlers = service.event_handlers(settings)
    serve_metrics(settings.consumer_metrics_port, settings.metrics_host)
    await_topics(settings.kafka_bootstrap_servers, settings.kafka_create_topics)
    engine = make_engine(settings.database_url)
    consumer = EventConsumer(
        make_consumer(
            settings.kafka_bootstrap_servers,
            group_id=service.name,
            topics=sorted(handlers),
            client_id=f"{service.name}-consumer",
        ),
        make_producer(settings.kafka_bootstrap_servers, f"{service.name}-dlq"),
        make_session_factory(engine),
        handlers,
    )
    log.info("%s consuming %s", service.name, ", ".join(sorted(handlers)))
    _run_until_signal(consumer.run)
    consumer.close()
    engine.dispose()


def _run_until_signal(loop: Callable[[threading.Event], None]) -> None:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    loop(stop)
