"""Keys typed quickly reach the widget they were typed for, in order, and none is lost.

Textual forwards each key to the widget focused *when the app reads it*. A clerk typing ahead
(enter to open an area, tab, 2) outruns the screen: the tab is forwarded before the new screen is
mounted and focused, and is lost; the 2 lands in the question that had the focus a moment ago.
:class:`TypeAhead` lets one key through at a time: the next waits until the previous one has been
handled by its widget, the active screen is mounted and no focus change or callback is pending.
"""

from __future__ import annotations

from collections import deque

from textual import events

#: Checks in a row (each one turn of the app's message loop) before waiting a tick between checks.
_SPINS = 200
_TICK = 0.01


class TypeAhead:
    """The app's key queue: :meth:`hold` decides whether a key must wait its turn."""

    def __init__(self, app) -> None:
        self.app = app
        self.held: deque[events.Key] = deque()
        self.busy = False
        self._releasing: events.Key | None = None
        self._target = None
        self._spins = 0
        self._scheduled = False

    async def hold(self, event: events.Key) -> bool:
        """True when ``event`` was queued (the app must not handle it now); False to handle it now."""
        if event is self._releasing:
            return False
        self.held.append(event)
        await self.pump()
        return True

    def settled(self) -> bool:
        """Whether the last key's effects are done: screen mounted, no message waiting anywhere on it."""
        app = self.app
        screen = app.screen
        target = self._target
        if self.busy and target is not None and (target._closing or target._closed or not target.is_attached):
            self.busy = False  # the key closed its own widget (escape on a dialog): nothing more will come
        if self.busy or not screen.is_mounted:
            return False
        try:  # Textual's own queues: if their shape ever changes, keys go through unheld rather than stall
            pending = list(app._message_queue.values)
            if any(not isinstance(m, events.Key) for m in pending):
                return False  # e.g. a deferred focus (Widget.focus runs later through the app's queue)
            return all(node._message_queue.empty() for node in screen.walk_children(with_self=True))
        except AttributeError:
            return True

    async def pump(self) -> None:
        """Release the next held key when the app has settled, or look again shortly."""
        self._scheduled = False
        if not self.held:
            return
        if not self.settled():
            self._again()
            return
        self._spins = 0
        key = self.held.popleft()
        self._target = target = self.app.focused or self.app.screen
        self.busy, self._releasing = True, key
        try:
            await self.app.on_event(key)
        finally:
            self._releasing = None
            target.call_later(self._done)  # runs once the target has handled the key
            if self.held:
                self._again()

    def _done(self) -> None:
        self.busy = False

    def _again(self) -> None:
        if self._scheduled:
            return
        self._scheduled = True
        self._spins += 1
        if self._spins < _SPINS:
            self.app.call_later(self.pump)
        else:
            self.app.set_timer(_TICK, self.pump)
