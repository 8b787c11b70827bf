from __future__ import annotations

import re

from ..model import Element, Kind
from .base import Context, Line

_PRINT_ONLY = re.compile(r"^(扫描|扫码|扫一扫|长按|识别)[^。，]{0,14}$|^(详见|更多)?二维码$")


def print_only(line: Line, context: Context) -> Element | None:
    """Lines that only make sense on paper (扫描查看名单 beside a QR code): dropped, reported."""
    return line.element(Kind.PRINT_ONLY) if _PRINT_ONLY.match(line.plain) else None
