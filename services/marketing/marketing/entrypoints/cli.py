"""`crm-marketing migrate|serve|relay|consume`."""

from crm_platform.service_cli import run_cli
from marketing.bootstrap import MARKETING


def main() -> None:
    run_cli(MARKETING)
