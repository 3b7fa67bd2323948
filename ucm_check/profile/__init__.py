"""The profile: reading and checking a unit's TOML profile, its template and schema, tailoring files,
the ``[evidence]`` and ``[report]`` tables, and editing the file in place.

:mod:`ucm_check.profile.reading` reads a profile; :mod:`ucm_check.profile.checking` reads and scores one
with a plugin host, the path every front end shares.
"""
