"""ucm-check: compliance self-check for urban-management law-enforcement teams (城市管理执法队伍)."""

__version__ = "0.1.0"

#: The packs this distribution ships and registers before any installed plugin: each package lists its
#: plugin modules in ``PLUGINS``. The one place the core names a province's pack.
BUILTIN_PACKS: tuple[str, ...] = ("ucm_check_hunan2020",)
