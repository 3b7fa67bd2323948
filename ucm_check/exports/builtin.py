"""The builtin export kinds: the check report (Markdown), the 整改台账 (xlsx, csv, Markdown) and the
自评报告 (Word).

Each renders with the function the CLI uses: the check report is what
``ucm-check check PROFILE --format markdown --output FILE`` writes; the 整改台账 is what
``ucm-check plan PROFILE --format F --output FILE`` writes, after the same reconciling of the plan
with the saved profile (the ``*.plan.toml`` beside it is created or updated just as ``plan`` does).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ucm_check.engine.formats import OutputFormat, formats
from ucm_check.exports.kinds import ExportFailed, ExportKind

if TYPE_CHECKING:
    from ucm_check.exports.kinds import Source
    from ucm_check.plan import Plan


def check_markdown(source: Source) -> bytes:
    """The check report as ``ucm-check check --format markdown`` writes it for one profile."""
    from ucm_check.ci.batch import outcomes
    from ucm_check.ci.formats.markdown import Writer
    from ucm_check.ci.formats.summary import Run

    run = Run(source.as_of)
    out = io.StringIO()
    writer = Writer(out, run)
    for o in outcomes([str(source.profile)], source.host, as_of=source.as_of, policy=None):
        run.rows.append(o.row)
        writer.add(o)
    run.plugin_errors = list(source.host.errors)
    writer.finish(run)
    return out.getvalue().encode("utf-8")


def current_plan(source: Source) -> Plan:
    """The plan beside the profile, reconciled with its saved result and saved when that changed it
    (as ``ucm-check plan`` does); a broken plan file raises ExportFailed and is left untouched."""
    from ucm_check.files.inputs import os_message
    from ucm_check.plan import InvalidPlan, current_plan as current, plan_path_for

    path = plan_path_for(source.profile)
    try:
        return current(source.profile, source.result, source.host, source.as_of, save=True).plan
    except InvalidPlan as exc:
        raise ExportFailed("\n".join(map(str, exc.errors)) + f"\n{path}: 整改台账有错误，未导出；修正后再导出。") from exc
    except OSError as exc:
        raise ExportFailed(f"{path}: 无法保存整改台账：{os_message(exc, '')}") from exc


def plan_xlsx(source: Source) -> bytes:
    """The 整改台账 workbook (问题清单, 责任清单, 时间表), as ``plan --format xlsx`` writes it."""
    from ucm_check.plan.xlsx import render_xlsx

    return render_xlsx(current_plan(source), source.as_of)


def plan_csv(source: Source) -> bytes:
    """The 整改台账 problem list as CSV with a BOM for Excel and WPS, as ``plan --format csv`` writes it."""
    from ucm_check.plan.export import render_csv

    return render_csv(current_plan(source), source.as_of).encode("utf-8-sig")


def plan_markdown(source: Source) -> bytes:
    """The 整改台账 in Markdown, as ``plan --format markdown`` writes it."""
    from ucm_check.plan.export import render_markdown

    return render_markdown(current_plan(source), source.as_of).encode("utf-8")


def self_report_docx(source: Source) -> bytes:
    """The 自评报告 as a GB/T 9704 Word document, as ``ucm-check report PROFILE -o FILE`` writes it
    (the plan is brought up to date in memory only, as ``report`` does)."""
    from ucm_check.documents.sources import gather, report_docx
    from ucm_check.plan import InvalidPlan, plan_path_for
    from ucm_check.profile.reading import load_profile

    parsed = source.parsed or load_profile(str(source.profile), source.host.standards)
    try:
        src = gather(parsed, source.result, source.host, source.as_of)
    except InvalidPlan as exc:
        path = plan_path_for(source.profile)
        raise ExportFailed("\n".join(map(str, exc.errors)) + f"\n{path}: 整改台账有错误，未导出；修正后再导出。") from exc
    return report_docx(src)


def kind_of(entry: OutputFormat) -> ExportKind:
    """The export kind of a registry entry (:mod:`ucm_check.engine.formats`, subject ``export``); its
    render function is imported when the export is made."""
    return ExportKind(entry.name, entry.label, entry.label_en, entry.file_suffix,
                      lambda source: entry.load()(source), entry.keywords)


#: The builtin kinds, in the order the chooser lists them (the registry's ``export`` formats).
BUILTIN = tuple(kind_of(entry) for entry in formats("export"))
