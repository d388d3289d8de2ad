import json
import logging

from crm_platform.logs import configure_logging
from crm_platform.request_context import Identity, bound


def test_json_lines_carry_service_and_correlation_id(capsys):
    configure_logging("sales", "INFO", "json")
    try:
        with bound(Identity("u1"), "corr-123"):
            logging.getLogger("sales.test").info("lead %s created", "L-1", extra={"lead_id": "L-1"})
        line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    finally:
        logging.getLogger().handlers.clear()
    assert line["message"] == "lead L-1 created"
    assert line["level"] == "INFO" and line["logger"] == "sales.test"
    assert line["service"] == "sales" and line["correlation_id"] == "corr-123"
    assert line["lead_id"] == "L-1"
