"""Short constructors for plugin authors: facts, clauses and areas declared as data.

Example::

    from ucm_check.rulekit import yes_no, area, clause_maker
    from ucm_check.shapes import Flag
    from ucm_check.model import Rule

    C = clause_maker("湘建执函〔2020〕94号")
    org = yes_no("organization_established", "党组织是否按规定建立", "Party organisation set up")
    AREA = area("party", "一", "加强基层党建工作", "Party building", "hunan-2020", "8", order=1, rules=[
        Rule(code="HN-01-1", clause=C("附件 一（一）2（1）"), title="...", text="...",
             shape=Flag(org, D("2")), remedy="..."),
    ])
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ucm_check.model import Area, Clause, Fact, Rule
from ucm_check.numbers import D


def yes_no(key: str, label: str, en: str) -> Fact:
    """A yes/no fact (TOML ``true``/``false``)."""
    return Fact(key, "bool", label, en)


def count(key: str, label: str, en: str, unit: str = "起") -> Fact:
    """A whole number of occurrences, people or items, 0 or more."""
    return Fact(key, "count", label, en, unit=unit)


def percent(key: str, label: str, en: str) -> Fact:
    """A rate in percent, 0 to 100 (85.5 means 85.5%)."""
    return Fact(key, "percent", label, en, unit="%")


def choice(key: str, label: str, en: str, options: Iterable[str]) -> Fact:
    """One state out of ``options`` (a TOML string)."""
    return Fact(key, "choice", label, en, options=tuple(options))


def subset(key: str, label: str, en: str, options: Iterable[str]) -> Fact:
    """The items of ``options`` the unit has done (a TOML array of strings, possibly empty)."""
    return Fact(key, "subset", label, en, options=tuple(options))


def reports(key: str, label: str, en: str, period: str = "year") -> Fact:
    """A record of a recurring report: which ``period`` (``month``, ``quarter``, ``year``) each
    report covers and when it was filed (a TOML inline table ``{ "2025" = 2025-12-12 }``)."""
    return Fact(key, "reports", label, en, options=(period,))


def clause_maker(document: str) -> Callable[[str], Clause]:
    """A function making clauses of one document: ``C("附件 一（一）2（1）")``."""
    return lambda path: Clause(document, path)


def area(
    id: str, number: str, title: str, title_en: str, standard: str, max: str, *,
    rules: Iterable[Rule], order: int, bonus: bool = False,
) -> Area:
    """An area whose facts are gathered from its rules' shapes, first use first."""
    rules = tuple(rules)
    facts: dict[str, Fact] = {}
    for rule in rules:
        for fact in rule.shape.facts:
            facts.setdefault(fact.key, fact)
    return Area(id, number, title, title_en, standard, D(max), rules, tuple(facts.values()), bonus, order)


def own_deadlines(standard: str, prefix: str) -> Callable[..., Any]:
    """A ``ucm_check_default_deadline`` implementation proposing, for a gap in one of ``standard``'s
    own dated duties (codes starting with ``prefix``), the duty's own deadline (``finding.due``), even
    when it has passed (the plan then shows the item overdue, and moving it needs a recorded reason).
    A pack assigns it in its standard module::

        ucm_check_default_deadline = own_deadlines(STANDARD, "HEN-")
    """
    from ucm_check.hookspecs import hookimpl

    @hookimpl
    def ucm_check_default_deadline(rule: Any, finding: Any, unit: Any, as_of: Any) -> Any:
        if unit.get("standard") == standard and rule.code.startswith(prefix):
            return finding.due
        return None

    ucm_check_default_deadline.__doc__ = f"The document's own deadline of a {prefix}… duty of {standard}."
    return ucm_check_default_deadline
