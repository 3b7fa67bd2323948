"""The documentation stays in step with the code."""

from __future__ import annotations

import re

from tests.helpers import ROOT
from ucm_check.profile.docgen import END, START, generated, schema_text


def test_the_field_reference_in_docs_profile_md_is_current():
    text = (ROOT / "docs" / "profile.md").read_text(encoding="utf-8")
    committed = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert committed == generated().strip(), "run: python -m ucm_check.profile.docgen"


def test_the_schema_the_bundled_profiles_point_at_is_current():
    assert (ROOT / "docs" / "profile.schema.json").read_text(encoding="utf-8") == schema_text()


def test_every_json_report_key_is_documented_in_docs_json_md():
    from tests.helpers import PROFILES
    from ucm_check.profile.checking import check_file
    from ucm_check.engine.host import build_host
    from ucm_check.ci.formats.json import document, profile_dict, rules_of

    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    result = check_file(str(PROFILES / "hunan-city.toml"), build_host(entry_points=False)).result
    report = document([profile_dict(result)], exit_code=0, rules=rules_of([result]))
    keys: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for k, v in value.items():
                keys.add(k)
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(report)
    walk({"unit": None})
    codes = set(report["rules"])
    missing = sorted(k for k in keys if not re.search(rf"`{re.escape(k)}`", doc) and k not in result.unit and k not in codes)
    assert missing == []
