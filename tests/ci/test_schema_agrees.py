"""The published JSON Schemas agree with ``ucm-check check``: what the CLI refuses (nan, an unknown
rule code under [evidence], a quoted date), the schema refuses; the example profiles pass both; one
schema per standard is published in docs/ and matches ``ucm-check schema --standard``."""

from __future__ import annotations

import json
import tomllib

import pytest

from tests.ci.conftest import TYPICAL, run
from tests.helpers import PROFILES, ROOT

jsonschema = pytest.importorskip("jsonschema")
pytestmark = pytest.mark.usefixtures("installed_packs")

PUBLISHED = {"hunan-2020": "profile.schema.json", "henan-2021": "henan-2021.schema.json",
             "local-norms": "local-norms.schema.json", "city-capacity": "city-capacity.schema.json"}
EXAMPLES = {"hunan-2020": "hunan-*.toml", "henan-2021": "henan-*.toml", "local-norms": "localnorms-*.toml",
            "city-capacity": "citycapacity-*.toml"}


def schema_errors(standard: str, text: str) -> list[str]:
    schema = json.loads((ROOT / "docs" / PUBLISHED[standard]).read_text(encoding="utf-8"))
    return [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(tomllib.loads(text))]


@pytest.mark.parametrize("standard", sorted(PUBLISHED))
def test_the_published_schema_of_each_standard_is_what_the_cli_prints(capsys, standard):
    code, out, _ = run(capsys, "schema", "--standard", standard)
    assert code == 0 and out == (ROOT / "docs" / PUBLISHED[standard]).read_text(encoding="utf-8"), \
        f"run: ucm-check schema --standard {standard} > docs/{PUBLISHED[standard]}"


#: What each example's header comment says it scores as of 2026-11-24 (worked by hand there): the
#: Hunan (deducted, bonus, total), and for the dated standards every rule not compliant or not applicable.
RESULTS = {
    "hunan-city.toml": ((5, 16, 111), {}),
    "hunan-county-compliant.toml": ((0, 0, 100), {}),
    "hunan-county-typical.toml": ((17.3, 3.5, 86.2), {}),
    "hunan-county-incomplete.toml": ((3, 0, 97), None),
    "henan-city.toml": (None, {"HEN-23-2": "overdue", "HEN-24-2a": "due_soon", "HEN-24-3": "not_met",
                               "HEN-00-1": "due_soon", "HEN-23-6": "met_late"}),
    "henan-county.toml": (None, {}),
    "localnorms-county.toml": (None, {"LN-STAFF-1": "overdue", "LN-1010": "not_met", "LN-REP-M": "due_soon"}),
    "citycapacity-city.toml": (None, {"CAP-22b": "met_late", "CAP-22c": "pending", "CAP-22e": "pending", "CAP-24b": "overdue",
                                      "CAP-27": "due_soon", "CAP-33b": "pending"}),
    "citycapacity-county.toml": (None, {"CAP-21": "due_soon", "CAP-22d": "pending", "CAP-23a": "overdue"}),
}


@pytest.mark.parametrize("standard", sorted(PUBLISHED))
def test_every_example_profile_passes_its_schema_and_scores_as_its_comment_says(capsys, standard):
    paths = sorted(p for p in PROFILES.glob(EXAMPLES[standard]) if not p.name.endswith(".plan.toml"))
    assert paths and {p.name for p in paths} <= set(RESULTS)
    for path in paths:
        assert schema_errors(standard, path.read_text(encoding="utf-8")) == [], path.name
        code, out, err = run(capsys, "check", str(path), "--as-of", "2026-11-24", "--format", "json")
        assert code == 0, (path.name, err)
        (result,) = json.loads(out)["profiles"]
        points, open_rules = RESULTS[path.name]
        assert result["standard"]["id"] == standard
        if points is not None:
            assert (result["deducted"], result["bonus"], result["total"]) == points, path.name
        if open_rules is not None:
            found = {f["code"]: f["status"] for a in result["areas"] for f in a["findings"]
                     if f["status"] not in ("compliant", "not_applicable", "not_awarded", "awarded", "deducted")}
            assert found == open_rules, path.name


CASES = [
    ("hunan-2020", TYPICAL, "certificate_rate = 93.8", "certificate_rate = nan"),
    ("hunan-2020", TYPICAL, "[unit]", '[evidence]\n"HN-99-1" = ["a.pdf"]\n\n[unit]'),
    ("henan-2021", PROFILES / "henan-city.toml", "auxiliary_rules_on = 2021-11-20", 'auxiliary_rules_on = "2021-11-20"'),
    ("henan-2021", PROFILES / "henan-city.toml", "[unit]", '[evidence]\n"HN-01-1" = ["a.pdf"]\n\n[unit]'),
    ("local-norms", PROFILES / "localnorms-county.toml", '"2026-10" = 2026-10-30', '"2026-10" = "2026-10-30"'),
]


@pytest.mark.parametrize("standard, source, old, new", CASES, ids=["nan", "hunan-evidence", "quoted-date",
                                                                   "henan-evidence", "localnorms-quoted-date"])
def test_what_the_cli_refuses_the_schema_refuses(capsys, tmp_path, standard, source, old, new):
    text = source.read_text(encoding="utf-8")
    assert old in text
    bad = text.replace(old, new, 1)
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    code, _, err = run(capsys, "check", str(path), "--as-of", "2026-12-01")
    assert code == 2 and "错误" in err
    assert schema_errors(standard, bad), "the schema accepts what the CLI refuses"
    assert schema_errors(standard, text) == []


@pytest.mark.parametrize("value, ok", [("0", True), ("49.99", True), ("50", True), ("100", True), ("100.01", False),
                                       ("-0.1", False), ("nan", False), ("inf", False), ("-inf", False)])
def test_a_percentage_passes_the_schema_exactly_when_it_is_a_real_number_from_0_to_100(value, ok):
    text = TYPICAL.read_text(encoding="utf-8").replace("certificate_rate = 93.8", f"certificate_rate = {value}")
    assert (schema_errors("hunan-2020", text) == []) is ok
