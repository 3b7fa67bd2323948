"""Files a browser session may touch: only inside the served folder, no ``..``, no links out."""

from __future__ import annotations

import os
from pathlib import Path

from ucm_check.web import STATE_DIR


def inside(root: str | os.PathLike, path: str | os.PathLike) -> bool:
    """True when ``path`` (relative to ``root`` unless absolute), with every link followed, lies in
    ``root`` and not in the server's own state folder. A path that does not exist yet is judged by
    the folder it would be created in."""
    root_real = Path(os.path.realpath(root))
    target = Path(path)
    if not target.is_absolute():
        target = root_real / target
    real = Path(os.path.realpath(target))
    if real != root_real and root_real not in real.parents:
        return False
    return STATE_DIR not in real.relative_to(root_real).parts
