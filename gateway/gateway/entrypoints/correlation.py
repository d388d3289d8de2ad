"""A correlation id per request: taken from X-Correlation-ID or made, bound for the logs,
sent back in the response and on to the services."""

from __future__ import annotations

import re

from flask import Flask, Response, g, request

from crm_platform.request_context import ANONYMOUS, bind, new_correlation_id, unbind

HEADER = "X-Correlation-ID"
# A client-chosen id ends up in every log line; refuse anything that could forge log content.
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def install_correlation(app: Flask) -> None:
    app.before_request(_bind)
    app.after_request(_echo)
    app.teardown_request(_unbind)


def _bind() -> None:
    offered = request.headers.get(HEADER, "")
    g.correlation_id = offered if _ACCEPTABLE.match(offered) else new_correlation_id()
    # The context variables themselves, set here and reset at teardown (an ExitStack holding
    # a context manager cost twice as much, on every request).
    g.binding = bind(ANONYMOUS, g.correlation_id)


def _echo(response: Response) -> Response:
    correlation_id = g.get("correlation_id")
    if correlation_id is not None:
        response.headers[HEADER] = correlation_id
    return response


def _unbind(_error: BaseException | None) -> None:
    binding = g.pop("binding", None)
    if binding is not None:
        unbind(binding)
