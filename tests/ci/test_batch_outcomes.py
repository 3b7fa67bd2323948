"""A batch remembers the outcome of the grammar's one-fact shapes per answered value (issue 23's
speed work): the remembered outcome must still show each profile's value as that profile wrote it."""

from __future__ import annotations

import json

from tests.ci.conftest import TYPICAL, run


def test_equal_values_written_differently_keep_their_own_text_in_one_batch(tmp_path, capsys):
    text = TYPICAL.read_text(encoding="utf-8")
    for name, written in (("a.toml", "93.8"), ("b.toml", "93.80"), ("c.toml", "93.800")):
        (tmp_path / name).write_text(text.replace("certificate_rate = 93.8 ", f"certificate_rate = {written} "),
                                     encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path), "--format", "json")
    assert code == 0
    observed = [f["observed"] for p in json.loads(out)["profiles"] for a in p["areas"] for f in a["findings"]
                if f["code"] == "HN-06-4"]
    assert [o.rpartition("：")[2] for o in observed] == ["93.8%", "93.80%", "93.800%"]
