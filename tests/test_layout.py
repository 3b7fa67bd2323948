"""Imports run one way (commands -> features -> engine -> model): no two modules import each other,
directly or round a longer circle, counting imports inside functions and TYPE_CHECKING blocks too."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ucm_check"


def import_graph() -> dict[str, set[str]]:
    """Module name -> the ucm_check modules it imports anywhere in its text."""
    modules: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ucm_check"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("ucm_check"))
        modules[name] = found
    return {name: {d for d in deps if d in modules and d != name} for name, deps in modules.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_circle_finder_sees_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_two_ucm_check_modules_import_each_other():
    assert circles(import_graph()) == []


def test_plan_storage_does_not_reach_up_into_the_commands():
    assert not any(dep.startswith("ucm_check.commands") for dep in import_graph()["ucm_check.plan.storage"])


# The layers, lowest first. A module may import its own layer and those below, never one above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("ucm_check", "ucm_check.model", "ucm_check.numbers", "ucm_check.shapes", "ucm_check.rulekit",
     "ucm_check.hookspecs", "ucm_check.dated"),                                  # the plugin API
    ("ucm_check.files",),                                                         # reading and writing files
    ("ucm_check.engine",),                                                        # host and scoring
    ("ucm_check.profile",),                                                       # a unit's profile
    ("ucm_check.ci", "ucm_check.plan", "ucm_check.documents", "ucm_check.exports",
     "ucm_check.assess", "ucm_check.intake"),                                     # features
    ("ucm_check.commands", "ucm_check.tui", "ucm_check.web"),                     # fronts
    ("ucm_check.cli", "ucm_check.__main__", "ucm_check.testing"),                 # entry points
)
#: The plugin API: the modules plugins import. They keep their paths whatever moves around them.
PLUGIN_API = ("model", "numbers", "shapes", "rulekit", "hookspecs", "dated", "testing")


def layer_of(module: str) -> tuple[int, str]:
    """(layer index, the most specific prefix that placed it)."""
    best = (-1, "")
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best[1]):
                best = (index, prefix)
    return best


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return [f"{m} -> {d}" for m, deps in sorted(graph.items()) for d in sorted(deps)
            if layer_of(d)[0] > layer_of(m)[0]]


def test_the_layer_check_sees_an_import_running_up_a_floor():
    assert upward_imports({"ucm_check.files.atomic": {"ucm_check.engine.host"}}) == \
        ["ucm_check.files.atomic -> ucm_check.engine.host"]
    assert upward_imports({"ucm_check.engine.host": {"ucm_check.files.atomic"}}) == []


def test_every_module_sits_in_a_layer():
    assert [m for m in import_graph() if layer_of(m)[0] < 0] == []


def test_no_import_runs_up_a_layer():
    assert upward_imports(import_graph()) == []


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The import graph between the top-level rooms (``ucm_check.ci``, ``ucm_check.plan`` ...)."""
    def room(name: str) -> str:
        return ".".join(name.split(".")[:2])
    rooms: dict[str, set[str]] = {}
    for m, deps in graph.items():
        rooms.setdefault(room(m), set()).update(room(d) for d in deps if room(d) != room(m))
    return {r: {d for d in deps if d in rooms} for r, deps in rooms.items()}


def test_no_two_rooms_of_the_package_import_each_other():
    assert circles(package_graph(import_graph())) == []


def test_the_package_shows_its_rooms_not_loose_modules():
    entries = [p.name for p in PACKAGE.iterdir() if p.name != "__pycache__" and not p.name.startswith(".")]
    assert len(entries) <= 24, sorted(entries)
    loose = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__", "cli"))
    assert [m for m in loose if m not in PLUGIN_API] == []


def _imports_textual(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        if any(n == "textual" or n.startswith(("textual.", "textual_")) for n in names):
            return True
    return False


def test_textual_is_imported_only_under_tui():
    outside = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
               if _imports_textual(p) and p.relative_to(PACKAGE).parts[0] not in ("tui", "web")]
    assert outside == []


#: Words that name a province, a place or a province's pack: they belong in the packs (plugins/), not in
#: the core. Docstrings may use them as examples; code and messages may not.
PROVINCE_WORDS = ("湖南", "河南", "湘", "豫", "济源", "昆明", "阳宗海", "长沙", "株洲", "吉首", "hunan", "henan")
CORE = ("engine", "files", "profile", "ci", "model.py", "numbers.py", "shapes.py", "rulekit.py", "hookspecs.py",
        "dated")


def _code_strings(path: Path) -> list[str]:
    """String constants of ``path`` that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    docstrings |= {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_the_province_word_check_sees_one_in_code(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text('"""湖南 as an example."""\nLEVEL = "济源示范区"\n', encoding="utf-8")
    assert [s for s in _code_strings(sample) if any(w in s for w in PROVINCE_WORDS)] == ["济源示范区"]


def test_no_province_knowledge_in_the_core():
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] not in CORE:
            continue
        found += [f"{path.relative_to(PACKAGE)}: {s!r}" for s in _code_strings(path)
                  if any(w in s.lower() for w in PROVINCE_WORDS)]
    assert found == []
