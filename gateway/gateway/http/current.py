"""The wired gateway of the app handling the current request, and its service clients."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app

if TYPE_CHECKING:
    from gateway.bootstrap import Gateway
    from gateway.clients import ServiceClients

EXTENSION = "crm_gateway"


def current_gateway() -> Gateway:
    return current_app.extensions[EXTENSION]


def clients() -> ServiceClients:
    """The typed service clients, built once per app in bootstrap."""
    return current_app.extensions[EXTENSION].clients
