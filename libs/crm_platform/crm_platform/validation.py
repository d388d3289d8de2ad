"""Collects every bad field of one request, so that the caller can fix them all in one go."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from crm_platform.errors import FieldViolation, InvalidArgument

CENTS = Decimal("0.01")
# Money columns are NUMERIC(14, 2): twelve digits before the point.
MONEY_LIMIT = Decimal("1000000000000")


class Violations:
    def __init__(self) -> None:
        self.items: list[FieldViolation] = []

    def add(self, field: str, message: str) -> None:
        self.items.append(FieldViolation(field, message))

    def text(self, field: str, value: str, *, required: bool = False, max_length: int) -> str:
        value = value.strip()
        if required and not value:
            self.add(field, "is required")
        elif len(value) > max_length:
            self.add(field, f"must be at most {max_length} characters")
        return value

    def optional_id(self, field: str, value: str | None, *, max_length: int) -> str | None:
        """An id the caller may leave out; None when it did."""
        return self.text(field, value or "", max_length=max_length) or None

    def choice(self, field: str, value: str, choices: Iterable[str]) -> str:
        allowed = tuple(choices)
        if value not in allowed:
            self.add(field, f"must be one of: {', '.join(allowed)}")
        return value

    def date(self, field: str, text: str) -> date | None:
        """An ISO date (YYYY-MM-DD); None when `text` is empty or not a date."""
        if not text.strip():
            return None
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            self.add(field, "must be an ISO date (YYYY-MM-DD)")
            return None

    def money(self, field: str, text: str) -> Decimal | None:
        """A non-negative amount with at most two decimal places; None when empty or bad."""
        if not text.strip():
            return None
        try:
            amount = Decimal(text.strip())
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            self.add(field, "must be a decimal number such as 1250.00")
        elif amount < 0:
            self.add(field, "must not be negative")
        elif amount >= MONEY_LIMIT:
            self.add(field, f"must be less than {MONEY_LIMIT}")
        elif amount != amount.quantize(CENTS):
            self.add(field, "must have at most 2 decimal places")
        else:
            # Adding zero turns a "-0" into 0.00 rather than keeping the sign.
            return (amount + 0).quantize(CENTS)
        return None

    def aware(self, field: str, value: datetime | None) -> datetime | None:
        """A required point in time; a naive one would be read in whatever zone the server is."""
        if value is None:
            self.add(field, "is required")
        elif value.utcoffset() is None:
            self.add(field, "must carry a time zone offset")
        return value

    def raise_if_any(self, what: str) -> None:
        if self.items:
            fields = ", ".join(dict.fromkeys(v.field for v in self.items))
            raise InvalidArgument(f"invalid {what}: {fields}", self.items)
