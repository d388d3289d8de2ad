"""Does the gateway's own database answer? The one thing the gateway needs to serve at all."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

OK = "ok"
UNREACHABLE = "unreachable"

log = logging.getLogger(__name__)


def database_state(engine: Engine) -> str:
    """`SELECT 1` on a pooled connection: "ok", or "unreachable" when it fails."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        log.warning("gateway database unreachable: %s", error)
        return UNREACHABLE
    return OK
