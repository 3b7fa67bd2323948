"""The ``check`` runs whose outputs must stay byte-identical while batch checking gets faster.

``python -m tests.ci.reference.cases`` (from the repository root) writes every case's files to
``tests/ci/reference/expected/``; they were generated from main's code before the speed work
(commit dbf8fc1), then once more from main's code just before the speed work was merged (commit
35d28e6, which added the 逾期完成 status) with the three packs of plugins/ visible as the tests'
``installed_packs`` makes them. They are the independent reference: never regenerate them from the
new code to make a failing comparison pass.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
EXPECTED = Path(__file__).resolve().parent / "expected"
INPUTS = "tests/ci/reference/inputs"
FORMATS = ("text", "json", "junit", "sarif", "github", "gitlab", "markdown", "tap")
SUFFIX = {"text": "txt", "json": "json", "junit": "xml", "sarif": "sarif", "github": "github.txt",
          "gitlab": "gitlab.json", "markdown": "md", "tap": "tap"}
BUNDLED = ("citycapacity-city", "citycapacity-county", "henan-city", "henan-county", "hunan-city",
           "hunan-county-compliant", "hunan-county-incomplete", "hunan-county-typical", "localnorms-county")
POLICY_RUN = ("--policy", f"{INPUTS}/policy.toml", "--as-of", "2027-03-01", "profiles/hunan-*.toml",
              f"{INPUTS}/evidence-county.toml", f"{INPUTS}/broken.toml")

#: case name -> the arguments after ``check`` (paths relative to the repository root).
CASES: dict[str, tuple[str, ...]] = {
    **{name: ("--as-of", "2026-12-01", f"profiles/{name}.toml") for name in BUNDLED},
    "typical-by-clause": ("--as-of", "2026-12-01", "--sort", "clause", "profiles/hunan-county-typical.toml"),
    "folder": ("--as-of", "2026-12-01", "profiles"),
    "folder-details": ("--as-of", "2026-12-01", "--details", "profiles"),
    "policy": POLICY_RUN,
}


def run(case: str, fmt: str, out_dir: Path) -> tuple[int, bytes]:
    """Run one case in-process from the repository root, writing ``fmt`` to its file under
    ``out_dir`` (``--output``; text is the console itself). The exit code and the console: the text
    report on stdout and the messages on stderr."""
    import os

    from ucm_check.cli import main

    target = out_dir / f"{case}.{SUFFIX[fmt]}"
    to_file = () if fmt == "text" else ("--format", fmt, "--output", str(target))
    stdout, stderr = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(["--log-level", "error", "check", "--no-progress", *CASES[case], *to_file])
    finally:
        os.chdir(cwd)
    return code, f"exit {code}\n--- stdout\n{stdout.getvalue()}--- stderr\n{stderr.getvalue()}".encode()


def generate() -> None:
    """Write the reference files: one per case and format, plus the console of each case."""
    EXPECTED.mkdir(exist_ok=True)
    for case in CASES:
        consoles = {fmt: run(case, fmt, EXPECTED)[1] for fmt in FORMATS}
        if len(set(consoles.values())) != 1:
            raise SystemExit(f"{case}: the console differs between formats")
        (EXPECTED / f"{case}.txt").write_bytes(consoles["text"])


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    generate()
