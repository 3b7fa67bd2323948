"""The shared input guards: nesting depth, finite and in-range numbers, values shown as written."""

from __future__ import annotations

import datetime as dt
import errno
from decimal import Decimal

import pytest

from ucm_check.files.inputs import (
    MAX_DEPTH, InvalidFile, load_toml, nesting_position, number_problem, os_message, path_text, show,
)


def nested(n: int) -> str:
    return "[" * n + "]" * n


def test_nesting_up_to_the_limit_is_read_and_one_more_is_refused_at_its_bracket():
    assert load_toml("f.toml", f"a = {nested(MAX_DEPTH)}\n")
    with pytest.raises(InvalidFile) as info:
        load_toml("f.toml", f"# [[[[\nb = '[[[['\na = {nested(MAX_DEPTH + 1)}\n")
    (problem,) = info.value.errors
    assert (problem.line, problem.column) == (3, 5 + MAX_DEPTH) and "嵌套层数超过" in problem.message


def test_nesting_far_beyond_the_stack_is_refused_without_a_recursion_error():
    with pytest.raises(InvalidFile) as info:
        load_toml("f.toml", "x = 1\na = " + nested(5000) + "\n")
    assert info.value.errors[0].line == 2


@pytest.mark.parametrize("value, ok", [
    (10**15 - 1, True), (10**15, False), (-(10**15), False), (Decimal("999999999999999.9"), True),
    (Decimal("1e15"), False), (Decimal("NaN"), False), (Decimal("-Infinity"), False), (float("nan"), False),
    (Decimal("0." + "0" * 19 + "1"), True), (Decimal("0." + "0" * 20 + "1"), False), (0, True), (True, True),
])
def test_numbers_are_refused_only_when_not_finite_or_out_of_range(value, ok):
    assert (number_problem(value) == "") is ok


def test_values_are_shown_as_toml_not_python_reprs():
    assert show(Decimal("7.0")) == "7.0"
    assert show(dt.date(2020, 1, 1)) == "2020-01-01"
    assert show({"a": 1, "中 文": "x"}) == '{ a = 1, "中 文" = "x" }'
    assert show([True, Decimal("Infinity"), "是"]) == '[true, inf, "是"]'
    assert show(Decimal("1E+30")) == "1e30"


def test_key_paths_name_array_items_from_one():
    assert path_text(("items", 0, "points")) == "items[1].points"


def test_os_errors_are_chinese_and_name_the_path():
    assert os_message(PermissionError(errno.EACCES, "Permission denied", "/x/y.toml")) == "“/x/y.toml”：没有权限"
    assert "磁盘空间已满" in os_message(OSError(errno.ENOSPC, "No space left on device"), "out.json")


def test_brackets_inside_strings_and_comments_do_not_count_as_nesting():
    text = 'a = "[[[[[[[[[[[[[[[[[[[["  # [[[[[[[[[[[[[[[[[[[[[\nb = [1]\n'
    assert load_toml("f.toml", text)["b"] == [1]
    assert nesting_position(text, 0) == (2, 5)


@pytest.mark.parametrize("text, line, column", [
    ("[unit]\nname = {a = 1,}\n", 2, 15),  # TOML 1.1: a trailing comma in an inline table
    ("[unit]\nname = {\n  a = 1 }\n", 2, 9),  # TOML 1.1: a newline inside an inline table
    ("[unit]\nname = \"\\e\"\n", 2, 11),  # TOML 1.1: the \e escape
    ("[unit]\nstart = 07:32\n", 2, 10),  # TOML 1.1: a time without seconds
])
def test_toml_1_1_is_refused_as_pythons_own_tomllib_refuses_it(text, line, column):
    """Profiles are TOML 1.0, what Python's tomllib (a province's own scripts) and the editors read: a
    file we accept must read there too (tomli 2.4 reads TOML 1.1, hence tomli<2.4)."""
    import tomllib

    with pytest.raises(InvalidFile) as info:
        load_toml("f.toml", text)
    (problem,) = info.value.errors
    assert (problem.line, problem.column) == (line, column) and problem.message.startswith("TOML 语法错误")
    with pytest.raises(tomllib.TOMLDecodeError) as stdlib:
        tomllib.loads(text)
    assert f"(at line {line}, column {column})" in str(stdlib.value)  # the same place
