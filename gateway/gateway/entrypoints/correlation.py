"""A correlation id per request: taken from X-Correlation-ID or made, bound for the logs,
sent back in the response and on to the services."""

from __future__ import annotations

import re
from contextlib import ExitStack

from flask import Flask, Response, g, request

from crm_platform.request_context import ANONYMOUS, bound, new_correlation_id

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
    g.context = ExitStack()
    g.context.enter_context(bound(ANONYMOUS, g.correlation_id))


def _echo(response: Response) -> Response:
    if "correlation_id" in g:
        response.headers[HEADER] = g.correlation_id
    return response


def _unbind(_error: BaseException | None) -> None:
    context = g.pop("context", None)
    if context is not None:
        context.close()
