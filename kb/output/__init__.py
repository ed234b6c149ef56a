"""The output layer: one renderer for every command, apart from the core.

* :mod:`~kb.output.report`: :class:`Report` and :class:`Column`, what a
  command hands over;
* :mod:`~kb.output.columns`: which columns each kind of result shows;
* :mod:`~kb.output.emit`: choosing the format, writing the report;
* :mod:`~kb.output.plain`: TSV, CSV, JSON and JSON Lines;
* :mod:`~kb.output.terminal`: tables and panels with rich, on a terminal.
"""

from .emit import FORMATS, OutputOptions, emit
from .report import ChartReport, Column, ProfileReport, RecordReport, Report, StatsReport

__all__ = ["FORMATS", "ChartReport", "Column", "OutputOptions", "ProfileReport", "RecordReport", "Report",
           "StatsReport", "emit"]
