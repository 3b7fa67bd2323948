"""Logs are structlog JSON lines on stderr when it is not a terminal (or with --log-format json);
stdout carries only the report; no format writer pulls in Textual."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.ci.conftest import CITY, TYPICAL


def ucm(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ucm_check", *argv], capture_output=True, text=True, encoding="utf-8")


def test_logs_are_json_lines_on_stderr_and_stdout_is_only_the_report():
    done = ucm("--log-level", "info", "check", str(TYPICAL), str(CITY), "--format", "json")
    assert done.returncode == 0
    doc = json.loads(done.stdout)  # nothing but the report
    assert len(doc["profiles"]) == 2
    events = [json.loads(line) for line in done.stderr.splitlines()]
    finished = next(e for e in events if e["event"] == "ucm_check.check_done")
    assert finished["profiles"] == 2 and finished["exit_code"] == 0 and finished["level"] == "info"


def test_debug_logs_one_event_per_profile():
    done = ucm("--log-level", "debug", "--log-format", "json", "check", str(TYPICAL), str(CITY))
    checked = [json.loads(line) for line in done.stderr.splitlines() if "profile_checked" in line]
    assert [e["file"] for e in checked] == [str(TYPICAL), str(CITY)]


def test_at_the_default_level_nothing_but_problems_reaches_stderr():
    done = ucm("check", str(TYPICAL), str(CITY), "--format", "tap")
    assert done.returncode == 0 and done.stderr == "" and done.stdout.startswith("TAP version 14")


@pytest.mark.parametrize("fmt", ["junit", "sarif", "github", "gitlab", "markdown", "tap"])
def test_no_format_loads_textual_or_structlog(fmt):
    probe = ("import sys\nfrom ucm_check.cli import main\n"
             f"main(['check', {str(TYPICAL)!r}, '--format', {fmt!r}])\n"
             "sys.stderr.write('LOADED:' + ','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'structlog'))))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8")
    assert done.stderr.rpartition("LOADED:")[2] == ""
