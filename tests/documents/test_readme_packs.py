"""The main README's per-seed counts are the pack READMEs' own: each number is recounted from the
clause-by-clause tables and reading lists of ``plugins/*/README.md`` (rows, codes and labels, not
the code), and each pack README's bold summary must agree with its table too."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"\b(?:HN|HEN|CAP|LN)-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def section(path: Path, heading: str) -> str:
    """The text of ``path`` from the heading starting with ``heading`` to the next ``## `` heading."""
    text = path.read_text(encoding="utf-8")
    start = text.index("\n## " + heading)
    end = text.find("\n## ", start + 4)
    return text[start: end if end > 0 else None]


def rows(text: str) -> list[list[str]]:
    """The body rows of the first Markdown table in ``text``, as cell texts."""
    lines = [ln for ln in text.splitlines() if ln.startswith("|")]
    return [[cell.strip() for cell in ln.strip().strip("|").split("|")] for ln in lines[2:]]


def bold(text: str, what: str) -> int:
    """The number of a pack README's bold summary ``**N what**`` (which may wrap across lines)."""
    return int(re.search(r"\*\*(\d+)\s+" + r"\s+".join(what.split()) + r"\*\*", text).group(1))


def hunan() -> dict[str, int | None]:
    part = section(ROOT / "plugins/ucm_check_hunan2020/README.md", "Seed 000 clause by clause")
    annex = rows(part[part.index("### The annex"):part.index("### The notice")])
    notice = rows(part[part.index("### The notice"):])
    counts = {"rules": len({c for row in annex for c in CODE.findall(row[1])}),
              "readings": sum(1 for row in annex if "reading" in row[-1]),
              "reasons": len({n for row in notice for n in re.findall(r"\bN\d+\b", row[-1])})}
    assert (bold(part, "rules"), bold(part, "readings"), bold(part, "reasons")) == tuple(counts.values())
    return counts


def henan() -> dict[str, int | None]:
    part = section(ROOT / "plugins/henan2021/README.md", "Every dated or standing obligation")
    table = rows(part)
    reasons = 0
    for clause, _, verdict in table:
        if verdict.startswith(("not a rule", "not yet a rule")):
            span = re.search(r"(\d+)–(\d+)", clause)  # one row for 二（二）1–2 is two clauses
            reasons += int(span[2]) - int(span[1]) + 1 if span else 1
    counts = {"rules": len({c for row in table for c in CODE.findall(row[-1])}), "readings": None, "reasons": reasons}
    assert bold(part, "rules") == counts["rules"] and bold(part, "clauses with a reason") == reasons
    return counts


def citycapacity() -> dict[str, int | None]:
    part = section(ROOT / "plugins/citycapacity/README.md", "Seed 002 clause by clause")
    table = rows(part)
    listed = re.search(r"\*\*\d+ readings\*\* stated on the rules \(([^)]*)\)", part).group(1)
    counts = {"rules": len({c for row in table for c in CODE.findall(row[-1])}),
              "readings": len(listed.split(", ")),
              "reasons": sum(1 for row in table if row[-1].startswith("reason"))}
    assert (bold(part, "rules"), bold(part, "readings"), bold(part, "reasons")) == tuple(counts.values())
    return counts


def yangzonghai() -> dict[str, int | None]:
    part = section(ROOT / "plugins/localnorms/README.md", "Seed 003 clause by clause")
    table = rows(part)
    counts = {"rules": len({c for row in table for c in CODE.findall(row[-1])}),
              "readings": len(re.findall(r"^- \*\*R\d+\*\*", part, flags=re.M)),
              "reasons": len({n for row in table for n in re.findall(r"\bN\d+\b", row[-1])})}
    assert (bold(part, "rules"), bold(part, "readings"), bold(part, "reasons")) == tuple(counts.values())
    return counts


def district() -> dict[str, int | None]:
    table = rows(section(ROOT / "plugins/localnorms/README.md", "Seed 004"))
    return {"rules": len({c for row in table for c in CODE.findall(row[-1])}),
            "readings": sum(row[-1].count("Reading:") for row in table),
            "reasons": sum(1 for row in table if row[-1].startswith("reason"))}


def main_readme() -> dict[str, dict[str, int | None]]:
    part = section(ROOT / "README.md", "Plugins, other provinces and tailoring")
    table = [row for row in (ln for ln in part.splitlines() if re.match(r"\| 00\d ", ln))]
    out = {}
    for line in table:
        seed, _, rules, readings, reasons = [c.strip() for c in line.strip().strip("|").split("|")]
        out[seed[:3]] = {"rules": int(rules), "readings": int(readings) if readings.isdigit() else None,
                         "reasons": int(reasons)}
    return out


def test_the_readme_counts_per_seed_are_the_pack_readmes_counts():
    assert main_readme() == {"000": hunan(), "001": henan(), "002": citycapacity(), "003": yangzonghai(), "004": district()}


def test_the_hunan_readme_lists_every_rule_of_the_standard_with_its_clause_and_points():
    """The builtin pack's clause table is the standard's own: the same codes, clauses and maximum points
    (a rule added, removed or re-cited in code without the README fails here)."""
    from ucm_check.engine.host import build_host
    from ucm_check.numbers import fmt

    part = section(ROOT / "plugins/ucm_check_hunan2020/README.md", "Seed 000 clause by clause")
    annex = rows(part[part.index("### The annex"):part.index("### The notice")])
    listed = {row[1]: (row[0], row[2]) for row in annex}
    standard = build_host(entry_points=False).standards["hunan-2020"]
    expected = {r.code: (str(r.clause).replace("湘建执函〔2020〕94号 ", "") + " " + r.title,
                         ("加 " if a.bonus else "扣 ") + fmt(r.max_points))
                for a in standard.areas for r in a.rules}
    assert listed == expected
