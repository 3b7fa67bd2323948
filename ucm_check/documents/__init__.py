"""The documents a bureau files upward, as Word files laid out to GB/T 9704-2012 (党政机关公文格式).

- :mod:`~ucm_check.documents.layout` — page, grid, fonts, styles and page numbers of the standard;
- :mod:`~ucm_check.profile.report_table` — the optional ``[report]`` table of a profile (texts a bureau
  writes in its own words, 主送机关, 发文字号 ...);
- :mod:`~ucm_check.documents.report` — the 自评报告 built from a scored profile and its plan;
- :mod:`~ucm_check.documents.letters` — one 责任书 per unit of the plan;
- :mod:`~ucm_check.documents.names` — long unit names broken after an organ's name (版头, title, 署名);
- :mod:`~ucm_check.documents.house` — our own Word package: zh-CN tags, fonts, styles, metadata;
- :mod:`~ucm_check.documents.clean` — characters a Word file cannot hold, dropped with a warning.

Headless: nothing here imports Textual. python-docx is imported only by the modules that write.
"""
