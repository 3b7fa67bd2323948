"""Entry point of the frozen program (PyInstaller): the same ``main`` as the ``ucm-check`` script."""

from ucm_check.cli import main

raise SystemExit(main())
