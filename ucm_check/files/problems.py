"""Problems found in input files and the words used to describe values in them.

It imports only the words for values (:func:`show`, :func:`type_name`, :func:`suggest`, kept with the
fact kinds in :mod:`ucm_check.facts`): every reader — profiles, evidence lists, policies, plans,
tailoring, assessment rosters and schemes — reports through :class:`ProfileError` without importing the others.
"""

from __future__ import annotations


import attrs

from ucm_check.facts.words import escape_controls, show, suggest, type_name  # noqa: F401  (the words every reader uses)


@attrs.frozen
class ProfileError:
    """One problem in one file; ``line``/``column`` are 1-based, 0 when the file could not be read."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return escape_controls(f"{where}: 错误：{self.message}")  # a value quoted from the file never drives the terminal


class InvalidFile(Exception):
    """Raised with every :class:`ProfileError` found in one input file (profile, policy, plan ...)."""

    def __init__(self, errors: list[ProfileError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors
