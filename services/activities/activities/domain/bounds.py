"""Checks both kinds of record share: whole minutes in a range."""

from __future__ import annotations

from crm_platform.validation import Violations


def minutes(v: Violations, field: str, value: int, *, low: int, high: int) -> int:
    if not low <= value <= high:
        v.add(field, f"must be a whole number from {low} to {high}")
    return value
