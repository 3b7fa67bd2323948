"""The weighted composite of several sources' scores: exact, with a stated rule for a missing source.

This is the public function other features reuse (the province intake's “social evaluation” too)::

    from ucm_check.assess.composite import weighted_composite
    result = weighted_composite({"third_party": Decimal("90"), "digital": None},
                                [("third_party", Decimal(40)), ("digital", Decimal(60))], missing="reweight")

Arithmetic is on exact fractions; the composite is rounded once, half up, to ``decimals`` places, and
that rounded value is what is published and ranked (so anyone can check a rank from the table).
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, Inexact, InvalidOperation
from fractions import Fraction
from typing import Mapping, Sequence

import attrs

REWEIGHT, INCOMPLETE = "reweight", "incomplete"


_EXACT = Context(prec=60, traps=[Inexact, InvalidOperation, DivisionByZero])


@functools.lru_cache(maxsize=1 << 16)
def divide_rounded(numerator: Decimal, denominator: Decimal, decimals: int) -> Decimal:
    """``numerator / denominator`` rounded half up to ``decimals`` places, exactly: in Decimal when
    the quotient terminates (a division by 100), on fractions when it does not (by 85).

    Cached: a month of 1,000 units divides the same few hundred products again and again, and
    equal inputs (90 and 90.0) give the same rounded result whatever their exponents."""
    try:
        quotient = _EXACT.divide(numerator, denominator)
    except Inexact:
        return round_half_up(Fraction(numerator) / Fraction(denominator), decimals)
    return quotient.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def round_half_up(value: Fraction, decimals: int) -> Decimal:
    """``value`` rounded half away from zero to ``decimals`` places, as a Decimal (四舍五入)."""
    scale = 10 ** decimals
    scaled = abs(value) * scale
    whole = int(scaled + Fraction(1, 2))
    sign = -1 if value < 0 else 1
    return (Decimal(sign * whole) / Decimal(scale)).quantize(Decimal(1).scaleb(-decimals))


@attrs.frozen
class Part:
    """What one source contributed to a composite."""

    source: str
    weight: Decimal
    """The weight the scheme gives (percent)."""
    score: Decimal | None
    """The source's score on 0-100 (None when the source has no score for the unit)."""
    used: Decimal = Decimal(0)
    """The sum of the weights actually used (100, or less when a missing source was re-weighted);
    0 when the composite has no value."""

    @property
    def share(self) -> Fraction:
        """The weight actually used, as a fraction of 1."""
        return Fraction(self.weight) / Fraction(self.used) if self.used and self.score is not None else Fraction(0)

    def points_rounded(self, decimals: int) -> Decimal | None:
        """What this source adds to the composite (score × weight / weights used), rounded half up."""
        if self.score is None or not self.used:
            return None
        return divide_rounded(self.score * self.weight, self.used, decimals)


@attrs.frozen
class Composite:
    """A unit's composite for one period."""

    value: Decimal | None
    """Rounded composite; None when incomplete."""
    parts: tuple[Part, ...]
    missing: tuple[str, ...] = ()
    """Sources with no score for the unit."""
    rule: str = REWEIGHT

    @property
    def complete(self) -> bool:
        """True when the composite can be ranked (every source present, or re-weighted)."""
        return self.value is not None

    @property
    def reweighted(self) -> bool:
        """True when a missing source's weight went to the others."""
        return bool(self.missing) and self.value is not None


def weighted_composite(scores: Mapping[str, Decimal | None], weights: Sequence[tuple[str, Decimal]], *,
                       missing: str = REWEIGHT, decimals: int = 2) -> Composite:
    """Σ score × weight / 100 over ``weights`` (percents summing to 100), on 0-100 scores.

    A source absent from ``scores`` (or None) is *missing*: with ``missing="reweight"`` the others'
    weights are scaled up to 100% (Σ score × w / Σ w of the present sources); with ``"incomplete"``
    there is no value. With every source missing there is never a value.
    """
    found = [(s, w, scores.get(s)) for s, w in weights]
    absent = tuple(s for s, _, score in found if score is None)
    used = sum((w for _, w, score in found if score is not None), Decimal(0))
    if used == 0 or (absent and missing != REWEIGHT):
        return Composite(None, tuple(Part(s, w, score) for s, w, score in found), absent, missing)
    total = _EXACT.create_decimal(0)
    for _, w, score in found:
        if score is not None:
            total = _EXACT.add(total, _EXACT.multiply(score, w))
    parts = tuple(Part(s, w, score, used) for s, w, score in found)
    return Composite(divide_rounded(total, used, decimals), parts, absent, missing)

