"""The export kinds' shape: what an export renders from, and how it is written beside the profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

import attrs

from ucm_check.engine.host import Host
from ucm_check.model import ProfileResult
from ucm_check.profile.reading import Profile


class ExportFailed(Exception):
    """An export could not be made; the message is Chinese and names the file."""


@attrs.frozen
class Source:
    """What an export renders from: the saved profile, scored as ``ucm-check check`` scores it."""

    profile: Path
    """The profile file (already saved)."""
    result: ProfileResult
    """Its result as of :attr:`as_of`."""
    host: Host
    as_of: dt.date
    """The day deadlines are judged by (``--as-of``, else today)."""
    parsed: Profile | None = None
    """The profile as read (its ``[report]`` table feeds the 自评报告); None when not kept."""


@attrs.frozen
class ExportKind:
    """One entry of the export list."""

    id: str
    """Stable ASCII id, e.g. ``plan-xlsx``."""
    label: str
    """What the chooser shows (Chinese)."""
    label_en: str
    """What the chooser shows with ``--lang en``."""
    suffix: str
    """Appended to the profile's stem to name the file, e.g. ``-整改台账.xlsx``."""
    render: Callable[[Source], bytes]
    """The file's bytes; raises :class:`ExportFailed` with a Chinese message when it cannot."""
    keywords: str = ""
    """Extra words the command palette matches (format names such as ``xlsx``)."""

    def target(self, profile: Path) -> Path:
        """Where the export of ``profile`` is written: beside it, named after it."""
        return profile.with_name(profile.stem + self.suffix)


def load_source(profile: Path, host: Host, as_of: dt.date) -> Source:
    """Score the saved ``profile`` exactly as ``ucm-check check --as-of`` does."""
    from ucm_check.profile.checking import check_file

    checked = check_file(str(profile), host, as_of=as_of)
    if checked.result is None:
        raise ExportFailed("\n".join(str(e) for e in checked.errors) or f"{profile}: 无法读取档案")
    return Source(profile, checked.result, host, as_of, checked.profile)


def export(kind: ExportKind, source: Source) -> Path:
    """Render ``kind`` from ``source`` and write it atomically beside the profile; returns the path."""
    from ucm_check.files.atomic import write_bytes
    from ucm_check.files.inputs import os_message

    path = kind.target(source.profile)
    data = kind.render(source)
    try:
        write_bytes(path, data)
    except OSError as exc:
        raise ExportFailed(f"{path}: 无法写入：{os_message(exc, '')}") from exc
    return path
