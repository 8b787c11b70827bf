"""Turn the bytes of a raw bulletin file into text, or say clearly why not."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Raw issues arrive as UTF-8 (with or without BOM) or as GB18030/GBK from older Windows tools.
_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    problem: str | None  # a sentence for the editor when text is None


# Control bytes other than tab, LF, FF and CR.
_CONTROLS = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D))


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    # Counted by deleting them in C (bytes.translate), not by a Python loop over every byte.
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls > len(sample) * 0.01


# Anything outside ASCII, CJK, CJK punctuation, full-width forms and the marks bulletins use.
_ODD = re.compile(r"[^\s -~\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’—…·◆◎●■□▲△☆★、\u3400-\u4dbf]")


def _plausible_text(text: str) -> bool:
    """GB18030 maps almost any byte sequence; reject decodes that are mostly oddities."""
    sample = text[:20000]
    return len(_ODD.findall(sample)) <= len(sample) * 0.1


def decode_bytes(data: bytes) -> Decoded:
    """Decode a raw issue; on failure return a problem sentence instead of raising."""
    if not data.strip():
        return Decoded(None, None, "file is empty")
    if _looks_binary(data):
        return Decoded(None, None, "file looks binary (control bytes), not bulletin text")
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            label = "utf-8" if encoding == "utf-8-sig" else encoding
            if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
                label = "utf-8 with BOM"
            return Decoded(text, label, None)
    return Decoded(None, None, "cannot decode as UTF-8 or GB18030")


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF (old Mac exports use bare CR) without keeping the ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
