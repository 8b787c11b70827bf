"""The line recognisers, in the order they are tried: the first rule that accepts a line
types it. Each rule is a small function in a module of its own whose docstring names the
newspaper convention it accepts (the way markdown-it-py lists its block rules)."""

from __future__ import annotations

from .bare_heading import bare_heading
from .bare_mark import bare_mark
from .base import Context, Line, Rule
from .bullet import bullet
from .column_label import column_label
from .credit_line import credit_line
from .dash_subtitle import dash_subtitle
from .jump_line import jump_line
from .kicker_line import kicker_line
from .lede_point import lede_point
from .marked_heading import marked_subhead, marked_title
from .masthead_line import masthead_line
from .numbered_heading import numbered_heading
from .print_only import print_only
from .sentence import sentence
from .table_row import table_row

RULES: tuple[tuple[str, Rule], ...] = (
    ("bare-mark", bare_mark),
    ("masthead", masthead_line),
    ("print-only", print_only),
    ("jump-line", jump_line),
    ("column-label", column_label),
    ("table-row", table_row),  # before credits: a header row can read as names
    ("credit-line", credit_line),
    ("bullet", bullet),
    ("lede-point", lede_point),
    ("dash-subtitle", dash_subtitle),
    ("numbered-heading", numbered_heading),
    ("marked-subhead", marked_subhead),
    ("marked-title", marked_title),
    ("kicker-line", kicker_line),
    ("sentence", sentence),
    ("bare-heading", bare_heading),  # takes every line the rules above declined
)

__all__ = ["RULES", "Context", "Line", "Rule"]
