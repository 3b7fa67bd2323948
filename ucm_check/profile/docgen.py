"""Regenerate the field reference inside docs/profile.md and docs/profile.schema.json (the schema the
bundled profiles' ``#:schema`` lines point at): ``python -m ucm_check.profile.docgen``.

A test fails when either differs from what the plugins declare.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ucm_check.engine.host import build_host
from ucm_check.profile.template import field_reference

START, END = "<!-- generated:fields -->", "<!-- /generated:fields -->"


def generated() -> str:
    host = build_host(entry_points=False)
    return "\n\n".join(field_reference(s) for s in host.standards.values())


def splice(text: str, body: str) -> str:
    return re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: f"{START}\n{body}\n{END}", text, flags=re.S)


def schema_text() -> str:
    import json

    from ucm_check.profile.schema import json_schema

    host = build_host(entry_points=False)
    standard = host.standards[host.default_standard]
    return json.dumps(json_schema(standard), ensure_ascii=False, indent=2) + "\n"


def main(folder: str = "docs") -> int:
    doc = Path(folder) / "profile.md"
    doc.write_text(splice(doc.read_text(encoding="utf-8"), generated()), encoding="utf-8")
    (Path(folder) / "profile.schema.json").write_text(schema_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
