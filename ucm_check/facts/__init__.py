"""Fact kinds (:mod:`ucm_check.facts.kinds`: one class per kind of answer, one registry) and the words
for values (:mod:`ucm_check.facts.words`). Part of the plugin API: a plugin may add a kind to
:data:`KINDS`."""

from ucm_check.facts.kinds import CLEARED, KINDS, FactKind, kind
from ucm_check.facts.words import decimal_text, show, suggest, type_name

__all__ = ["CLEARED", "KINDS", "FactKind", "decimal_text", "kind", "show", "suggest", "type_name"]
