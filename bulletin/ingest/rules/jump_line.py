from __future__ import annotations

import re

from ..model import Element, Kind
from .base import Context, Line

# （下转第3版） ends the first part of a story continued on another page; （上接第1版) opens
# the continuation. Printed in brackets, sometimes with 第 or 版 missing.
JUMP = re.compile(r"[（(]\s*(下转|转|上接|接)第?\s*([0-9一二三四五六七八九十]+)\s*版\s*[）)]")
_WHOLE = re.compile(rf"^{JUMP.pattern}$")


def jump_direction(text: str) -> str | None:
    """'to' for 下转, 'from' for 上接, None when the text is no jump line."""
    match = _WHOLE.match(text.strip())
    if not match:
        return None
    return "to" if match.group(1) in ("下转", "转") else "from"


def jump_line(line: Line, context: Context) -> Element | None:
    """A continuation line (下转第3版 / 上接第1版): kept out of the text; the story's parts
    are joined across it (structure)."""
    return line.element(Kind.JUMP) if jump_direction(line.plain) else None
