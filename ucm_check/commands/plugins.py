"""``ucm-check plugins``: every loaded plugin with its version, hooks and status."""

from __future__ import annotations

import argparse

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_host_arguments, host_from_args, out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", default="text", choices=("text", "json"))
    add_host_arguments(parser)


def run(args: argparse.Namespace) -> int:
    host = host_from_args(args)
    host.standards  # noqa: B018 - calling the hooks is what reveals a plugin that raises
    plugins = list(host.plugins.values())
    if args.format == "json":
        from ucm_check.ci.formats.json import dumps

        out(dumps({"plugins": [
            {"name": p.name, "module": p.module, "version": p.version, "source": p.source, "hooks": p.hooks,
             "status": p.status, "errors": [{"hook": e.hook, "error": e.error} for e in p.errors]}
            for p in plugins
        ], "disabled": list(host.disabled), "standards": [
            {"id": s.id, "title": s.title, "areas": [a.id for a in s.areas]} for s in host.standards.values()
        ]}) + "\n")
    else:
        from ucm_check.files.textwidth import ljust

        lines = [f"{ljust('插件', 34)}{ljust('版本', 10)}{ljust('来源', 12)}{ljust('状态', 8)}钩子"]
        for p in plugins:
            status = "正常" if p.status == "ok" else "失败"
            source = {"builtin": "内置", "entry point": "已安装", "file": "插件目录"}.get(p.source, p.source)
            lines.append(f"{ljust(p.name, 34)}{ljust(p.version or '-', 10)}{ljust(source, 12)}{ljust(status, 8)}{', '.join(p.hooks)}")
            lines += [f"    {e}" for e in p.errors]
        if host.disabled:
            lines.append("已停用：" + "、".join(host.disabled))
        lines.append("")
        lines.append("评价标准：" + "；".join(f"{s.id}（{len(s.areas)} 个区域）" for s in host.standards.values()))
        out("\n".join(lines) + "\n")
    return exitcodes.PLUGIN if host.errors else exitcodes.OK
