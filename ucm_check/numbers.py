"""Exact decimal helpers: every score in ucm-check is a :class:`decimal.Decimal`, never a binary float."""

from __future__ import annotations

from decimal import Decimal

ZERO = Decimal(0)


def D(value: str | int | Decimal) -> Decimal:
    """Build a Decimal from text or an int; floats are refused because they are not exact."""
    if isinstance(value, float):
        raise TypeError("scores are exact decimals: pass a string such as '0.2', not a float")
    return value if isinstance(value, Decimal) else Decimal(value)


def fmt(value: Decimal) -> str:
    """Plain text of a score without exponent or trailing zeros: 1.40 -> '1.4', 100.0 -> '100'."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value.normalize(), "f")
    return text


def json_number(value: Decimal) -> int | float:
    """A JSON-ready number that prints exactly as the decimal does.

    Scores have at most a few decimal places, far below float's 15 significant digits, so the
    shortest float repr of ``float(str(value))`` is the same digits: 95.9 stays 95.9.
    """
    if value == value.to_integral_value():
        return int(value)
    return float(fmt(value))
