"""Form posts to use-case calls, and a service's field violations back beside the fields."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from flask import redirect, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from crm_platform.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from gateway.clients.stale import VERSION, StaleRecord

T = TypeVar("T")
FORM_ERROR = "__form__"


class FormErrors(Exception):
    """The service refused the form: messages by field name (FORM_ERROR for the whole), and
    `fresh` values the form shows again instead of those posted (a stale form's version)."""

    def __init__(self, errors: dict[str, list[str]], fresh: dict[str, str] | None = None) -> None:
        super().__init__("form refused")
        self.errors = errors
        self.fresh = fresh or {}


def posted(names: Iterable[str]) -> dict[str, str]:
    """The named fields as typed, trimmed; and the version an edit form was read at (its
    hidden field), which the update sends so that a stale form is refused (clients/stale.py)."""
    values = {name: request.form.get(name, "").strip() for name in names}
    version = request.form.get(VERSION, "").strip()
    return {**values, VERSION: version} if version else values


def submit(call: Callable[[], T], known: Iterable[str] = ()) -> T:
    """Run `call`; bad input (InvalidArgument) becomes FormErrors keyed by field, a refused
    rule (FailedPrecondition, AlreadyExists) a form-wide message."""
    try:
        return call()
    except InvalidArgument as error:
        raise FormErrors(violations_by_field(error, set(known))) from error
    except StaleRecord as error:
        raise stale_form(error, known) from error
    except (FailedPrecondition, AlreadyExists) as error:
        raise FormErrors({FORM_ERROR: [error.message or _("Not allowed now.")]}) from error


def violations_by_field(error: InvalidArgument, known: set[str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for violation in error.violations:
        field, message = violation.field, violation.message
        key = field if not known or field in known else FORM_ERROR
        errors.setdefault(key, []).append(message if key == field else f"{field}: {message}")
    if not errors:
        errors[FORM_ERROR] = [error.message or _("Check the form.")]
    return errors


def stale_form(refused: StaleRecord, known: Iterable[str]) -> FormErrors:
    """Someone saved the record after this form was read: nothing was saved. Beside each field
    their value, where it differs from the one typed; the form then holds the current version,
    so saving it again keeps what was typed over theirs, knowingly."""
    theirs = refused.current.model_dump(mode="json")
    typed = posted(known)
    errors = {FORM_ERROR: [_("Changed by someone else meanwhile: nothing was saved.")]}
    for name in known:
        value = "" if theirs.get(name) is None else str(theirs[name])
        if name in theirs and value != typed.get(name, ""):
            errors[name] = [_("Saved meanwhile: %(value)s", value=value or _("(empty)"))]
    return FormErrors(errors, {VERSION: str(theirs[VERSION])})


def form_context(values: dict[str, Any], errors: dict[str, list[str]] | None = None) -> dict:
    return {"values": values, "errors": errors or {}}


def filled(values: dict[str, str]) -> dict[str, str]:
    """Only the fields typed in: a create leaves an empty field to the service's default."""
    return {name: value for name, value in values.items() if value}


def form_post(
    fields: Sequence[str],
    save: Callable[[dict[str, str]], T],
    refused: Callable[[dict[str, str], dict[str, list[str]]], str],
    done: Callable[[T], str],
) -> ResponseReturnValue:
    """A form's POST, the same on every page: the posted `fields` go to `save`; saved, a redirect
    to the URL `done(saved)`; refused, the page again from `refused(values, errors)`, as 400."""
    values = posted(fields)
    try:
        saved = submit(lambda: save(values), fields)
    except FormErrors as refusal:
        return refused({**values, **refusal.fresh}, refusal.errors), 400
    return redirect(done(saved))
