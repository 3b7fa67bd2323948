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


_JSON_CACHE: dict[Decimal, int | float] = {}


def json_number(value: Decimal) -> int | float:
    """A JSON-ready number that prints exactly as the decimal does.

    Scores have at most a few decimal places, far below float's 15 significant digits, so the
    shortest float repr of ``float(str(value))`` is the same digits: 95.9 stays 95.9. A batch
    writes the same few dozen values thousands of times, hence the cache.
    """
    found = _JSON_CACHE.get(value)
    if found is None:
        found = int(value) if value == value.to_integral_value() else float(fmt(value))
        if len(_JSON_CACHE) < 4096:
            _JSON_CACHE[value] = found
    return found
