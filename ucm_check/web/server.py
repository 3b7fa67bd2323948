"""The guarded server: textual-serve's ``/`` and ``/ws`` behind a token, an Origin check, a cap on
sessions and an audit log; each session is ``ucm-check serve --session`` in the served folder."""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ucm_check.web import forks, presence
from ucm_check.web.audit import Audit
from ucm_check.web.users import Users

log = logging.getLogger("ucm_check.web")

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(sys.modules["textual_serve.server"].__file__).parent / "static"
COOKIE = "ucm_token"
#: A browser sends keystrokes, pastes and resizes; nothing legitimate comes near this size.
MAX_MESSAGE = 64 * 1024
#: How long a session process gets to quit after its tab closed before it is killed.
QUIT_GRACE = 10.0
#: A warm spare that has drawn more than this before any tab took it is replaced.
MAX_HELD = 1024 * 1024
#: Refusals from one address logged per minute; the rest are counted in one line.
REFUSALS_PER_MINUTE = 120

REFUSED_401 = "401 未登录：请使用管理员给您的完整网址（含 ?token=…）打开。\n"
REFUSED_403 = "403 令牌无效：请向管理员核对网址，或请其用 ucm-check serve --add-user 重新发放令牌。\n"
REFUSED_ORIGIN = "403 拒绝：此连接来自其他网站的页面（Origin 不符）。\n"
FULL = "同时打开的会话已达上限（{cap} 个）。请关闭不用的标签页，稍后再试；或请管理员用 --max-sessions 调高上限。"


def session_argv(folder: Path) -> list[str]:
    """The command of one session: this same program, so it also works frozen (PyInstaller)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "serve", str(folder), "--session"]
    return [sys.executable, "-m", "ucm_check", "serve", str(folder), "--session"]


class SessionService(AppService):
    """One TUI process for one browser tab, started in the served folder. It may start before any
    tab wants it (a warm spare): its output is kept until :meth:`attach` hands it to a websocket,
    which then gets it all and a resize that repaints the screen at the tab's size. Killed if it
    does not quit within :data:`QUIT_GRACE` after its tab closed."""

    def __init__(self, argv: list[str], folder: Path, download_manager,
                 fork_server: forks.ForkServer | None = None) -> None:
        super().__init__(" ".join(argv), write_bytes=self._to_tab, write_str=self._to_tab,
                         close=self._close_tab, download_manager=download_manager)
        self.argv, self.folder, self.fork_server = argv, folder, fork_server
        self.forked = False
        self.websocket: web.WebSocketResponse | None = None
        self._held: list[bytes | str] = []
        self._held_size = 0
        self._closed_early = False

    async def _open_app_process(self, width: int = 80, height: int = 24):
        """Forked from the warm zygote when there is one; else started from scratch."""
        process = await self.fork_server.spawn(width, height) if self.fork_server is not None else None
        if process is not None:
            self.forked = True
            self._process, self._stdin = process, process.stdin
            return process
        env = self.environment(width, height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, cwd=self.folder, env=env, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        self._stdin = process.stdin
        return process

    def environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        """textual-serve's environment for a session process (the web driver, the size)."""
        env = self._build_environment(width=width, height=height)
        env.setdefault("PYTHONIOENCODING", "utf-8")
        return env

    async def _to_tab(self, data: bytes | str) -> None:
        if self.websocket is not None:
            await (self.websocket.send_bytes(data) if isinstance(data, bytes) else self.websocket.send_str(data))
        else:
            self._held.append(data)
            self._held_size += len(data)

    async def _close_tab(self) -> None:
        if self.websocket is not None:
            await self.websocket.close()
        else:
            self._closed_early = True

    @property
    def usable(self) -> bool:
        """A spare that is still running and has not piled up output."""
        process = self._process
        return (process is not None and process.returncode is None and not self._closed_early
                and self._held_size < MAX_HELD)

    async def attach(self, websocket: web.WebSocketResponse, user: str, width: int, height: int) -> None:
        """Give this process to ``user``'s tab: who it is, what it has drawn so far, the tab's size."""
        presence.name_session(self.folder, self.pid, user)
        held, self._held = self._held, []
        for data in held:
            await (websocket.send_bytes(data) if isinstance(data, bytes) else websocket.send_str(data))
        self.websocket = websocket
        await self.set_terminal_size(width, height)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        """Ask the app to quit; kill it when it does not."""
        try:
            await asyncio.wait_for(super().stop(), QUIT_GRACE)
        except (asyncio.TimeoutError, ConnectionError):
            pass
        process = self._process
        if process is not None and process.returncode is None:
            try:  # usually it is exiting already: let asyncio reap it (kill() would reap it first)
                await asyncio.wait_for(process.wait(), 2.0)
            except asyncio.TimeoutError:
                process.kill()
                await process.wait()


class UcmServer(Server):
    """textual-serve with a login, an Origin check, a local template, no directory listings,
    files confined to ``folder`` (by the session, see ``ucm_check.tui.web``) and a session cap."""

    def __init__(self, folder: Path, *, host: str, port: int, public_url: str, users: Users, audit: Audit,
                 max_sessions: int = 20, ssl_context: ssl.SSLContext | None = None,
                 argv: list[str] | None = None, banner: str = "", spares: int = 1, fork: bool = True) -> None:
        super().__init__("ucm-check", host=host, port=port, title="ucm-check 合规自评", public_url=public_url,
                         statics_path=STATIC, templates_path=TEMPLATES)
        self.folder, self.users, self.audit = folder, users, audit
        self.max_sessions, self.ssl_context = max_sessions, ssl_context
        self.argv = argv or session_argv(folder)
        self.banner = banner
        self.spare_count = spares
        self.spares: list[SessionService] = []
        self.fork_server: forks.ForkServer | None = None
        if fork and forks.available():
            env = SessionService(self.argv, folder, None).environment()
            self.fork_server = forks.ForkServer(self.argv, folder, env, audit)
        self._refill: asyncio.Task | None = None
        self.sessions: set[int] = set()
        self._minute, self._refusals, self._dropped = 0, {}, {}
        self._next = 0
        split = urlsplit(public_url)
        self.origins = {f"{split.scheme}://{split.netloc}".lower()}
        if host in ("127.0.0.1", "localhost", "::1"):  # the same server reached by another local name
            self.origins |= {f"{split.scheme}://{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]")}

    # the web application ----------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard], client_max_size=64 * 1024)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, follow_symlinks=False, name="static"),
        ])
        app.on_response_prepare.append(self._headers)
        app.on_startup.append(self._start_warming)
        app.on_shutdown.append(self._cool_down)
        return app

    def _token(self, request: web.Request) -> str | None:
        return request.query.get("token") or request.cookies.get(COOKIE)

    def refused(self, **fields) -> None:
        """Record a refusal; past :data:`REFUSALS_PER_MINUTE` from one address in a minute, only
        count them (a flood of bad requests must not fill the disk with audit lines)."""
        minute, peer = int(time.time() // 60), fields.get("peer")
        if self._minute != minute:
            self._log_dropped()
            self._minute, self._refusals = minute, {}
        seen = self._refusals[peer] = self._refusals.get(peer, 0) + 1
        if seen <= REFUSALS_PER_MINUTE:
            self.audit("refused", **fields)
        else:
            self._dropped[peer] = self._dropped.get(peer, 0) + 1

    def _log_dropped(self) -> None:
        if self._dropped:
            self.audit("refused_not_logged", counts={str(k): v for k, v in self._dropped.items()})
            self._dropped = {}

    @web.middleware
    async def guard(self, request: web.Request, handler):
        """Every path needs a valid token (401 without one, 403 with a wrong one); ``/ws`` also needs
        the page's Origin to be this server."""
        token = self._token(request)
        user = self.users.who(token)
        if user is None:
            status, text = (401, REFUSED_401) if not token else (403, REFUSED_403)
            self.refused(reason="no_token" if not token else "bad_token", path=request.path[:200],
                       peer=request.remote)
            raise _refuse(status, text)
        if request.path == "/ws":
            origin = (request.headers.get("Origin") or "").lower()
            if origin not in self.origins:
                self.refused(user=user, reason="origin", origin=origin[:200], peer=request.remote)
                raise _refuse(403, REFUSED_ORIGIN)
        request["user"] = user
        return await handler(request)

    async def _headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """No referrer (the token is in the address), no framing, scripts and styles from here only."""
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cache-Control", "no-store")
        ws_origins = " ".join(o.replace("http", "ws", 1) for o in sorted(self.origins) if "[" not in o)
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' {ws_origins}; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.DEBUG if self.debug else logging.WARNING, format="%(name)s: %(message)s")

    # pages ------------------------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if len(self.sessions) >= self.max_sessions:
            return web.Response(status=503, text=FULL.format(cap=self.max_sessions) + "\n",
                                content_type="text/plain", charset="utf-8")
        ws_url = self.public_url.replace("http", "ws", 1) + "/ws"
        context = {"font_size": _clamp(request.query.get("fontsize"), 8, 40, 16), "app_websocket_url": ws_url,
                   "config": {"static": {"url": f"{self.public_url}/static/"}},
                   "application": {"name": self.title}}
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        token = request.query.get("token")
        if token:  # the page's later requests (/ws, /static, downloads) carry it as a cookie
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/",
                                secure=self.public_url.startswith("https"))
        return response

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """An export the session delivered, with its Chinese file name (RFC 6266 ``filename*``)."""
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="没有这个下载（已下载过或会话已结束）\n") from None
        response = web.StreamResponse()
        response.content_type = meta.mime_type
        if meta.encoding:
            response.charset = meta.encoding
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        ascii_name = meta.file_name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
        response.headers["Content-Disposition"] = (
            f'{disposition}; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(meta.file_name)}')
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        self.audit("downloaded", user=request["user"], file=meta.file_name)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One session per websocket, up to the cap; over it, the tab shows why and the socket closes."""
        user = request["user"]
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        if len(self.sessions) >= self.max_sessions:  # checked and taken below with no await between
            await websocket.prepare(request)
            await websocket.send_bytes(("\r\n  " + FULL.format(cap=self.max_sessions) + "\r\n").encode("utf-8"))
            self.refused(user=user, reason="session_cap", cap=self.max_sessions, peer=request.remote)
            await websocket.close(code=1013, message="会话已满".encode("utf-8"))
            return websocket
        self._next += 1
        slot = self._next
        self.sessions.add(slot)
        service: SessionService | None = None
        try:
            await websocket.prepare(request)
            width = _clamp(request.query.get("width"), 20, 400, 80)
            height = _clamp(request.query.get("height"), 8, 200, 24)
            service = await self._take_spare()
            if service is None:
                service = SessionService(self.argv, self.folder, self.download_manager, self.fork_server)
                await service.start(width, height)
            await service.attach(websocket, user, width, height)
            self._warm_up_soon()
            self.audit("session_start", user=user, pid=service.pid, peer=request.remote,
                       process="forked" if service.forked else "started")
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception as exc:  # one broken session must never take the server down
            log.warning("session failed: %r", exc)
        finally:
            if service is not None:
                await service.stop()
                if service.pid is not None:
                    presence.clear(self.folder, service.pid)
                    presence.name_session(self.folder, service.pid, None)
                self.audit("session_end", user=user, pid=service.pid)
            self.sessions.discard(slot)
            if not websocket.closed:
                await websocket.close()
        return websocket

    # warm spares ------------------------------------------------------------------------------

    async def _take_spare(self) -> SessionService | None:
        while self.spares:
            spare = self.spares.pop(0)
            if spare.usable:
                return spare
            await spare.stop()
        return None

    def _warm_up_soon(self) -> None:
        if self._refill is None or self._refill.done():
            self._refill = asyncio.get_running_loop().create_task(self._warm_up())

    async def _start_warming(self, app: web.Application) -> None:
        self._warm_up_soon()

    async def _warm_up(self) -> None:
        """Start the zygote, then session processes ahead of the tabs that will want them (``--spare``)."""
        if self.fork_server is not None:
            await self.fork_server.when_ready()
        while len(self.spares) < self.spare_count:
            spare = SessionService(self.argv, self.folder, self.download_manager, self.fork_server)
            await spare.start(80, 24)
            self.spares.append(spare)

    async def _cool_down(self, app: web.Application) -> None:
        self._log_dropped()
        if self._refill is not None:
            self._refill.cancel()
        spares, self.spares = self.spares, []
        for spare in spares:
            await spare.stop()
        if self.fork_server is not None:
            await self.fork_server.stop()

    async def _process_messages(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """The browser's envelopes, checked: anything malformed is dropped (and logged), never fatal."""
        async for message in websocket:
            if message.type == WSMsgType.ERROR:  # e.g. over MAX_MESSAGE: aiohttp closes the socket
                self.audit("refused", reason="ws_error", detail=str(websocket.exception())[:200])
                break
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                envelope = None
            kind = envelope[0] if isinstance(envelope, list) and envelope else None
            data = envelope[1] if isinstance(envelope, list) and len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str) and _encodable(data):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = data.get("width"), data.get("height")
                if isinstance(width, int) and isinstance(height, int) and 1 <= width <= 1000 and 1 <= height <= 500:
                    await service.set_terminal_size(width, height)
            elif kind == "ping" and isinstance(data, str) and len(data) <= 64:
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()
            else:
                log.warning("dropped a malformed message (%d characters)", len(message.data))

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C or SIGTERM; the banner is printed once the port is listening."""
        self.debug = debug
        self.initialize_logging()
        asyncio.run(self._run())

    async def _run(self) -> None:
        import signal

        runner = web.AppRunner(await self._make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port, ssl_context=self.ssl_context).start()
            print(self.banner, flush=True)
            stop = asyncio.Event()
            try:
                asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
            except (NotImplementedError, AttributeError):  # Windows: Ctrl+C only
                pass
            await stop.wait()
        finally:
            await runner.cleanup()


def _refuse(status: int, text: str) -> web.HTTPException:
    cls = {401: web.HTTPUnauthorized, 403: web.HTTPForbidden}[status]
    return cls(text=text, content_type="text/plain")


def _encodable(text: str) -> bool:
    """False for text with lone surrogates, which no keyboard types."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _clamp(raw: str | None, low: int, high: int, default: int) -> int:
    try:
        value = int(raw) if raw is not None else default
    except ValueError:
        return default
    return min(max(value, low), high)
