"""The confirmation every delete (and a follow-up's cancel) goes through: a page that names the
record and what goes with it, working without script; its POST runs the service's call, and a
refusal (the record is in use, a converted lead) shows the page again with the service's reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import redirect, render_template, request
from flask.typing import ResponseReturnValue

from crm_platform.errors import AlreadyExists, FailedPrecondition
from gateway.errors import status_of


@dataclass(frozen=True)
class Doomed:
    """What the confirmation page says: its title, the record's name, what else goes with it
    (or what the action does), the button's text and where Cancel leads."""

    title: str
    name: str
    consequences: str
    button: str
    back: str


def confirm(
    doomed: Callable[[], Doomed], act: Callable[[], object], done: str
) -> ResponseReturnValue:
    """GET: the confirmation page of `doomed()`. POST: `act()`, then a redirect to `done`; a
    rule of the service refusing it (409, 422) gives the page again with its reason."""
    if request.method == "POST":
        try:
            act()
        except (FailedPrecondition, AlreadyExists) as refused:
            return confirm_page(doomed(), refused.message), status_of(refused)
        return redirect(done)
    return confirm_page(doomed(), "")


def confirm_page(doomed: Doomed, reason: str) -> str:
    return render_template("confirm.html", doomed=doomed, reason=reason)
