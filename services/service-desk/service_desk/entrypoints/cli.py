"""`crm-service-desk migrate|serve|relay|consume|schedule`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from crm_platform.service_cli import run_cli
from service_desk.bootstrap import SERVICE_DESK, SERVICE_NAME
from service_desk.entrypoints import scheduler


def main(argv: Sequence[str] | None = None) -> None:
    # The scheduler (overdue follow-ups, SLA breaches) is the service desk's own process.
    schedule = {"schedule": lambda settings: scheduler.main(settings, SERVICE_NAME)}
    run_cli(replace(SERVICE_DESK, own_commands=schedule), argv)
