"""ucm-check itself as a source: each unit's self-check total for the month, from its profile.

The profile path comes from the scheme (``profiles = "自评/{period}/{short}.toml"``). A complete
profile gives its total; an incomplete one gives its *lowest possible* total (every unanswered rule
counted as failed), so an unfinished self-check never ranks a unit higher than it could honestly
score. A missing or invalid profile is an error, never a zero and never a dropped unit.
"""

from __future__ import annotations

import os
from typing import Iterable

from ucm_check.assess.periods import Period
from ucm_check.assess.scheme import Source, fill_template
from ucm_check.assess.sources import InvalidScores, Score
from ucm_check.assess.roster import Unit
from ucm_check.files.problems import ProfileError


def profile_path(folder: str, source: Source, period: Period, unit: Unit) -> str:
    """Where ``unit``'s profile for ``period`` lives: the scheme's template with its named placeholders
    filled (a unit name holding a path separator cannot lead out of its folder: it is replaced by ``_``)."""
    def part(text: str) -> str:
        text = text.replace("/", "_").replace("\\", "_")
        return "_" if text in (".", "..") else text

    relative = fill_template(source.profiles, {"period": period.id, "short": part(unit.short), "name": part(unit.name)})
    return os.path.join(folder, relative)


def self_check_scores(folder: str, source: Source, period: Period, expected: Iterable[Unit], host) -> list[Score]:
    """Each unit's self-check score through the engine's public path (:func:`ucm_check.profile.checking.check_file`)."""
    from ucm_check.profile.checking import check_file

    scores: list[Score] = []
    errors: list[ProfileError] = []
    for unit in expected:
        path = profile_path(folder, source, period, unit)
        relative = os.path.relpath(path, folder)
        if not os.path.isfile(path):
            errors.append(ProfileError(path, 0, 0, f"{unit.name} 的自评档案不存在（{source.name}，{period.label}）；自评来源不接受缺评"))
            continue
        checked = check_file(path, host)
        if checked.errors or checked.result is None:
            errors.extend(checked.errors)
            continue
        result = checked.result
        value = result.total if result.complete else result.lowest_total
        if not source.low <= value <= source.high:
            errors.append(ProfileError(path, 0, 0, f"自评总分 {value} 超出“{source.name}”的范围 {source.low} 到 {source.high}"))
            continue
        note = "" if result.complete else "（不完整，按最低可能得分）"
        scores.append(Score(unit.name, value, f"{relative}{note}"))
    if errors:
        raise InvalidScores(errors)
    return scores
