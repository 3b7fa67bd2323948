"""The README's pictures (``docs/img/make.py``) show the documents the render tests measure."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_pictures_are_made_from_the_profile_the_render_tests_measure():
    source = (ROOT / "docs" / "img" / "make.py").read_text(encoding="utf-8")
    assert "from tests.documents.filled import FILLED" in source
    assert "[report]" not in source  # no second copy of the filled-in profile to drift apart


def test_every_picture_the_readme_shows_is_one_make_py_writes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    source = (ROOT / "docs" / "img" / "make.py").read_text(encoding="utf-8")
    shown = {line.split("(docs/img/")[1].split(")")[0] for line in readme.splitlines() if "](docs/img/" in line}
    assert shown and all(f'"{name}"' in source for name in shown), shown
