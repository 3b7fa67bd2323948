"""One unit is one unit: the unit-name table (aliases, 简称) and the pseudo-units a document uses.

Seed 003 writes the same bureau two ways (区法制办 / 法制办, 应急办 / 区应急办, 人力资源和社会保障局 /
人力资源社会保障局) and owes duties to collective names (各牵头部门, 各责任部门). A plan, a roster or
any other file that names units may carry the table as TOML::

    [units.aliases]
    "区法制办" = ["法制办"]              # canonical name = [other spellings]
    [units.groups]
    "各镇(街道)" = ["阳宗镇", "七甸街道", "汤池街道"]   # a collective name = its members

Readings: 各牵头部门 stands for every unit named as a 牵头单位 of some item of the same plan, and
各责任部门 for every unit named as a 责任单位 (:data:`PSEUDO`); a collective name the table does not
expand (各镇(街道) in seed 003, which never lists the towns) stays one unit.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from attrs import frozen

PSEUDO = {"各牵头部门": "lead", "各责任部门": "responsible"}
"""Pseudo-units and the role whose units (across the plan) they stand for."""


def _pairs(table: Mapping[str, Iterable[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((str(k), tuple(str(v) for v in vs)) for k, vs in table.items())


@frozen
class UnitNames:
    """The unit-name table: canonical names with their other spellings, and collective names with
    their members. Kept as tuples so plans stay hashable values."""

    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(canonical name, other spellings)."""
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(collective name, member units)."""

    @classmethod
    def of(cls, aliases: Mapping[str, Iterable[str]] | None = None,
           groups: Mapping[str, Iterable[str]] | None = None) -> "UnitNames":
        """A table from two mappings (the parsed ``[units]`` TOML)."""
        return cls(_pairs(aliases or {}), _pairs(groups or {}))

    def __bool__(self) -> bool:
        return bool(self.aliases or self.groups)

    def canonical(self, name: str) -> str:
        """The canonical spelling of ``name`` (``name`` itself when the table does not know it)."""
        name = name.strip()
        for canon, others in self.aliases:
            if name == canon or name in others:
                return canon
        return name

    def members(self, name: str) -> tuple[str, ...]:
        """The canonical units a collective name stands for; ``(name,)`` for a plain unit."""
        for group, units in self.groups:
            if self.canonical(name) == self.canonical(group):
                return tuple(dict.fromkeys(self.canonical(u) for u in units))
        return (self.canonical(name),)

    def as_toml(self) -> dict[str, Any]:
        """The ``[units]`` table as plain data (for tomli-w)."""
        data: dict[str, Any] = {}
        if self.aliases:
            data["aliases"] = {k: list(v) for k, v in self.aliases}
        if self.groups:
            data["groups"] = {k: list(v) for k, v in self.groups}
        return data


def expand(names: UnitNames, role_units: Iterable[tuple[str, str]],
           everyone: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, str], ...]:
    """``(unit, role)`` pairs with spellings made canonical, collective names expanded and pseudo-units
    replaced by ``everyone[role]`` (the plan's lead or responsible units); each unit once, in its first
    role."""
    seen: dict[str, str] = {}
    for unit, role in role_units:
        if unit in PSEUDO:
            members: tuple[str, ...] = everyone.get(PSEUDO[unit], ())
        else:
            members = names.members(unit)
        for member in members:
            seen.setdefault(member, role)
    return tuple(seen.items())
