"""Save a user's edits back into their own TOML profile without touching anything else.

Only the edited values change: comments, key order, blank lines, a BOM and CRLF line ends stay as
the user wrote them. A newly answered fact takes the place of the template's commented-out line
(``# key = value``) when there is one, otherwise it goes after the last key of its table. Clearing
an answer comments its line out rather than deleting it. The new text is validated and read back
before it replaces the file (temp file + :func:`os.replace`), and a file changed on disk since it
was opened is never overwritten silently. Edits are also kept in a small draft file beside the
profile so a crash loses at most the last second or two.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

import attrs

from ucm_check.files.atomic import SaveError as WriteError
from ucm_check.files.atomic import refuse_read_only, write_bytes
from ucm_check.profile.editing import info
from ucm_check.profile.editing.lines import CLEARED, EditError, apply_edits, literal
from ucm_check.model import Standard
from ucm_check.profile.reading import InvalidProfile, Profile, check_fact, load_profile, parse_text


class SaveError(Exception):
    """The edits could not be saved; the message is Chinese and fit to show the user."""


class FileChanged(SaveError):
    """The file on disk is no longer the one that was opened."""


class ReadOnly(SaveError):
    """The profile has no write permission: refused when opened, before any answer is typed."""


__all__ = ["CLEARED", "Editor", "FileChanged", "ReadOnly", "SaveError", "apply_edits", "draft_path", "literal", "parse_literal", "read_only", "write_new"]


def same_value(a: Any, b: Any) -> bool:
    """Whether two answers mean the same: arrays compare as sets (the file's item order is kept)."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return set(a) == set(b)
    return a is b if CLEARED in (a, b) else a == b and type(a) is type(b)


def read_only(path: str | os.PathLike) -> str:
    """Why ``path`` cannot be saved (its mode bits allow no one to write it, root included), in
    Chinese and naming the file; ``""`` when it can (or does not exist yet)."""
    try:
        refuse_read_only(os.fspath(path))
    except WriteError as exc:
        return str(exc)
    return ""


def draft_path(path: str | os.PathLike) -> Path:
    """Where the unsaved answers to ``path`` are kept: ``.NAME.ucm-draft`` beside it."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    return path.with_name(f".{path.name}.ucm-draft")


def _read(path: Path) -> tuple[bytes, str]:
    raw = path.read_bytes()
    return raw, raw.decode("utf-8-sig")


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@attrs.define
class Editor:
    """A profile opened for editing: the validated profile as opened plus the pending edits."""

    path: Path
    standards: Mapping[str, Standard]
    profile: Profile
    base_text: str
    base_hash: str
    bom: bool = False
    edits: dict[tuple[str, str], Any] = attrs.Factory(dict)
    read_only_reason: str = ""
    """Why the file cannot be saved in place (opened for viewing, saved with :meth:`save_as`); "" when it can."""

    @classmethod
    def open(cls, path: str | os.PathLike, standards: Mapping[str, Standard], *, view: bool = False) -> "Editor":
        """Load and validate ``path``; raises :class:`InvalidProfile` with Chinese messages, and
        :class:`ReadOnly` for a file that could not be saved (judged by its mode bits, also for
        root) unless ``view``: then it opens with :attr:`read_only_reason` set."""
        path = Path(path)
        if path.is_symlink():  # save into the file the link points at, keeping the link
            path = path.resolve()
        reason = read_only(path)
        if reason and not view:
            raise ReadOnly(reason)
        profile = load_profile(str(path), standards)
        raw, text = _read(path)
        return cls(path, standards, profile, text, digest(raw), raw.startswith(b"\xef\xbb\xbf"), read_only_reason=reason)

    @property
    def dirty(self) -> bool:
        return bool(self.edits)

    @property
    def standard(self) -> Standard:
        return self.standards[self.profile.standard_id]

    def value(self, area: str, key: str) -> Any:
        """The fact's current value (edits first), or None when unanswered."""
        if (area, key) in self.edits:
            value = self.edits[(area, key)]
            return None if value is CLEARED else value
        return info.stored(self.profile, area, key)

    def facts(self) -> dict[str, dict[str, Any]]:
        """The profile's facts with the edits applied, as the engine reads them."""
        facts = {area: dict(values) for area, values in self.profile.facts.items()}
        for (area, key), value in self.edits.items():
            if area in info.TABLES:
                continue
            if value is CLEARED:
                facts.get(area, {}).pop(key, None)
            else:
                facts.setdefault(area, {})[key] = value
        return facts

    def unit(self) -> dict[str, Any]:
        """The ``[unit]`` table with the edits applied, as the loader keeps it (dates as text)."""
        unit = dict(self.profile.unit)
        for (table, key), value in self.edits.items():
            if table == "unit":
                if value is CLEARED:
                    unit.pop(key, None)
                else:
                    unit[key] = value.isoformat() if isinstance(value, dt.date) else value
        return unit

    def set(self, area: str, key: str, value: Any) -> None:
        """Record an edit (a normalised value, or :data:`CLEARED`); an edit back to the file's value is
        dropped. ``area`` is an area id, or ``unit`` / ``report`` for unit information."""
        original = info.stored(self.profile, area, key, CLEARED)
        if same_value(value, original):
            self.edits.pop((area, key), None)
        else:
            self.edits[(area, key)] = value

    def render(self, text: str | None = None) -> str:
        """The file text with the edits applied (to ``text``, by default the text as opened)."""
        return apply_edits(self.base_text if text is None else text, self.edits)

    def disk_changed(self) -> bool:
        try:
            return digest(self.path.read_bytes()) != self.base_hash
        except FileNotFoundError:
            return True

    def save(self, *, onto: str = "opened") -> Profile:
        """Write the edits. ``onto="opened"`` refuses (:class:`FileChanged`) when the file changed on
        disk; ``"disk"`` applies the edits to the file as it is now; ``"overwrite"`` to the text as opened."""
        reason = read_only(self.path)
        if reason:  # made read-only while open: the edits stay here and in the draft
            raise SaveError(reason)
        if onto == "opened" and self.disk_changed():
            raise FileChanged(f"{self.path} 在打开之后已被其他程序修改")
        base = self.base_text
        if onto == "disk":
            try:
                base = _read(self.path)[1]
            except FileNotFoundError:
                base = self.base_text
        try:
            text = self.render(base)
        except EditError as exc:
            raise SaveError(str(exc)) from None
        try:
            profile = parse_text(str(self.path), text, self.standards)
        except InvalidProfile as exc:
            raise SaveError("保存后的档案无法通过校验，未写入：" + "；".join(e.message for e in exc.errors)) from None
        except Exception as exc:  # tomlkit parse errors of a hand-broken file
            raise SaveError(f"无法在文件中写入修改：{exc}") from None
        for (area, key), value in self.edits.items():
            got = info.stored(profile, area, key, CLEARED)
            if not same_value(got, value):
                raise SaveError(f"写入 {area}.{key} 后读回的值不一致，未写入；请检查文件中该键的写法")
        data = ("\ufeff" if self.bom else "") + text
        raw = data.encode("utf-8")
        write_bytes(self.path, raw)
        self.profile, self.base_text, self.base_hash = profile, text, digest(raw)
        self.edits.clear()
        self.discard_draft()
        return profile

    def save_as(self, target: str | os.PathLike) -> Path:
        """Write the profile with the edits to a new file ``target`` (另存为), validated first; the
        opened file is left as it is. Refuses an existing ``target``."""
        target = Path(target)
        try:
            text = self.render()
            parse_text(str(target), text, self.standards)
        except EditError as exc:
            raise SaveError(str(exc)) from None
        except InvalidProfile as exc:
            raise SaveError("另存的档案无法通过校验，未写入：" + "；".join(e.message for e in exc.errors)) from None
        write_new(target, ("\ufeff" if self.bom else "") + text)
        self.discard_draft()
        return target

    # drafts ------------------------------------------------------------------------------------

    @property
    def draft_path(self) -> Path:
        return draft_path(self.path)

    def write_draft(self) -> None:
        """Keep the pending edits beside the file; an empty edit set removes the draft."""
        if not self.edits:
            self.discard_draft()
            return
        data = {
            "file": self.path.name,
            "base_sha256": self.base_hash,
            "written": dt.datetime.now().isoformat(timespec="seconds"),
            "edits": {f"{a}.{k}": (None if v is CLEARED else literal(v)) for (a, k), v in self.edits.items()},
        }
        write_bytes(self.draft_path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    def read_draft(self) -> dict[str, Any] | None:
        """The draft's metadata and decoded edits, or None when there is no usable draft."""
        try:
            data = json.loads(self.draft_path.read_text(encoding="utf-8"))
            raw_edits = data["edits"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        edits: dict[tuple[str, str], Any] = {}
        standard = self.standard
        for path, text in raw_edits.items():
            area_id, _, key = path.partition(".")
            spec = info.field(area_id, key)
            if spec is not None:
                value = None if text is None else parse_literal(text)
                if value is None:
                    edits[(area_id, key)] = CLEARED
                elif not info.check(spec, value):
                    edits[(area_id, key)] = value
                continue
            area = standard.area(area_id)
            fact = next((f for f in area.facts if f.key == key), None) if area else None
            if fact is None:
                continue
            if text is None:
                edits[(area_id, key)] = CLEARED
                continue
            value = parse_literal(text)
            normal, problem = check_fact(fact, value)
            if not problem:
                edits[(area_id, key)] = normal
        if not edits:
            return None
        return {"written": data.get("written", ""), "stale": data.get("base_sha256") != self.base_hash, "edits": edits}

    def recover_draft(self) -> int:
        """Apply the draft's edits; returns how many were applied."""
        draft = self.read_draft()
        if not draft:
            return 0
        for (area, key), value in draft["edits"].items():
            self.set(area, key, value)
        return len(draft["edits"])

    def discard_draft(self) -> None:
        try:
            self.draft_path.unlink()
        except FileNotFoundError:
            pass


def parse_literal(text: str) -> Any:
    """A TOML value from its one-line text, with floats as Decimal (the way profiles are read)."""
    import tomli

    return tomli.loads(f"v = {text}", parse_float=Decimal)["v"]



def write_new(path: str | os.PathLike, text: str) -> None:
    """Create ``path`` with ``text`` atomically; refuses to replace an existing file."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(errno.EEXIST, "文件已存在", str(path))
    write_bytes(path, text.encode("utf-8"))
