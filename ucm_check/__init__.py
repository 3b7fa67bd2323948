"""ucm-check: compliance self-check for urban-management law-enforcement teams (城市管理执法队伍)."""

__version__ = "0.1.0"
