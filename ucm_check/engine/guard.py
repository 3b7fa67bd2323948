"""Running plugin code guarded: whatever escapes it is the plugin's failure, and it cannot write to stdout.

Plugin code runs when a plugin is imported, when a hook is called and when a rule's shape is
evaluated. There, ``SystemExit`` (a ``sys.exit(0)`` would end the run with exit 0 and half a
report), ``GeneratorExit`` and a ``KeyboardInterrupt`` the plugin raised itself are failures of that
plugin like any exception: recorded by name and hook, exit 3. A real Ctrl-C (SIGINT, noticed by
the handler :func:`install_sigint` installs) still stops the run. While plugin code runs,
``sys.stdout`` is stderr, so a ``print()`` cannot corrupt a JSON or SARIF report on stdout.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from typing import Any, Iterator

_interrupted = False


def _on_sigint(signum: int, frame: Any) -> None:
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def install_sigint() -> None:
    """Note real Ctrl-C presses, so that a ``KeyboardInterrupt`` a plugin raises is told apart."""
    global _interrupted
    _interrupted = False
    with contextlib.suppress(ValueError):  # not the main thread: leave the handler alone
        signal.signal(signal.SIGINT, _on_sigint)


def is_plugin_failure(exc: BaseException) -> bool:
    """True when ``exc``, raised inside plugin code, is that plugin's failure rather than the user
    stopping the run: every exception, ``SystemExit``, ``GeneratorExit``, and a
    ``KeyboardInterrupt`` without a Ctrl-C behind it."""
    if isinstance(exc, KeyboardInterrupt):
        return not _interrupted
    return True


@contextlib.contextmanager
def plugin_code() -> Iterator[None]:
    """Run the body with ``sys.stdout`` pointing at stderr (reports keep stdout to themselves)."""
    saved = sys.stdout
    sys.stdout = sys.stderr
    try:
        yield
    finally:
        if sys.stdout is sys.stderr:
            sys.stdout = saved
        else:  # the plugin replaced sys.stdout itself: put ours back all the same
            sys.stdout = saved
