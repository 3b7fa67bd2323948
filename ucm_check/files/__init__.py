"""Files: the guarded reader every input goes through, the words for problems found in them, atomic saving,
zip archives, and text helpers (terminal widths, Markdown escaping, spreadsheet-safe cells).

The lowest layer above the plugin API: it imports nothing else of ucm_check.
"""
