"""`crm-reporting migrate|serve|relay|consume|rebuild`.

`serve` is reporting's own (readiness follows the consumer's lag) and so is `rebuild`
(replay every topic into a new database); the rest are the platform's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from crm_platform.service_cli import run_cli
from reporting.bootstrap import REPORTING
from reporting.entrypoints.rebuild import rebuild
from reporting.entrypoints.serve import serve


def main(argv: Sequence[str] | None = None) -> None:
    run_cli(replace(REPORTING, own_commands={"serve": serve, "rebuild": rebuild}), argv)
