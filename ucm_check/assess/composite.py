"""The weighted composite of several sources' scores: exact, with a stated rule for a missing source.

This is the public function other features reuse (the province intake's “social evaluation” too)::

    from ucm_check.assess.composite import weighted_composite
    result = weighted_composite({"third_party": Decimal("90"), "digital": None},
                                [("third_party", Decimal(40)), ("digital", Decimal(60))], missing="reweight")

Arithmetic is on exact fractions; the composite is rounded once, half up, to ``decimals`` places, and
that rounded value is what is published and ranked (so anyone can check a rank from the table).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Mapping, Sequence

import attrs

REWEIGHT, INCOMPLETE = "reweight", "incomplete"


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
    share: Fraction = Fraction(0)
    """The weight actually used, as a fraction of 1 (re-weighted when a source is missing)."""

    @property
    def points(self) -> Fraction:
        """Exact points this source adds to the composite."""
        return Fraction(self.score) * self.share if self.score is not None else Fraction(0)


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
    present = [(s, w) for s, w in weights if scores.get(s) is not None]
    absent = tuple(s for s, _ in weights if scores.get(s) is None)
    used = sum((Fraction(w) for _, w in present), Fraction(0))
    if not present or used == 0 or (absent and missing != REWEIGHT):
        parts = tuple(Part(s, w, scores.get(s)) for s, w in weights)
        return Composite(None, parts, absent, missing)
    parts = tuple(Part(s, w, scores.get(s), Fraction(w) / used if scores.get(s) is not None else Fraction(0))
                  for s, w in weights)
    total = sum((p.points for p in parts), Fraction(0))
    return Composite(round_half_up(total, decimals), parts, absent, missing)

