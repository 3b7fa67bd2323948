"""The Textual front end of ucm-check (``ucm-check tui``).

Kept free of imports: ``import ucm_check.tui`` must not load Textual, so the headless commands stay fast.
"""
