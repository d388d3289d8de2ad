"""Sums of money kept apart by currency: a report never adds different currencies."""

from __future__ import annotations

from decimal import Decimal

CENTS = Decimal("0.01")


def as_amount(text: str | None) -> Decimal:
    """The decimal amount of an event's Money string; empty means nothing (0.00)."""
    return Decimal(text) if text else Decimal("0.00")


def fmt(amount: Decimal) -> str:
    return str(amount.quantize(CENTS))


def ratio(part: float | int | Decimal, whole: float | int | Decimal) -> float | None:
    """part / whole rounded for display; None where the whole is zero (no rate exists)."""
    if not whole:
        return None
    return round(float(part) / float(whole), 4)
