"""The README's monthly cycle shows what the program prints on the generated year."""

from __future__ import annotations

import re

from tests.helpers import ROOT
from ucm_check.cli import main


def blocks(lang: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("<!-- section:assess -->"): text.index("<!-- /section:assess -->")]
    return re.findall(rf"```{lang}\n(.*?)```", section, re.S)


def shown_in_order(shown: str, actual: str) -> None:
    lines, at = actual.splitlines(), 0
    for line in shown.splitlines():
        if line == "...":
            continue
        assert line in lines[at:], f"README shows a line the program does not print: {line!r}"
        at = lines.index(line, at) + 1


def test_the_readme_ranking_and_look_back_match_the_program(year, capsys):
    ranking, look_back = blocks("text")
    capsys.readouterr()
    assert main(["assess", "rank", str(year), "--period", "2026-03"]) == 0
    shown_in_order(ranking, capsys.readouterr().out)
    assert main(["assess", "history", str(year), "--unit", "东风街道", "--to", "2026-06", "--months", "6"]) == 0
    shown_in_order(look_back, capsys.readouterr().out)


def test_every_command_the_readme_runs_is_a_real_assess_action():
    (commands,) = blocks("sh")
    actions = {line.split()[2] for line in commands.splitlines() if line.startswith("ucm-check assess")}
    assert actions == {"init", "import", "rank", "publish", "history", "tui"}
