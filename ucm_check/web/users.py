"""Per-person tokens: ``users.toml`` keeps a random salt and a salted SHA-256 of each token, never
the token itself; :func:`add_user` prints a new person's token once.

SHA-256 rather than a slow password hash: tokens are 32 random bytes from :mod:`secrets`, so there
is nothing to guess and key stretching would only slow every request down.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
from pathlib import Path

import tomli
import tomli_w

from ucm_check.files.atomic import write_bytes


class UsersFileError(Exception):
    """The users file cannot be read; the message (Chinese) names the file and what is wrong."""


def new_token() -> str:
    """A fresh URL-safe token (32 random bytes)."""
    return secrets.token_urlsafe(32)


def digest(token: str, salt: str) -> str:
    """The salted SHA-256 of ``token``, as hex."""
    return hashlib.sha256(bytes.fromhex(salt) + token.encode("utf-8")).hexdigest()


class Users:
    """Who may sign in: people from the users file plus the token of this run (``启动者``)."""

    def __init__(self, entries: dict[str, dict[str, str]] | None = None) -> None:
        self.entries = dict(entries or {})
        self._cache: dict[str, str] = {}

    @classmethod
    def load(cls, path: Path) -> "Users":
        """Read ``path``; a missing file means nobody yet. Bad content raises :class:`UsersFileError`."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls()
        except OSError as exc:
            raise UsersFileError(f"{path}：无法读取用户文件（{exc.strerror or exc}）") from None
        try:
            data = tomli.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
            raise UsersFileError(f"{path}：用户文件不是有效的 UTF-8 TOML（{exc}）") from None
        people = data.get("users", {})
        if not isinstance(people, dict):
            raise UsersFileError(f"{path}：应为 [users.姓名] 表")
        for name, entry in people.items():
            if not (isinstance(entry, dict) and isinstance(entry.get("salt"), str)
                    and isinstance(entry.get("sha256"), str)):
                raise UsersFileError(f"{path}：[users.{name}] 应有 salt 和 sha256 两项")
            try:
                bytes.fromhex(entry["salt"])
            except ValueError:
                raise UsersFileError(f"{path}：[users.{name}] 的 salt 应为十六进制") from None
        return cls(people)

    def add_run_token(self, name: str, token: str) -> None:
        """Accept ``token`` for ``name`` for this run only (not written anywhere)."""
        salt = secrets.token_hex(16)
        self.entries[name] = {"salt": salt, "sha256": digest(token, salt)}

    def who(self, token: str | None) -> str | None:
        """The person ``token`` belongs to, or None."""
        if not token or len(token) > 200:
            return None
        if token in self._cache:
            return self._cache[token]
        for name, entry in self.entries.items():
            if hmac.compare_digest(digest(token, entry["salt"]), entry["sha256"]):
                self._cache[token] = name
                return name
        return None


def add_user(path: Path, name: str) -> str:
    """Add (or give a new token to) ``name`` in the users file at ``path``; returns the token."""
    users = Users.load(path)
    token, salt = new_token(), secrets.token_hex(16)
    users.entries[name] = {"salt": salt, "sha256": digest(token, salt),
                           "added": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    text = "# ucm-check serve 的用户：只存令牌的加盐散列；令牌只在添加时显示一次\n" + tomli_w.dumps(
        {"users": users.entries})
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, text.encode("utf-8"))
    if os.name == "posix":
        os.chmod(path, 0o600)
    return token
