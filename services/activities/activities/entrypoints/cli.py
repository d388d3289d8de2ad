"""`crm-activities migrate|serve|relay|consume|schedule`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from activities.bootstrap import ACTIVITIES, SERVICE_NAME
from activities.entrypoints import scheduler
from crm_platform.service_cli import run_cli


def main(argv: Sequence[str] | None = None) -> None:
    # The scheduler (reminders, overdue notices) is the activities service's own process.
    schedule = {"schedule": lambda settings: scheduler.main(settings, SERVICE_NAME)}
    run_cli(replace(ACTIVITIES, own_commands=schedule), argv)
