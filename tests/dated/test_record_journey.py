"""A bureau records its reports in the profile: the blank template, a mistake, the old form, the schema."""

from __future__ import annotations

import datetime as dt
import jsonschema
import pytest

from ucm_check.profile.checking import check_file
from ucm_check.profile.reading import InvalidProfile, parse_text
from ucm_check.profile.schema import json_schema
from ucm_check.profile.template import render
from ucm_check.tui.widgets import entry_text, parse_entry

AS_OF = dt.date(2026, 11, 24)
HEAD = '[unit]\nname = "某市城市管理局"\nlevel = "省辖市"\nstandard = "henan-2021"\n\n[reporting]\n'


def test_the_blank_henan_template_shows_the_record_form_and_filling_it_in_checks_by_period(packs_host, tmp_path):
    henan = packs_host.standards["henan-2021"]
    text = render(henan, level="省辖市", name="某市城市管理局")
    assert '# annual_summary_last = { "2021" = 2021-11-20' in text and "从未报送写 {}" in text
    filled = text.replace("# annual_summary_last = ", "annual_summary_last = ", 1)
    path = tmp_path / "city.toml"
    path.write_text(filled, encoding="utf-8")
    checked = check_file(str(path), packs_host, as_of=AS_OF)
    finding = next(f for f in checked.result.findings if f.rule.code == "HEN-00-1")
    assert finding.status == "compliant" and finding.note == "2026年度已报送"


def test_a_period_written_wrongly_is_reported_at_its_line_and_column(packs_host):
    text = HEAD + 'annual_summary_last = { "2025年" = 2025-12-12 }\n'
    with pytest.raises(InvalidProfile) as caught:
        parse_text("city.toml", text, packs_host.standards)
    (error,) = caught.value.errors
    assert (error.line, error.column) == (7, 23)
    assert "期间 “2025年” 应写作\"2026\"" in error.message and "reporting.annual_summary_last" in error.message


def test_an_old_profile_with_a_bare_date_still_loads_and_says_how_it_was_read(packs_host):
    profile = parse_text("old.toml", HEAD + "annual_summary_last = 2025-12-12\n", packs_host.standards)
    assert profile.get("reporting.annual_summary_last").legacy == dt.date(2025, 12, 12)


def test_the_schema_accepts_the_record_and_the_old_date_and_rejects_a_bad_period(packs_host):
    import tomllib

    schema = json_schema(packs_host.standards["henan-2021"])
    validator = jsonschema.Draft4Validator(schema)
    unit = '[unit]\nname = "某市"\nlevel = "省辖市"\nstandard = "henan-2021"\n[reporting]\n'
    for good in ('{ "2025" = 2025-12-12, since = 2021-06-03 }', "{}", "2025-12-12"):
        assert not list(validator.iter_errors(tomllib.loads(unit + f"annual_summary_last = {good}\n")))
    for bad in ('{ "2025-Q1" = 2025-03-01 }', '{ "2025" = "2025-12-12" }'):
        assert list(validator.iter_errors(tomllib.loads(unit + f"annual_summary_last = {bad}\n")))


def test_the_tui_input_reads_and_shows_the_record_on_one_line(packs_host):
    fact = next(f for a in packs_host.standards["local-norms"].areas for f in a.facts if f.key == "typical_cases_last")
    record, problem = parse_entry(fact, "2026-Q3=2026-09-18；2026-q4 = 2026-10-20")
    assert problem == "" and entry_text(fact, record) == "2026-Q3=2026-09-18；2026-Q4=2026-10-20"
    assert parse_entry(fact, "无")[0].filed == ()
    assert "应写作" in parse_entry(fact, "2026年第三季度")[1]
    assert "早于该期间开始" in parse_entry(fact, "2026-Q4=2026-09-30")[1]
