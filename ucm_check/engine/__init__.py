"""The engine: the plugin host and the scoring of one profile against one standard.

Below it lie :mod:`ucm_check.files` (reading and writing files safely) and the plugin API
(:mod:`ucm_check.model`, :mod:`ucm_check.shapes`, :mod:`ucm_check.rulekit`, :mod:`ucm_check.hookspecs`,
:mod:`ucm_check.numbers`, :mod:`ucm_check.dated`). Nothing here reads a profile file or knows a province.
"""
