"""The assessment fund (seed 004): “区政府设立了500万元的城市管理综合考评专项基金，全额用于城市管理综合考评奖惩……
每月对全区城市管理工作进行考核排名，对排名靠前的进行经费奖励，对排名靠后的实行财政扣款”.

The scheme names the yearly fund once and, per group, the group's share of each month's fund and how
that pot is paid by rank::

    [fund]
    name = "城市管理综合考评专项基金"
    yearly = 5000000          # 元
    months = 12               # the yearly fund is paid out in equal monthly shares

    [groups.jiedao.fund]
    share = 50                        # percent of the month's share for this group
    rewards = [30, 25, 20, 15, 10]    # percent of the group's pot for 1st, 2nd, ... place
    deductions = [30000, 20000]       # 财政扣款 in yuan for the last, the second-to-last ...

Readings where the seed is silent (each stated in the outputs' rules):

- The month's share is the yearly fund / ``months``, rounded down to the fen; a group's pot is its
  ``share`` of that, rounded down; the shares of all groups sum to at most 100%, and each group's
  ``rewards`` to at most 100% of its pot, so the month's payouts never exceed the month's share.
- Units tied on a rank split the places they occupy equally (two units tied for 2nd each get half of
  the 2nd and 3rd places' rewards), rounded down to the fen, so a tie never pays more than the places.
- A 财政扣款 is charged to the unit's own budget, not paid from the fund; a unit in a rewarded place
  is never also deducted (a group smaller than both lists); unranked units get neither.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any, Callable, Iterable

import attrs

Err = Callable[[tuple[str, ...], str], None]
FEN = Decimal("0.01")


@attrs.frozen
class Fund:
    """The scheme's yearly fund."""

    name: str
    yearly: Decimal
    """Yuan per year."""
    months: int = 12

    @property
    def monthly(self) -> Decimal:
        """One month's share, rounded down to the fen."""
        return down(Fraction(self.yearly) / self.months)


@attrs.frozen
class GroupFund:
    """How one group's part of the month's fund is paid by rank."""

    share: Decimal
    """Percent of the month's share."""
    rewards: tuple[Decimal, ...]
    """Percent of the group's pot for 1st, 2nd, ... place."""
    deductions: tuple[Decimal, ...] = ()
    """财政扣款 in yuan for the last, second-to-last, ... place."""

    def pot(self, fund: Fund) -> Decimal:
        """The group's reward money for a month, rounded down to the fen."""
        return down(Fraction(fund.monthly) * Fraction(self.share) / 100)


def down(value: Fraction) -> Decimal:
    """``value`` rounded down to the fen (never pays more than the money there is)."""
    fen = Fraction(value) * 100
    return (Decimal(fen.numerator // fen.denominator) / 100).quantize(FEN, rounding=ROUND_DOWN)


def split(amounts: Iterable[Fraction], size: int) -> Decimal:
    """Places' amounts shared equally among ``size`` tied units, each rounded down to the fen."""
    return down(sum(amounts, Fraction(0)) / size)


def place_amounts(fund: Fund, group: GroupFund, above: int, below: int, ranked: int) -> tuple[Decimal, Decimal]:
    """(reward, deduction) for a unit with ``above`` ranked units ahead and ``below`` behind, among
    ``ranked`` ranked units of the group (its tie shares the places it occupies)."""
    size = ranked - above - below
    places = range(above, above + size)
    pot = Fraction(group.pot(fund))
    rewards = [pot * Fraction(group.rewards[p]) / 100 for p in places if p < len(group.rewards)]
    if rewards:
        return split(rewards, size), Decimal("0.00")
    from_bottom = range(below, below + size)
    deductions = [Fraction(group.deductions[b]) for b in from_bottom if b < len(group.deductions)]
    return Decimal("0.00"), split(deductions, size) if deductions else Decimal("0.00")


def parse_fund(body: Any, err: Err) -> Fund | None:
    """The ``[fund]`` table, or None after reporting why not."""
    from ucm_check.files import fields

    path = ("fund",)
    if not isinstance(body, dict):
        err(path, f"fund 应为表 [fund]，实际为{fields.type_name(body)}")
        return None
    fields.unknown(body, path, {"name", "yearly", "months", "basis"}, err)
    name = fields.text(body, (*path, "name"), err, "城市管理综合考评专项基金")
    if "yearly" not in body:
        err(path, "缺少 fund.yearly（基金每年的金额，元），如 yearly = 5000000")
    yearly = fields.number(body, (*path, "yearly"), err, Decimal(0), Decimal(0), Decimal(10) ** 12)
    months = fields.integer(body, (*path, "months"), err, 12, 1, 12)
    return Fund(name, yearly, months)


def parse_group_fund(body: Any, path: tuple[str, ...], err: Err) -> GroupFund | None:
    """A group's ``fund`` table, or None after reporting why not."""
    from ucm_check.files import fields

    where = ".".join(path)
    if not isinstance(body, dict):
        err(path, f"{where} 应为表，实际为{fields.type_name(body)}")
        return None
    fields.unknown(body, path, {"share", "rewards", "deductions"}, err)
    share = fields.number(body, (*path, "share"), err, Decimal(0), Decimal(0), Decimal(100))
    rewards = _numbers(body, (*path, "rewards"), err, Decimal(100), "各名次所得奖金占本组奖金的百分比，如 [30, 25, 20]")
    if sum(rewards, Decimal(0)) > 100:
        err((*path, "rewards"), f"{where}.rewards 之和应不超过 100%，实际为 {' + '.join(map(str, rewards))} = {sum(rewards)}%")
    deductions = _numbers(body, (*path, "deductions"), err, Decimal(10) ** 9, "倒数第一、第二……名的财政扣款（元），如 [30000, 20000]")
    return GroupFund(share, tuple(rewards), tuple(deductions))


def check_shares(fund: Fund | None, groups: dict[str, Any], err: Err) -> None:
    """Every group's share sums to at most 100%, and a group fund needs the scheme's ``[fund]``."""
    funded = {gid: g.fund for gid, g in groups.items() if g.fund is not None}
    if funded and fund is None:
        err(("groups", next(iter(funded)), "fund"), "考评组设置了基金奖惩，但方案中缺少 [fund]（基金每年的金额）")
    total = sum((f.share for f in funded.values()), Decimal(0))
    if total > 100:
        listed = " + ".join(f"{gid} {f.share}%" for gid, f in funded.items())
        err(("groups", next(iter(funded)), "fund", "share"), f"各组 fund.share 之和应不超过 100%，实际为 {listed} = {total}%")


def _numbers(body: dict[str, Any], path: tuple[str, ...], err: Err, high: Decimal, what: str) -> list[Decimal]:
    from ucm_check.files.fields import show, type_name

    value = body.get(path[-1], [])
    name = ".".join(path)
    if not isinstance(value, list) or len(value) > 1000:
        err(path, f"{name} 应为数组（{what}），实际为{type_name(value)} {show(value)}")
        return []
    out = []
    for i, item in enumerate(value, start=1):
        if isinstance(item, bool) or not isinstance(item, (int, Decimal)) or not Decimal(item).is_finite() \
                or not 0 <= item <= high:
            err(path, f"{name} 第 {i} 项应为 0 到 {high} 之间的数（{what}），实际为 {show(item)}")
            return []
        out.append(Decimal(item))
    return out
