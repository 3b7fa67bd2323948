"""``ucm-check serve FOLDER``: the guided self-check in the browser, for an office intranet.

Each browser tab runs the TUI's start screen on FOLDER as its own process (``--session``, internal).
Needs the optional extra ``[web]`` (textual-serve). Textual is imported only by the session process.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
from pathlib import Path
from urllib.parse import urlsplit

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_as_of, add_host_arguments, err, host_from_args

#: The person who started the server, in the audit log.
STARTER = "启动者"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="FOLDER", help="提供给浏览器的文件夹：其中的自评档案可被打开、新建、保存和导出")
    parser.add_argument("--host", default="127.0.0.1",
                        help="监听地址（默认 127.0.0.1，只有本机可访问；局域网用本机 IP，并给出 --public-url）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--public-url", metavar="URL",
                        help="浏览器访问本服务的地址，如 https://ucm.example.gov.cn:8443（监听 0.0.0.0 或经反向代理时必填）")
    parser.add_argument("--certfile", metavar="PEM", help="HTTPS 证书（PEM）；与 --keyfile 一起使用")
    parser.add_argument("--keyfile", metavar="PEM", help="HTTPS 私钥（PEM）")
    parser.add_argument("--allow-http", action="store_true",
                        help="允许在非本机地址上用明文 HTTP（令牌会以明文经过网络，仅供测试）")
    parser.add_argument("--max-sessions", type=int, default=20, metavar="N", help="同时打开的会话上限（默认 20）")
    parser.add_argument("--spare", type=int, metavar="N",
                        help="预先启动的备用会话数（可派生会话时默认 0，每个新标签页即时派生并显示文件夹的当前内容；"
                             "不能派生时（Windows 或 --no-fork）默认 1，打开页面即见首屏，每个约占 45 MB 内存）")
    parser.add_argument("--users", metavar="FILE",
                        help="用户文件（默认 FOLDER/.ucm-serve/users.toml），只存令牌的加盐散列")
    parser.add_argument("--add-user", metavar="NAME", help="添加一位用户（或为其换发令牌），只显示一次令牌，然后退出")
    parser.add_argument("--no-fork", action="store_true",
                        help="每个会话都从头启动进程（较慢；默认由一个预热的进程派生会话，Windows 上总是从头启动）")
    parser.add_argument("--session", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--zygote-fd", type=int, help=argparse.SUPPRESS)
    add_as_of(parser)
    add_host_arguments(parser)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        err(f"ucm-check: 错误：{args.folder}：不是文件夹")
        return exitcodes.INVALID
    if args.session:
        return _session(args, folder)
    users_file = Path(args.users) if args.users else folder / ".ucm-serve" / "users.toml"
    if args.add_user:
        return _add_user(users_file, args.add_user)
    problem = _check_address(args)
    if problem:
        err(f"ucm-check: 错误：{problem}")
        return exitcodes.INVALID
    import importlib.util

    if importlib.util.find_spec("textual_serve") is None:  # looked up, not imported: web/ imports it
        err("ucm-check: 错误：serve 需要可选组件 [web]：pip install 'ucm-check[web]'")
        return exitcodes.INVALID
    return _serve(args, folder.resolve(), users_file)


def _check_address(args: argparse.Namespace) -> str:
    """Why the address options cannot work, or ''."""
    if not 1 <= args.port <= 65535:
        return f"--port {args.port}：端口应在 1 到 65535 之间"
    if args.max_sessions < 1:
        return "--max-sessions 至少为 1"
    if args.spare is not None and not 0 <= args.spare <= 10:
        return "--spare 应在 0 到 10 之间"
    if bool(args.certfile) != bool(args.keyfile):
        return "--certfile 和 --keyfile 要一起给出"
    for option in ("certfile", "keyfile"):
        value = getattr(args, option)
        if value and not os.path.isfile(value):
            return f"--{option} {value}：文件不存在"
    try:
        unspecified = ipaddress.ip_address(args.host).is_unspecified
    except ValueError:
        unspecified = False
    if unspecified and not args.public_url:
        return (f"--host {args.host} 监听所有网卡，浏览器无法用这个地址回连；"
                "请同时给出 --public-url（如 https://本机IP或域名:端口）")
    loopback = args.host in ("localhost",) or _is_loopback(args.host)
    https = bool(args.certfile) or (args.public_url or "").lower().startswith("https://")
    if not loopback and not https and not args.allow_http:
        return (f"--host {args.host}：令牌会以明文经过办公网。请给出 --certfile/--keyfile，"
                "或放在 HTTPS 反向代理之后并给出 --public-url https://…；仅供测试时可加 --allow-http")
    if args.public_url:
        split = urlsplit(args.public_url)
        if split.scheme not in ("http", "https") or not split.hostname or split.path not in ("", "/"):
            return f"--public-url {args.public_url}：应为 http(s)://主机[:端口]，不带路径"
    return ""


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _add_user(users_file: Path, name: str) -> int:
    from ucm_check.web.users import UsersFileError, add_user

    name = name.strip()
    if not name or len(name) > 40 or any(c in name for c in "\"'\\\n\r\t"):
        err("ucm-check: 错误：--add-user 需要一个不超过 40 字、不含引号和换行的姓名")
        return exitcodes.INVALID
    try:
        token = add_user(users_file, name)
    except UsersFileError as exc:
        err(f"ucm-check: 错误：{exc}")
        return exitcodes.INVALID
    print(f"已添加用户 {name}。令牌只显示这一次，请当面或经内部渠道交给本人：")
    print(token)
    print(f"其访问地址为：服务地址/?token={token}")
    return exitcodes.OK


def _serve(args: argparse.Namespace, folder: Path, users_file: Path) -> int:
    import ssl

    from ucm_check.web.audit import Audit, audit_path
    from ucm_check.web.server import UcmServer, session_argv
    from ucm_check.web.users import Users, UsersFileError, new_token

    try:
        users = Users.load(users_file)
    except UsersFileError as exc:
        err(f"ucm-check: 错误：{exc}")
        return exitcodes.INVALID
    token = new_token()
    users.add_run_token(STARTER, token)
    ssl_context = None
    if args.certfile:
        ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        try:
            ssl_context.load_cert_chain(args.certfile, args.keyfile)
        except (ssl.SSLError, OSError) as exc:
            err(f"ucm-check: 错误：无法读取证书或私钥 {args.certfile} / {args.keyfile}：{exc}")
            return exitcodes.INVALID
    scheme = "https" if ssl_context else "http"
    host_in_url = f"[{args.host}]" if ":" in args.host else args.host
    public_url = (args.public_url or f"{scheme}://{host_in_url}:{args.port}").rstrip("/")
    argv = session_argv(folder) + _host_options(args)
    audit = Audit(audit_path(folder), role="server")
    banner = f"请在浏览器打开：{public_url}/?token={token}"
    if len(users.entries) > 1:
        banner += f"\n（用户文件 {users_file} 中的每个人用自己的令牌：{public_url}/?token=本人令牌）"
    server = UcmServer(folder, host=args.host, port=args.port, public_url=public_url, users=users, audit=audit,
                       max_sessions=args.max_sessions, ssl_context=ssl_context, argv=argv, banner=banner,
                       spares=_spares(args), fork=not args.no_fork)
    audit("server_start", folder=str(folder), url=public_url, max_sessions=args.max_sessions)
    try:
        server.serve()
    except KeyboardInterrupt:  # Ctrl+C is how the service is stopped
        pass
    except OSError as exc:
        err(f"ucm-check: 错误：无法监听 {args.host}:{args.port}：{exc.strerror or exc}")
        return exitcodes.INVALID
    finally:
        audit("server_stop")
        audit.close()
    return exitcodes.OK


def _spares(args: argparse.Namespace) -> int:
    """Spares only where sessions cannot be forked: a spare's start screen lists the folder as it was
    when the spare was drawn, while a forked session is drawn for its tab in a fraction of a second."""
    if args.spare is not None:
        return args.spare
    from ucm_check.web.forks import available

    return 0 if available() and not args.no_fork else 1


def _host_options(args: argparse.Namespace) -> list[str]:
    """The plugin options of this command, passed on to every session."""
    out = ["--no-entry-points"] if args.no_entry_points else []
    for option, values in (("--plugins-dir", args.plugins_dir), ("--disable-plugin", args.disable_plugin),
                           ("--tailoring", args.tailoring)):
        for value in values:
            out += [option, os.path.abspath(value) if option != "--disable-plugin" else value]
    if args.as_of:
        out += ["--as-of", args.as_of.isoformat()]
    return out


def _session(args: argparse.Namespace, folder: Path) -> int:
    """One browser tab's TUI (started by the server in FOLDER, never by hand); with ``--zygote-fd``,
    the warm parent that forks one per tab on the server's channel (see ``ucm_check.web.zygote``)."""
    host = host_from_args(args)
    from ucm_check.tui.web import WebApp

    def run() -> int:
        WebApp(host, folder.resolve(), as_of=args.as_of).run()
        return exitcodes.PLUGIN if host.errors else exitcodes.OK

    if args.zygote_fd is None:  # a plain process, started by the server
        from ucm_check.web.zygote import end_with

        end_with(os.getppid())
        return run()
    import socket

    from ucm_check.tui.app import UcmApp
    from ucm_check.web.zygote import serve_forks, warm

    host.standards  # built once here, shared by every forked session
    problem = warm(lambda: UcmApp(host, None))
    if problem:
        err(f"ucm-check serve: 预热会话时出错（会话仍可打开，只是较慢）：{problem}")
    return serve_forks(socket.socket(fileno=args.zygote_fd), run)
