"""`crm-service-desk migrate|serve|relay`."""

from crm_platform.service_cli import run_cli
from service_desk.bootstrap import SERVICE_DESK


def main() -> None:
    run_cli(SERVICE_DESK)
