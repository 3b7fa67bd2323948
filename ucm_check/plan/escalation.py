"""Escalation of a lagging plan item (seed 003 四（三）): "对工作进展缓慢、落实不力的，将对相关责任人进行
诫勉谈话、通报批评、直至问责".

The seed names the steps but not when each applies. Reading chosen (documented in the localnorms
README): each stage node (阶段节点, e.g. a quarterly report) of an open item whose date has passed
undone counts as one lag; a passed deadline alone makes the item 逾期 but is not counted. A first lag
gets a reminder talk (约谈, the step before the seed's three that supervising offices use), the
second 诫勉谈话, the third 通报批评, the fourth and every later one 问责. A lag made good later (the
node ticked done) no longer counts.
"""

from __future__ import annotations

STEPS = ("约谈", "诫勉谈话", "通报批评", "问责")
"""The steps in order: the n-th lag leads to ``STEPS[n-1]`` (the last step for any later lag)."""


def step(lags: int) -> str:
    """The escalation step for ``lags`` missed dates ("" for none)."""
    if lags <= 0:
        return ""
    return STEPS[min(lags, len(STEPS)) - 1]


def text(lags: int) -> str:
    """``诫勉谈话（误期 2 次）`` as plans show it ("" for none)."""
    return f"{step(lags)}（误期 {lags} 次）" if lags > 0 else ""
