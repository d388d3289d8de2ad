"""`crm-reporting migrate|serve|relay|consume|rebuild`.

`serve` and `rebuild` are reporting's own (lag-driven readiness; replay into a new database);
the rest are the platform's.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from crm_platform.logs import configure_logging
from crm_platform.service_cli import run_cli
from reporting.bootstrap import REPORTING
from reporting.entrypoints.rebuild import rebuild
from reporting.entrypoints.serve import serve
from reporting.settings import ReportingSettings

OWN_COMMANDS = {"serve": serve, "rebuild": rebuild}


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) == 1 and args[0] in OWN_COMMANDS:
        settings = ReportingSettings()
        configure_logging("reporting", settings.log_level, settings.log_format)
        OWN_COMMANDS[args[0]](settings)
        return
    run_cli(REPORTING, args)
