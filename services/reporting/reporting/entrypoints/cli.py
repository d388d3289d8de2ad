"""`crm-reporting migrate|serve|relay|consume`."""

from crm_platform.service_cli import run_cli
from reporting.bootstrap import REPORTING


def main() -> None:
    run_cli(REPORTING)
