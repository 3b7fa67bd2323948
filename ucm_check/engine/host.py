"""The plugin host: loads builtin and installed plugins, calls hooks one plugin at a time, and
assembles standards from the areas plugins contribute.

Load order: builtin modules (:data:`DEFAULT_PLUGINS`), then entry points of the ``ucm_check`` group,
then extra modules, then loose ``*.py`` files from plugin folders (``--plugins-dir`` and
:data:`PLUGINS_DIR_ENV`); names in ``disabled`` (and :data:`DISABLE_ENV`) are skipped. A plugin that
fails to import, register or answer a hook is recorded in :attr:`Host.errors` by name and hook,
and the others carry on.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Any, Callable, Iterable

import attrs

from ucm_check import BUILTIN_PACKS, __version__
from ucm_check.engine.guard import is_plugin_failure, plugin_code
from ucm_check.model import Area, Standard

if TYPE_CHECKING:
    import pluggy

    from ucm_check.engine.entrypoints import EntryPoint

GROUP = "ucm_check"
PLUGINS_DIR_ENV = "UCM_CHECK_PLUGINS_DIR"
"""Folders of loose plugin files, separated by ``os.pathsep``, loaded after ``--plugins-dir``."""
DISABLE_ENV = "UCM_CHECK_DISABLE_PLUGINS"
"""Plugin or distribution names not to load, separated by commas (as ``--disable-plugin``)."""

def builtin_plugins(packs: Iterable[str]) -> tuple[str, ...]:
    """The plugin modules the builtin ``packs`` list in their ``PLUGINS``; a pack that cannot be read
    stands for itself, so loading it records the failure like any other plugin's."""
    found: list[str] = []
    for pack in packs:
        try:
            with plugin_code():
                found.extend(importlib.import_module(pack).PLUGINS)
        except BaseException as exc:
            if not is_plugin_failure(exc):
                raise
            found.append(pack)
    return tuple(found)


#: Builtin plugins (:data:`ucm_check.BUILTIN_PACKS`), registered exactly as installed ones are.
DEFAULT_PLUGINS: tuple[str, ...] = builtin_plugins(BUILTIN_PACKS)


@attrs.frozen
class PluginError:
    """A plugin that failed: which one, in which hook (or ``import``/``register``), and why."""

    plugin: str
    hook: str
    error: str

    def __str__(self) -> str:
        return f"插件 {self.plugin} 在 {self.hook} 中出错：{self.error}"


@attrs.define
class PluginInfo:
    """What ``ucm-check plugins`` shows for one plugin."""

    name: str
    module: str
    version: str
    source: str
    """``builtin``, ``entry point`` or ``file``."""
    hooks: list[str] = attrs.Factory(list)
    errors: list[PluginError] = attrs.Factory(list)

    @property
    def status(self) -> str:
        return "failed" if self.errors else "ok"


def _describe(exc: BaseException) -> str:
    import traceback  # only when something failed: it costs ~5 ms to import

    frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" ({frame[0].filename.rsplit('/', 1)[-1]}:{frame[0].lineno})" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"


class Host:
    """A pluggy manager plus the bookkeeping that keeps one broken plugin from stopping the rest."""

    def __init__(self) -> None:
        self._pm: pluggy.PluginManager | None = None
        self.deferred: Callable[[Host], None] | None = None
        """Loads the plugins into :attr:`pm` when a hook first needs them (a host built from the
        compiled-standard cache has its standards and plugin list but no plugin imported yet)."""
        self.hook_owners: dict[str, list[str]] | None = None
        """With :attr:`deferred`: which plugins implement each hook, so that calling a hook nobody
        implements imports nothing."""
        self.plugins: dict[str, PluginInfo] = {}
        self.errors: list[PluginError] = []
        self._standards: dict[str, Standard] | None = None
        self.standard_plugin: dict[str, str] = {}
        """Which plugin declared each standard id."""
        self.area_plugin: dict[tuple[str, str], str] = {}
        """Which plugin contributed each (standard id, area id)."""
        self.disabled: list[str] = []
        """Plugins skipped because they were disabled, by name."""
        self.base_standards: dict[str, Standard] | None = None
        """The standards as the plugins declared them, when :meth:`use_standards` replaced them."""

    @property
    def pm(self) -> pluggy.PluginManager:
        """The pluggy manager, created (and the deferred plugins loaded) on first use."""
        if self._pm is None:
            import pluggy

            from ucm_check import hookspecs

            self._pm = pluggy.PluginManager(GROUP)
            self._pm.add_hookspecs(hookspecs)
            load, self.deferred, self.hook_owners = self.deferred, None, None
            if load is not None:
                load(self)
        return self._pm

    def fail(self, plugin: str, hook: str, exc: BaseException | str) -> None:
        """Record a failure of ``plugin`` in ``hook``."""
        error = PluginError(plugin, hook, exc if isinstance(exc, str) else _describe(exc))
        self.errors.append(error)
        if plugin in self.plugins:
            self.plugins[plugin].errors.append(error)
        from ucm_check.engine import log

        log.warning("ucm_check.plugin_failed", plugin=plugin, hook=hook, error=error.error)

    def register(self, name: str, obj: Any, *, module: str, version: str, source: str) -> None:
        """Register one plugin object, recording rather than raising any failure."""
        info = PluginInfo(name, module, version, source)
        self.plugins[name] = info
        try:
            with plugin_code():  # registering reads the plugin's attributes: a module __getattr__ runs
                self.pm.register(obj, name=name)
        except BaseException as exc:  # pluggy validation, duplicate names, a plugin exiting
            if not is_plugin_failure(exc):
                raise
            self.fail(name, "register", exc)
            return
        info.hooks = sorted(h.name for h in self.pm.get_hookcallers(obj) or ())
        for hook in info.hooks:
            if not getattr(self.pm.hook, hook).has_spec():
                self.fail(name, hook, "未知的钩子（没有对应的 hookspec，检查拼写和 ucm_check_ 前缀）")

    def load_module(self, name: str, module: str, *, version: str, source: str, attr: str = "") -> None:
        """Import ``module`` (and ``attr`` inside it) and register it as plugin ``name``."""
        try:
            with plugin_code():
                obj: Any = importlib.import_module(module)
            if attr:
                for part in attr.split("."):
                    obj = getattr(obj, part)
        except BaseException as exc:  # SystemExit at import too: the plugin failed, the run goes on
            if not is_plugin_failure(exc):
                raise
            sys.modules.pop(module, None)
            self.plugins[name] = PluginInfo(name, module, version, source)
            self.fail(name, "import", exc)
            return
        self.register(name, obj, module=module, version=version, source=source)

    def load_file(self, path: str) -> None:
        """Import a loose plugin file as plugin ``<file stem>`` and register it."""
        import importlib.util

        name = os.path.splitext(os.path.basename(path))[0]
        module = f"ucm_check_dir_plugins.{name}"
        try:
            spec = importlib.util.spec_from_file_location(module, path)
            if spec is None or spec.loader is None:
                raise ImportError(f"无法作为 Python 模块加载：{path}")
            obj = importlib.util.module_from_spec(spec)
            sys.modules[module] = obj
            with plugin_code():
                spec.loader.exec_module(obj)
        except BaseException as exc:
            if not is_plugin_failure(exc):
                raise
            sys.modules.pop(module, None)
            self.plugins[name] = PluginInfo(name, path, "", "file")
            self.fail(name, "import", exc)
            return
        self.register(name, obj, module=path, version="", source="file")

    def use_cached(self, standards: dict[str, Standard]) -> None:
        """Take ``standards`` as assembled (from the compiled-standard cache) instead of assembling them."""
        self._standards = standards

    def use_standards(self, standards: dict[str, Standard]) -> None:
        """Replace the assembled standards (e.g. with tailored ones), keeping the originals."""
        if self.base_standards is None:
            self.base_standards = self.standards
        self._standards = standards

    def call(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every implementation of ``hook`` on its own; return ``(plugin, result)`` pairs."""
        if self.hook_owners is not None and not self.hook_owners.get(hook):
            return []  # from the cache: no plugin implements it, so none needs importing
        results = []
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            if impl.plugin_name in {e.plugin for e in self.errors if e.hook in ("register", hook)}:
                continue
            try:
                with plugin_code():
                    result = impl.function(*[kwargs[a] for a in impl.argnames])
            except BaseException as exc:  # SystemExit, GeneratorExit ... are the plugin's failure too
                if not is_plugin_failure(exc):
                    raise
                self.fail(impl.plugin_name, hook, exc)
                continue
            if result is not None:
                results.append((impl.plugin_name, result))
        return results

    @property
    def default_standard(self) -> str:
        """The standard a command uses when none is named: the first one a builtin pack declares
        (else the first one declared at all; empty when there is none)."""
        standards = self.standards
        for sid in standards:
            if self.plugins.get(self.standard_plugin.get(sid, ""), PluginInfo("", "", "", "")).source == "builtin":
                return sid
        return next(iter(standards), "")

    @property
    def standards(self) -> dict[str, Standard]:
        """Every standard the plugins declare, each with the areas contributed to it."""
        if self._standards is None:
            self._standards = self._assemble()
        return self._standards

    def _assemble(self) -> dict[str, Standard]:
        from ucm_check.engine.contributions import area_problem, listing_problem, standard_problem

        declared: dict[str, Standard] = {}
        for plugin, standards in self.call("ucm_check_standards"):
            if listing_problem(standards, "Standard"):
                self.fail(plugin, "ucm_check_standards", listing_problem(standards, "Standard"))
                continue
            for std in standards:
                problem = standard_problem(std)
                if problem:
                    self.fail(plugin, "ucm_check_standards", problem)
                elif std.id in declared:
                    self.fail(plugin, "ucm_check_standards", f"标准 {std.id} 已由其他插件声明")
                else:
                    declared[std.id] = std
                    self.standard_plugin[std.id] = plugin
        areas: dict[str, dict[str, Area]] = {sid: {} for sid in declared}
        for plugin, contributed in self.call("ucm_check_areas"):
            if listing_problem(contributed, "Area"):
                self.fail(plugin, "ucm_check_areas", listing_problem(contributed, "Area"))
                continue
            for area in contributed:
                problem = area_problem(area)
                if problem:
                    self.fail(plugin, "ucm_check_areas", problem)
                elif area.standard not in areas:
                    self.fail(plugin, "ucm_check_areas", f"区域 {area.id} 所属标准 {area.standard} 未声明")
                elif area.id in areas[area.standard]:
                    self.fail(plugin, "ucm_check_areas", f"区域 {area.id} 已由其他插件提供")
                else:
                    areas[area.standard][area.id] = area
                    self.area_plugin[(area.standard, area.id)] = plugin
        return {
            sid: attrs.evolve(std, areas=tuple(sorted(areas[sid].values(), key=lambda a: a.order)))
            for sid, std in declared.items()
        }


def plugin_files(folder: str) -> list[str]:
    """The loose plugin files of ``folder``, by name: ``*.py`` except private files (``_*``, ``.*``)
    and test files (``test_*.py``, ``*_test.py``, ``conftest.py``), so a plugin's tests may sit beside it."""
    return [os.path.join(folder, n) for n in sorted(os.listdir(folder))
            if n.endswith(".py") and not n.startswith(("_", ".", "test_")) and not n.endswith("_test.py")
            and n != "conftest.py"]


def env_list(name: str, sep: str) -> list[str]:
    """Non-empty items of environment variable ``name`` split on ``sep``."""
    return [item.strip() for item in os.environ.get(name, "").split(sep) if item.strip()]


def build_host(
    *,
    entry_points: bool = True,
    modules: Iterable[tuple[str, str]] = (),
    disabled: Iterable[str] = (),
    plugin_dirs: Iterable[str] = (),
    environment: bool = False,
) -> Host:
    """A host with the builtin plugins, installed entry points, extra ``(name, module)`` pairs and
    the loose files of ``plugin_dirs``.

    ``disabled`` names plugins (or, for entry points, whole distributions) to skip. With
    ``environment`` the folders of :data:`PLUGINS_DIR_ENV` and the names of :data:`DISABLE_ENV` are
    added; the command line sets it, tests and library callers do not. (The command line builds its
    host through :func:`ucm_check.engine.cache.build_host`, which keeps the result for the next run.)
    """
    skip, dirs = plugin_options(disabled, plugin_dirs, environment)
    host = Host()
    load_plugins(host, scan_entry_points() if entry_points else [], skip, modules, dirs)
    return host


def plugin_options(disabled: Iterable[str], plugin_dirs: Iterable[str], environment: bool) -> tuple[set[str], list[str]]:
    """The names to skip and the plugin folders to load, with those of the environment when asked."""
    skip, dirs = set(disabled), list(plugin_dirs)
    if environment:
        skip.update(env_list(DISABLE_ENV, ","))
        dirs += env_list(PLUGINS_DIR_ENV, os.pathsep)
    return skip, dirs


def scan_entry_points() -> list[EntryPoint]:
    """The installed entry points of the :data:`GROUP` group."""
    from ucm_check.engine.entrypoints import scan

    return scan(GROUP)


def load_plugins(host: Host, points: Iterable[EntryPoint], skip: set[str],
                 modules: Iterable[tuple[str, str]] = (), dirs: Iterable[str] = ()) -> None:
    """Load into ``host``, in order: the builtin plugins, the entry points ``points``, ``modules`` and
    the loose files of ``dirs``; names in ``skip`` are recorded as disabled instead."""

    def wanted(*names: str) -> bool:
        hit = next((n for n in names if n in skip), None)
        if hit is not None:
            host.disabled.append(names[0])
        return hit is None

    for module in DEFAULT_PLUGINS:
        if wanted(module):
            host.load_module(module, module, version=__version__, source="builtin")
    for ep in points:
        if ep.name in host.plugins or ep.module in DEFAULT_PLUGINS:
            continue
        if wanted(ep.name, ep.dist, ep.dist.replace("_", "-")):
            host.load_module(ep.name, ep.module, attr=ep.attr, version=ep.version, source="entry point")
    for name, module in modules:
        if wanted(name):
            host.load_module(name, module, version="", source="file")
    for folder in dirs:
        try:
            files = plugin_files(folder)
        except OSError as exc:
            from ucm_check.files.inputs import os_message

            host.plugins[folder] = PluginInfo(folder, folder, "", "file")
            host.fail(folder, "plugins-dir", f"无法读取插件目录：{os_message(exc, '')}")
            continue
        for path in files:
            name = os.path.splitext(os.path.basename(path))[0]
            if name in host.plugins:
                host.plugins.setdefault(path, PluginInfo(path, path, "", "file"))
                host.fail(path, "import", f"插件名 {name} 已被其他插件使用")
            elif wanted(name):
                host.load_file(path)
