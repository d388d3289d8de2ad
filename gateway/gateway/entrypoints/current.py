"""The wired gateway of the app handling the current request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app

if TYPE_CHECKING:
    from gateway.bootstrap import Gateway

EXTENSION = "crm_gateway"


def current_gateway() -> Gateway:
    return current_app.extensions[EXTENSION]
