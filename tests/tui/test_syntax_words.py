"""TOML slips a clerk makes by hand, said in words with line and column (issue 20): an unclosed
quote was "TOML 语法错误：非法字符"."""

from __future__ import annotations

from tests.packs import run_cli


def broken(tmp_path, line: str):
    path = tmp_path / "u.toml"
    assert run_cli("init", str(path)).returncode == 0
    text = path.read_text(encoding="utf-8").replace('name = "（请填写单位名称）"', line)
    path.write_text(text, encoding="utf-8")
    number = text.splitlines().index(line) + 1
    return path, number


def test_an_unclosed_quote_is_named_with_its_line(tmp_path):
    path, number = broken(tmp_path, 'name = "乙县城管局')
    out = run_cli("check", str(path))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert f"u.toml:{number}:" in out.stderr and "引号没有配对" in out.stderr and "非法字符" not in out.stderr


def test_a_missing_equals_sign_names_the_key_and_shows_the_form(tmp_path):
    path, number = broken(tmp_path, 'name "乙县城管局"')
    out = run_cli("check", str(path))
    assert out.returncode == 2
    assert f"u.toml:{number}:6:" in out.stderr and "“name”后面缺少等号" in out.stderr and "键 = 值" in out.stderr
