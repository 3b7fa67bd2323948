"""``ucm-check serve``: the TUI in a browser on the intranet, guarded.

textual-serve runs one TUI process per browser tab; this package wraps it with what an office
network needs: per-person tokens (:mod:`.users`), an Origin check on ``/ws``, a local page template
(nothing loaded from another host), files confined to the served folder (:mod:`.confine`), a cap on
sessions, an audit log (:mod:`.audit`) and a note of who has which profile open (:mod:`.presence`).
Nothing here imports Textual: the session process imports it (``ucm_check.tui.web``).
"""

#: The server's own files inside the served folder: users, audit log, who has what open.
STATE_DIR = ".ucm-serve"
