"""One received submission bundle, verified the way ``ucm-check verify X.zip`` does: safe entry
names, every hash in the manifest, nothing added, evidence the profile lists present with its
recorded hash, and the total of the report inside equal to a fresh re-score of the profile.

The zip is read by :func:`ucm_check.ci.bundle.verify_zip` through the safe archive reader
(:mod:`ucm_check.files.archive`: unsafe or aliased names, symlink entries, encryption, zip bombs and
absurd sizes are refused from the central directory before anything is decompressed). Nothing is
extracted to disk; one bundle is in memory at a time, and the caller keeps a compact record.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from typing import Any

import attrs

from ucm_check.engine.host import Host
from ucm_check.model import ProfileResult
from ucm_check.profile.reading import Profile

#: A file larger than this is refused before it is opened (a submission is a profile, reports and
#: scanned evidence: tens of megabytes at most).
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
#: Name of the counties' intake results a city's bundle may carry (see :mod:`.carried`).
CARRIED = "intake/下级收件结果.json"


@attrs.define
class Submission:
    """What one zip turned out to be."""

    path: str
    unit_name: str = ""
    """The unit the manifest names (empty when it could not be read)."""
    as_of: dt.date | None = None
    """The assessment date the bundle records (``MANIFEST.json`` ``as_of``): the date it is judged by."""
    profile: Profile | None = None
    result: ProfileResult | None = None
    """The profile re-scored as of :attr:`as_of`: the unit's self-evaluation."""
    problems: list[str] = attrs.Factory(list)
    """Why the bundle is invalid, in Chinese; empty when it verified."""
    carried: Any = None
    """The counties' intake results a city's bundle carries (parsed JSON), or None."""

    @property
    def valid(self) -> bool:
        return not self.problems and self.result is not None


def read_submission(path: str, host: Host) -> Submission:
    """Verify ``path`` and re-score its profile; never raises for bad input."""
    from ucm_check.ci import bundle
    from ucm_check.ci import evidence
    from ucm_check.profile.checking import score
    from ucm_check.profile.reading import InvalidProfile, parse_text

    sub = Submission(path)
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        sub.problems.append(f"无法读取文件：{exc.strerror or exc}")
        return sub
    if size > MAX_BUNDLE_BYTES:
        sub.problems.append(f"文件过大：{size // (1024 * 1024)} MB，超过提交包上限 {MAX_BUNDLE_BYTES // (1024 * 1024)} MB，未打开")
        return sub
    manifest, files, problems = bundle.verify_zip(path)
    sub.problems += [p.message for p in problems]
    if manifest is None:
        return sub
    sub.unit_name = str(manifest.get("unit", ""))
    try:
        sub.as_of = dt.date.fromisoformat(str(manifest.get("as_of")))
    except ValueError:
        sub.problems.append(f"清单中的评价日期 “{manifest.get('as_of')}” 不是日期")
    name = str(manifest.get("profile", ""))
    if name not in files:
        sub.problems.append(f"清单中的档案 “{name}” 不在压缩包中")
        return sub
    try:
        profile = parse_text(name, files[name].decode("utf-8-sig"), host.standards)
    except InvalidProfile as exc:
        sub.problems += [f"档案无效：{e}" for e in exc.errors]
        return sub
    except UnicodeDecodeError:
        sub.problems.append("档案不是 UTF-8 编码")
        return sub
    sub.profile = profile
    for items in evidence.entries(profile).values():
        for e in items:
            if e.path not in files:
                sub.problems.append(f"档案列出的佐证 “{e.path}”（{e.rule}）不在压缩包中")
            elif e.sha256 and bundle.sha256(files[e.path]) != e.sha256:
                sub.problems.append(f"佐证 “{e.path}”（{e.rule}）的 SHA-256 与档案记录不符")
    if sub.as_of is None:
        return sub
    sub.result = score(profile, host, as_of=sub.as_of)
    try:
        report = json.loads(files[bundle.REPORT_JSON].decode("utf-8"), parse_float=Decimal)
        total = Decimal(str(report["profiles"][0]["total"]))
    except (KeyError, ValueError, IndexError, TypeError):
        sub.problems.append(f"包内报告 {bundle.REPORT_JSON} 缺失或无法解析")
    else:
        if sub.result.total != total:
            sub.problems.append(f"包内报告总分 {total} 与按档案重新评分的 {sub.result.total} 不符")
    if CARRIED in files:
        from ucm_check.files.inputs import depth_problem

        try:
            sub.carried = json.loads(files[CARRIED].decode("utf-8"), parse_float=Decimal)
        except (ValueError, UnicodeDecodeError, RecursionError):
            sub.problems.append(f"包内的下级收件结果 {CARRIED} 不是有效的 JSON")
        else:
            deep = depth_problem(sub.carried)
            if deep:
                sub.problems.append(f"包内的下级收件结果 {CARRIED}：{deep}")
                sub.carried = None
    return sub

