"""The output layer: one renderer for every command, apart from the core.

* :mod:`~kb.output.report`: :class:`Report` and :class:`Column`, what a
  command hands over;
* :mod:`~kb.output.columns`: which columns each kind of result shows;
* :mod:`~kb.output.emit`: choosing the format, writing the report;
* :mod:`~kb.output.plain`: TSV, CSV, JSON and JSON Lines;
* :mod:`~kb.output.terminal`: tables that fit the terminal, panels and bar
  charts with rich, on a terminal;
* :mod:`~kb.output.shape`: ``--sort``, ``--reverse``, ``--limit`` and
  ``--fields``, applied to any listing;
* :mod:`~kb.output.pager`: long output on a terminal through a pager;
* :mod:`~kb.output.ingest_lines`: what ``kb ingest`` says, line by line.
"""

from .emit import FORMATS, OutputOptions, emit
from .report import ChartReport, Column, ProfileReport, RecordReport, Report, StatsReport

__all__ = ["FORMATS", "ChartReport", "Column", "OutputOptions", "ProfileReport", "RecordReport", "Report",
           "StatsReport", "emit"]
