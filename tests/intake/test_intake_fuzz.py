"""Property tests for the intake's readers (issues 17 and 24): a mutated spot check, survey or
roster beside a good bundle, and a bundle whose manifest or report was mutated and re-hashed, never
end in exit 4 or a traceback, and ``--format json`` always prints exactly one JSON document. A fixed
seed and a small budget, as tests/test_fuzz_inputs.py does."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import OPERATIONS, VALUES, Mutation, invoke, mutate_text
from tests.intake.conftest import ROSTER
from tests.intake.test_journey import bundle

mutations = st.builds(Mutation, st.sampled_from(OPERATIONS), st.integers(0, 100_000), st.sampled_from(VALUES))
CHECK = ('[check]\nunit = "430100"\ninspectors = ["王五"]\ndate = 2020-11-25\nnotes = "现场核查"\n'
         "[facts.uniform]\ndress_violations = 12\n[rule_notes]\nHN-03-2 = \"抽查\"\n")
SOCIAL = '[social]\nunit = "430100"\nsatisfaction_rate = 85\nrespondents = 1000\nmethod = "电话调查"\ndate = 2020-11-20\n'
SETTINGS = settings(derandomize=True, max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def sealed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sealed")
    (folder / "收件").mkdir()
    return bundle(folder / "work", folder / "收件" / "长沙市.zip", "长沙市城市管理和综合执法局", "2020-11-10")


def intake(folder: Path, roster: Path = ROSTER) -> tuple[int, str, str]:
    code, out, err = invoke("intake", str(folder), "--roster", str(roster), "--as-of", "2020-11-30", "--format", "json")
    assert code in (0, 2) and "Traceback" not in err, (code, err[-2000:])
    if code == 0 or out:
        json.loads(out)  # exactly one document
    return code, out, err


@pytest.mark.parametrize("name, text", [("长沙市.check.toml", CHECK), ("长沙市.social.toml", SOCIAL)])
@SETTINGS
@given(m=mutations)
def test_a_mutated_spot_check_or_survey_is_exit_0_or_2_and_the_bundle_is_still_judged(sealed, name, text, m):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(sealed, folder / sealed.name)
        (folder / name).write_bytes(mutate_text(text, m))
        code, out, err = intake(folder)
        assert json.loads(out)["units"][0]["status"] == "on_time"
        assert code == 0 or "错误：" in err


@SETTINGS
@given(m=mutations)
def test_a_mutated_roster_is_exit_0_or_2_with_a_located_message(sealed, m):
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "名册.toml"
        roster.write_bytes(mutate_text(ROSTER.read_text(encoding="utf-8"), m))
        code, out, err = invoke("intake", str(sealed.parent), "--roster", str(roster), "--as-of", "2020-11-30",
                                "--format", "json")
        assert code in (0, 2) and "Traceback" not in err, (code, err[-2000:])
        if code == 2:
            assert out == "" and "错误：" in err
        else:
            json.loads(out)


@pytest.mark.parametrize("entry", ["MANIFEST.json", "ucm-check-report.json"])
@SETTINGS
@given(m=mutations)
def test_a_mutated_and_re_hashed_manifest_or_report_is_that_units_result_and_the_run_goes_on(sealed, entry, m):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        target = folder / sealed.name
        with zipfile.ZipFile(sealed) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            files = {i.filename: zin.read(i) for i in zin.infolist()}
            files[entry] = mutate_text(files[entry].decode("utf-8"), m)
            if entry != "MANIFEST.json":
                doc = json.loads(files["MANIFEST.json"])
                for item in doc["files"]:
                    if item["path"] == entry:
                        item["sha256"], item["size"] = hashlib.sha256(files[entry]).hexdigest(), len(files[entry])
                files["MANIFEST.json"] = json.dumps(doc, ensure_ascii=False).encode()
            for name, data in files.items():
                zout.writestr(name, data)
        code, out, _ = intake(folder)
        assert code == 0 and len(json.loads(out)["units"]) == 14
