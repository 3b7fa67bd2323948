"""Who has which profile open, so that the second person to open it is told who else and since when.

Each session process notes ``{user, file, since, pid}`` in ``.ucm-serve/open/PID.json``; the server
removes the note when the session ends, however it ended.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from ucm_check.web import STATE_DIR


def _folder(root: str | os.PathLike) -> Path:
    return Path(root) / STATE_DIR / "open"


def mark(root: str | os.PathLike, user: str, file: Path) -> None:
    """Note that ``user`` (this process) has ``file`` open now."""
    folder = _folder(root)
    folder.mkdir(parents=True, exist_ok=True)
    note = {"user": user, "file": os.path.realpath(file), "pid": os.getpid(),
            "since": dt.datetime.now().astimezone().isoformat(timespec="minutes")}
    (folder / f"{os.getpid()}.json").write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")


def others(root: str | os.PathLike, file: Path) -> list[dict]:
    """Notes of the other sessions that have ``file`` open, oldest first."""
    wanted, found = os.path.realpath(file), []
    for note_file in sorted(_folder(root).glob("*.json")):
        try:
            note = json.loads(note_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(note, dict) and note.get("file") == wanted and note.get("pid") != os.getpid():
            found.append(note)
    return sorted(found, key=lambda n: str(n.get("since", "")))


def clear(root: str | os.PathLike, pid: int) -> None:
    """Forget what session process ``pid`` had open."""
    try:
        (_folder(root) / f"{pid}.json").unlink()
    except FileNotFoundError:
        pass


def name_session(root: str | os.PathLike, pid: int | None, user: str | None) -> None:
    """Tell session process ``pid`` who its tab belongs to (None: forget it). A session may start
    before anyone opens a tab (a warm spare), so it cannot learn this from its environment."""
    if pid is None:
        return
    path = Path(root) / STATE_DIR / "sessions" / f"{pid}.json"
    if user is None:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"user": user}, ensure_ascii=False), encoding="utf-8")


def session_user(root: str | os.PathLike) -> str | None:
    """Whose tab this session process belongs to, once the server has said so."""
    path = Path(root) / STATE_DIR / "sessions" / f"{os.getpid()}.json"
    try:
        return str(json.loads(path.read_text(encoding="utf-8"))["user"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
