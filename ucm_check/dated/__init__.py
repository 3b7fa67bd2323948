"""Dates the way Chinese offices count them: reporting periods, working days and schedules.

* :mod:`~ucm_check.dated.periods` — a month, quarter or year as a value, and the record of which
  period each report covers (:class:`~ucm_check.dated.periods.ReportLog`);
* :mod:`~ucm_check.dated.workdays` — China's official working days (holidays and 调休 weekends)
  from the ``chinesecalendar`` package, with an honest fallback for years it does not know;
* :mod:`~ucm_check.dated.schedule` — when a recurring duty falls due ("每年4月", "3月和9月",
  "每季度结束后5个工作日内", "10月底前"), and relative deadlines ("完成后3个月内"), declared as data
  or from the document's own phrase ("每周" and "每天" too);
* :mod:`~ucm_check.dated.bounds` — the one range of dates accepted (1949-01-01 … 2100-12-31) and the
  bounds on counts in schedule phrases.

Nothing here does I/O; the only other module used is :mod:`ucm_check.files.inputs` (to show values as typed).
"""
