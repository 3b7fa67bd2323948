"""One module per CLI command: ``add_arguments(parser)`` and ``run(args) -> exit code``.

Modules keep their heavy imports inside ``run`` so that building the parser stays cheap.
"""
