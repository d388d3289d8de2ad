"""Field checks shared by the sales records: each parses one raw value and records what is
wrong in a Violations, so that a caller learns every bad field of a request at once."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from crm_platform.validation import Violations
from sales.domain.dictionary import Dictionary

Check = Callable[[Violations, str, Any, Dictionary], Any]

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# Digits with the separators people type; at least five digits so "n/a" is not a number.
PHONE = re.compile(r"\+?[0-9 ()./-]{5,40}")
ID_MAX = 64


def text(max_length: int, *, required: bool = False) -> Check:
    def check(v: Violations, field: str, value: Any, _d: Dictionary) -> str:
        return v.text(field, value or "", required=required, max_length=max_length)

    return check


def email() -> Check:
    def check(v: Violations, field: str, value: Any, _d: Dictionary) -> str:
        value = v.text(field, value or "", max_length=320)
        if value and not EMAIL.fullmatch(value):
            v.add(field, "must be an email address such as name@example.com")
        return value

    return check


def phone() -> Check:
    def check(v: Violations, field: str, value: Any, _d: Dictionary) -> str:
        value = v.text(field, value or "", max_length=40)
        if value and (not PHONE.fullmatch(value) or sum(c.isdigit() for c in value) < 5):
            v.add(field, "must be a phone number: digits, spaces and + ( ) - . /")
        return value

    return check


def coded(kind: str, *, required: bool = False) -> Check:
    """A code of the dictionary list `kind`; empty is allowed unless `required`."""

    def check(v: Violations, field: str, value: Any, dictionary: Dictionary) -> str:
        value = (value or "").strip()
        codes = [e.code for e in dictionary.entries.get(kind, ())]
        if value or required:
            v.choice(field, value, codes)
        return value

    return check


def moment() -> Check:
    def check(v: Violations, field: str, value: Any, _d: Dictionary) -> datetime | None:
        if value is not None and value.utcoffset() is None:
            v.add(field, "must carry a time zone offset")
        return value

    return check


def identifier() -> Check:
    return lambda v, field, value, _d: v.optional_id(field, value, max_length=ID_MAX)


def ids() -> Check:
    def check(v: Violations, field: str, value: Any, _d: Dictionary) -> tuple[str, ...]:
        cleaned = tuple(dict.fromkeys(i.strip() for i in value or () if i.strip()))
        if any(len(i) > ID_MAX for i in cleaned):
            v.add(field, f"each id must be at most {ID_MAX} characters")
        return cleaned

    return check


def parse(
    specs: Mapping[str, Check], values: Mapping[str, Any], dictionary: Dictionary, v: Violations
) -> dict[str, Any]:
    """The parsed values of the fields given; a field outside `specs` is a violation."""
    for field in values.keys() - specs.keys():
        v.add(field, "is not a field that can be set here")
    return {f: specs[f](v, f, value, dictionary) for f, value in values.items() if f in specs}
