"""The one registry of output formats: what ``check``, ``plan``, the TUI's export and ``serve`` can write.

Each entry says what it renders (its :attr:`~OutputFormat.subject`) and where its code lives, as
``"module:attribute"``, imported only when the format is used, so listing formats costs nothing at
start-up:

``check``
    a report of checked profiles (``ucm-check check --format NAME``): a writer class called as
    ``Writer(out, run)`` with ``add(outcome)`` and ``finish(run)`` (:mod:`ucm_check.ci.formats`).
``plan``
    the 整改台账 (``ucm-check plan --format NAME``): ``render(plan, as_of) -> str`` (or ``bytes``
    when :attr:`~OutputFormat.binary`).
``export``
    a file made beside a profile from the TUI or the browser (:mod:`ucm_check.exports`):
    ``render(source) -> bytes``.

To add a builtin format, write its module and add one entry to :data:`BUILTIN`. A plugin adds its
own with the hook :func:`~ucm_check.hookspecs.ucm_check_output_formats`, returning
:class:`OutputFormat` entries; a plugin's entry never replaces a builtin one of the same name.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ucm_check.engine.host import Host

SUBJECTS = ("check", "plan", "export")


@attrs.frozen
class OutputFormat:
    """One output format."""

    subject: str
    """``check``, ``plan`` or ``export``."""
    name: str
    """What ``--format`` takes (``sarif``), or an export's stable id (``plan-xlsx``)."""
    target: str
    """``"package.module:attribute"``: the writer class or render function."""
    suffixes: tuple[str, ...] = ()
    """File endings ``--output`` infers this format from (``.sarif``)."""
    label: str = ""
    """What a chooser shows (Chinese)."""
    label_en: str = ""
    """What a chooser shows with ``--lang en``."""
    file_suffix: str = ""
    """For an export: appended to the profile's stem to name the file (``-整改台账.xlsx``)."""
    keywords: str = ""
    """Extra words the command palette matches."""
    binary: bool = False
    """The renderer returns bytes (xlsx, docx) rather than text."""

    def load(self) -> Any:
        """The writer class or render function, imported now."""
        module, _, attribute = self.target.partition(":")
        obj: Any = importlib.import_module(module)
        for part in attribute.split("."):
            obj = getattr(obj, part)
        return obj


def _check(name: str, target: str, *suffixes: str) -> OutputFormat:
    return OutputFormat("check", name, f"ucm_check.ci.formats.{target}", suffixes)


def _plan(name: str, target: str, binary: bool = False) -> OutputFormat:
    return OutputFormat("plan", name, f"ucm_check.plan.{target}", binary=binary)


def _export(name: str, target: str, label: str, label_en: str, file_suffix: str, keywords: str) -> OutputFormat:
    return OutputFormat("export", name, f"ucm_check.exports.builtin:{target}", label=label, label_en=label_en,
                        file_suffix=file_suffix, keywords=keywords, binary=True)


#: The builtin formats, in the order commands and choosers list them.
BUILTIN: tuple[OutputFormat, ...] = (
    _check("text", "summary:TextWriter"),
    _check("json", "json:Writer", ".json"),
    _check("junit", "junit:Writer", ".xml"),
    _check("sarif", "sarif:Writer", ".sarif"),
    _check("github", "github:Writer"),
    _check("gitlab", "gitlab:Writer"),
    _check("markdown", "markdown:Writer", ".md"),
    _check("tap", "tap:Writer", ".tap"),
    _plan("text", "export:render_text"),
    _plan("markdown", "export:render_markdown"),
    _plan("csv", "export:render_csv"),
    _plan("xlsx", "xlsx:render_xlsx", binary=True),
    _plan("json", "export:render_json"),
    _export("check-markdown", "check_markdown", "检查报告（Markdown）", "Check report (Markdown)", "-检查报告.md",
            "md markdown report 报告"),
    _export("plan-xlsx", "plan_xlsx", "整改台账（xlsx，Excel/WPS）", "Rectification plan (xlsx)", "-整改台账.xlsx",
            "xlsx excel wps plan 台账"),
    _export("plan-csv", "plan_csv", "整改台账（csv）", "Rectification plan (csv)", "-整改台账.csv", "csv excel plan 台账"),
    _export("plan-markdown", "plan_markdown", "整改台账（Markdown）", "Rectification plan (Markdown)", "-整改台账.md",
            "md markdown plan 台账"),
    _export("self-report-docx", "self_report_docx", "自评报告（Word 公文）", "Self-assessment report (Word)",
            "-自评报告.docx", "docx word 公文 自评报告 report"),
)


def names(subject: str) -> tuple[str, ...]:
    """The builtin format names of ``subject``, in order (for ``--format`` choices and help)."""
    return tuple(f.name for f in BUILTIN if f.subject == subject)


def formats(subject: str, host: Host | None = None) -> list[OutputFormat]:
    """Every format of ``subject``: the builtin ones, then those the plugins of ``host`` add."""
    found = [f for f in BUILTIN if f.subject == subject]
    if host is not None:
        taken = {f.name for f in found}
        for f in plugin_formats(host):
            if f.subject == subject and f.name not in taken:
                found.append(f)
                taken.add(f.name)
    return found


def find(subject: str, name: str, host: Host | None = None) -> OutputFormat | None:
    """The format ``name`` of ``subject``, or None."""
    return next((f for f in formats(subject, host) if f.name == name), None)


def by_suffix(subject: str, path: str, host: Host | None = None) -> OutputFormat | None:
    """The format whose :attr:`~OutputFormat.suffixes` include ``path``'s ending, or None."""
    import os

    ending = os.path.splitext(path)[1].lower()
    return next((f for f in formats(subject, host) if ending in f.suffixes), None)


def plugin_formats(host: Host) -> list[OutputFormat]:
    """The formats the plugins of ``host`` add (hook ``ucm_check_output_formats``); a plugin that
    returns anything but a list of :class:`OutputFormat` with a known subject is recorded as failed."""
    found: list[OutputFormat] = []
    for plugin, listed in host.call("ucm_check_output_formats"):
        if not isinstance(listed, (list, tuple)) or not all(
                isinstance(f, OutputFormat) and f.subject in SUBJECTS for f in listed):
            host.fail(plugin, "ucm_check_output_formats",
                      f"应返回 OutputFormat 的列表（subject 为 {'、'.join(SUBJECTS)} 之一）")
            continue
        found.extend(listed)
    return found
