"""The TUI as one browser tab of ``ucm-check serve``: confined to the served folder, audited,
exports delivered to the browser as downloads, and told who else has the profile open."""

from __future__ import annotations

from pathlib import Path

from ucm_check.tui.app import UcmApp
from ucm_check.web import presence
from ucm_check.web.audit import Audit, audit_path
from ucm_check.web.confine import inside

OUTSIDE = "只能打开或新建本服务文件夹内的文件：{path} 不在其中"
ALSO_OPEN = "{user} 自 {since} 起也打开了此档案；保存时会与其保存的内容合并，冲突项会逐一询问。"


class WebApp(UcmApp):
    """:class:`UcmApp` for one browser session on ``root`` by ``user``."""

    def __init__(self, host, root: Path, **kw) -> None:
        super().__init__(host, None, **kw)
        self.root = root
        self._user: str | None = None
        self._audit = Audit(audit_path(root), role="session")

    @property
    def user(self) -> str:
        """The person whose tab this is (the process may have started before the tab, as a spare)."""
        if self._user is None:
            self._user = presence.session_user(self.root)
        return self._user or "?"

    def audit(self, event: str, **fields) -> None:
        self._audit(event, user=self.user, **fields)

    def refuse_path(self, path: Path) -> str:
        return "" if inside(self.root, path) else OUTSIDE.format(path=path)

    def _rel(self, path: Path) -> str:
        try:
            return str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    def open_profile(self, path: Path) -> list[str]:
        refused = self.refuse_path(path)
        if refused:
            self.audit("refused", reason="outside_folder", file=str(path))
            return [refused]
        errors = super().open_profile(path)
        if not errors:
            self.audit("opened", file=self._rel(path))
            for note in presence.others(self.root, path):
                since = str(note.get("since", ""))[:16].replace("T", " ")
                self.notify(ALSO_OPEN.format(user=note.get("user", "?"), since=since), severity="warning", timeout=20)
            presence.mark(self.root, self.user, path)
        return errors

    def save(self, onto: str = "opened", *, then_quit: bool = False) -> bool:
        path = self.session.editor.path if self.session else None
        saved = super().save(onto, then_quit=then_quit)
        if saved and path is not None:
            self.audit("saved", file=self._rel(path), how=onto)  # disk: merged into another's save
        return saved

    def on_exported(self, path: Path) -> None:
        """Send the export to the browser as a download; the file also stays beside the profile."""
        self.audit("exported", file=self._rel(path))
        if self.is_web:
            self.deliver_binary(path, save_filename=Path(path).name)
