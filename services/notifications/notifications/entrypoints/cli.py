"""`crm-notifications migrate|serve|relay|consume|send`: the platform's commands, and `send`
(reminders, digests and the SMTP queue)."""

from __future__ import annotations

from collections.abc import Sequence

from crm_platform.service_cli import run_cli
from notifications.bootstrap import NOTIFICATIONS


def main(argv: Sequence[str] | None = None) -> None:
    run_cli(NOTIFICATIONS, argv)
