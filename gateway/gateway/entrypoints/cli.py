"""`crm-gateway migrate`, `crm-gateway serve` and `crm-gateway relay` (its outbox to Kafka)."""

from __future__ import annotations

import argparse
import os
import sys

from crm_platform.database import make_engine
from crm_platform.logs import configure_logging
from gateway.adapters.outbox_relay import run_relay
from gateway.adapters.schema import upgrade_to_head
from gateway.bootstrap import make_dependencies
from gateway.entrypoints.openapi import MAX_REQUEST_LINE_BYTES
from gateway.first_start import announce_first_admin
from gateway.settings import GatewaySettings


def migrate(settings: GatewaySettings) -> None:
    """Upgrade the database to the newest revision, then make sure an admin exists."""
    engine = make_engine(settings.database_url)
    try:
        upgrade_to_head(engine)
        announce_first_admin(make_dependencies(settings, engine), settings)
    finally:
        engine.dispose()


def serve(settings: GatewaySettings) -> None:
    """Replace this process with gunicorn running the app factory."""
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        settings.bind,
        "--workers",
        str(settings.workers),
        "--threads",
        str(settings.threads),
        "--worker-class",
        "gthread",
        # The control socket's default path is shared by every gunicorn of the user: two
        # gateways on one machine (make up beside the e2e tests) would fight over it, and a
        # read-only root filesystem has nowhere to put it.
        "--no-control-socket",
        # gunicorn's largest (its default is 4094): filters and lists of ids fit; the OpenAPI
        # document says 414 beyond.
        "--limit-request-line",
        str(MAX_REQUEST_LINE_BYTES),
        "gateway.app:create_app()",
    ]
    os.execv(sys.executable, argv)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="crm-gateway", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations and create the first admin")
    commands.add_parser("serve", help="run the HTTP server (gunicorn, gthread workers)")
    commands.add_parser("relay", help="send the outbox's events (user changes) to Kafka")
    args = parser.parse_args(argv)

    settings = GatewaySettings()
    configure_logging("gateway", settings.log_level, settings.log_format)
    {"migrate": migrate, "serve": serve, "relay": run_relay}[args.command](settings)


if __name__ == "__main__":
    main()
