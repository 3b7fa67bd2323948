"""Report writers. Each turns :class:`~ucm_check.model.ProfileResult` objects into text on stdout."""
