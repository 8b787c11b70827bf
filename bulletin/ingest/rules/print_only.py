from __future__ import annotations

import re

from ..model import Element, Kind
from .base import Context, Line

_PRINT_ONLY = re.compile(
    r"^(扫描|扫码|扫一扫|长按|识别)[^。，]{0,14}$|^(详见|更多)?二维码$"
    r"|^(责任编辑|责编|编辑|校对|美编|版式设计|组版)[:：]\s*\S{2,12}$|^[（(]完[）)]$"
    # the page's own label: ■ 头版, 第2版 要闻
    r"|^[■□●◆▲]?\s*(头版|第?[0-9一二三四五六七八九十]{1,2}版)(\s*[·:：]?\s*[\u4e00-\u9fff]{0,6})?$"
)


def print_only(line: Line, context: Context) -> Element | None:
    """Lines that only make sense on paper: 扫描查看名单 beside a QR code, the page's
    production credits (责任编辑：李青) and label (■ 头版, 第2版 要闻), the end mark （完）.
    Dropped and reported."""
    return line.element(Kind.PRINT_ONLY) if _PRINT_ONLY.match(line.plain) else None
