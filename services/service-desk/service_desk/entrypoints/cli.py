"""`crm-service-desk migrate|serve|relay|consume|schedule`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from crm_platform.service_cli import run_cli
from service_desk.bootstrap import SERVICE_DESK, SERVICE_NAME
from service_desk.entrypoints import scheduler
from service_desk.settings import ServiceDeskSettings


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    # The shared CLI knows the processes every service has; the scheduler is ours alone.
    if args == ["schedule"]:
        scheduler.main(ServiceDeskSettings(), SERVICE_NAME)
        return
    run_cli(SERVICE_DESK, args)
