"""`crm-sales migrate|serve|relay`."""

from crm_platform.service_cli import run_cli
from sales.bootstrap import SALES


def main() -> None:
    run_cli(SALES)
