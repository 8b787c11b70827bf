"""Bylines and photo credits as Chinese newspapers print them.

A credit names writers (记者 张三, 本报记者 张三 李四, 通讯员 王五, 张三 文, 文/张三) and
photographers (张三 摄, 张三 摄影, 图/张三, 图片由X提供); 文/图 credits one person with both.
It stands on a line of its own at the start or end of a story, opens the first paragraph as a
dateline (本报讯（记者 张三）近日，…) or closes the last one in brackets (…。（张三）).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WRITER, PHOTO, BOTH = "writer", "photo", "both"
# Role words before the names they credit (记者 张三) ...
_PREFIX_ROLES = {
    "本报记者": WRITER,
    "见习记者": WRITER,
    "特约记者": WRITER,
    "记者": WRITER,
    "本报通讯员": WRITER,
    "本报实习生": WRITER,
    "实习记者": WRITER,
    "实习生": WRITER,
    "摄影记者": PHOTO,
    "特约通讯员": WRITER,
    "通讯员": WRITER,
    "撰文": WRITER,
    "采写": WRITER,
    "文字": WRITER,
    "文": WRITER,
    "摄影": PHOTO,
    "图片": PHOTO,
    "图": PHOTO,
    "文图": BOTH,
}
# What was done (words, pictures), as against a job title (记者, 通讯员).
_FUNCTIONS = frozenset({"文", "图", "图片", "摄影", "文图", "撰文", "文字"})
# ... and after them (张三 摄).
_SUFFIX_ROLES = {
    "摄影": PHOTO,
    "摄": PHOTO,
    "图": PHOTO,
    "供图": PHOTO,
    "报道": WRITER,
    "文": WRITER,
    "文图": BOTH,
    "摄影报道": BOTH,  # reported and photographed
    "图文报道": BOTH,
}
_GLUED_PREFIX = re.compile(
    r"^(本报记者|见习记者|特约记者|摄影记者|实习记者|记者|本报通讯员|特约通讯员|通讯员|本报实习生|实习生|摄影)"
)
_GLUED_SUFFIX = re.compile(r"(摄影|摄|报道)$")
_PROVIDED = re.compile(r"[（(]?(?:图片|照片|图)由([^。，；]{2,24}?)提供[）)]?")
_CONTRIBUTED = re.compile(r"^[（(]?([^。，；（）()]{2,24}?)供稿[）)]?$")  # (北碚区总工会供稿)
_BOTH_MARK = re.compile(r"文\s*[/／]\s*图|图\s*[/／]\s*文|图文")
_SEPARATORS = re.compile(r"[\s、，,/／:：|｜]+")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,3}$")  # names with no role word are 2-3 long
_LEADING_MARKS = "■□●◆▲★☆-—– "
# 本报讯 opens a paragraph as its dateline, with or without the names in brackets, or with
# them after it (本报讯 记者张敏报道：).
_DATELINE = re.compile(
    r"^(?:本报讯|本刊讯)\s*(?:[（(]([^）)]{1,40})[）)]"
    r"|((?:本报)?(?:记者|通讯员|实习生)[^：:，。（）()]{1,24}?)(?:报道)?(?=[:：]))?\s*[:：]?\s*"
)
# (张三) or (记者 张三 通讯员 李四) closing a paragraph.
_TRAILING = re.compile(r"(?<=[。！？”」])\s*[（(]([^（）()]{2,30})[）)]\s*$")
# 张三 摄 closing a caption line.
_TRAILING_PHOTO = re.compile(r"\s+((?:[\u4e00-\u9fff·]{2,4}\s+){1,3})(摄影|摄)$")
CREDIT_MAX_CHARS = 48


@dataclass(frozen=True)
class Credit:
    writers: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.writers or self.photographers)

    def __add__(self, other: Credit) -> Credit:
        return Credit(
            _unique(self.writers + other.writers), _unique(self.photographers + other.photographers)
        )


def _unique(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _tokens(text: str) -> list[str]:
    text = _BOTH_MARK.sub(" 文图 ", text)
    tokens: list[str] = []
    for raw in _SEPARATORS.split(text):
        if not raw:
            continue
        if raw in _PREFIX_ROLES or raw in _SUFFIX_ROLES:
            tokens.append(raw)
            continue
        glued = _GLUED_PREFIX.match(raw)
        if glued and len(raw) > len(glued.group(1)) + 1:  # 记者张三
            tokens += [glued.group(1), raw[glued.end() :]]
            continue
        glued = _GLUED_SUFFIX.search(raw)
        if glued and glued.start() >= 2:  # 张三摄
            tokens += [raw[: glued.start()], glued.group(1)]
            continue
        tokens.append(raw)
    return tokens


def parse_credit(text: str, names_only: bool = False) -> Credit | None:
    """The credit a line (or bracket) holds, or None when it is not purely a credit.

    names_only: a bare list of names counts as writers (as under 本报讯 or in closing brackets);
    otherwise a line of names alone needs two or more names to count (陶永国 潘锋).
    """
    text = text.replace("**", "").strip().strip(_LEADING_MARKS).strip("（）()【】[] ")
    if not text or len(text) > CREDIT_MAX_CHARS:
        return None
    contributed = _CONTRIBUTED.match(text)
    if contributed and _tokens(contributed.group(1))[0] not in _PREFIX_ROLES:
        return Credit((contributed.group(1).strip(),), ())
    providers = tuple(m.group(1).strip() for m in _PROVIDED.finditer(text))
    text = _PROVIDED.sub(" ", text)
    writers: list[str] = []
    photos: list[str] = list(providers)
    pending: list[str] = []
    role: str | None = None
    saw_role = bool(providers)

    def credit(names: list[str], kind: str | None) -> None:
        if kind in (WRITER, BOTH, None):
            writers.extend(names)
        if kind in (PHOTO, BOTH):
            photos.extend(names)

    tokens = _tokens(text)
    function = False  # the role in force was named by what was done (文, 图), not a job title
    for index, token in enumerate(tokens):
        # 张三 摄: a role after names credits them; so does 文/图 closing 本报记者 张三 文/图
        closing = not any(_NAME.match(t) and t not in _SUFFIX_ROLES for t in tokens[index + 1 :])
        suffix = role is None or token not in _PREFIX_ROLES or closing
        if token in _SUFFIX_ROLES and pending and suffix:
            credit(pending, _SUFFIX_ROLES[token])  # 张三 摄
            pending, role, saw_role = [], None, True
        elif token in _PREFIX_ROLES:
            if not pending and function and token not in _FUNCTIONS:
                continue  # 图/通讯员 许波: the job title does not undo the function (图)
            credit(pending, role)
            pending, role, saw_role = [], _PREFIX_ROLES[token], True
            function = token in _FUNCTIONS
        elif _NAME.match(token):
            pending.append(token)
        else:
            return None  # a word that is neither a role nor a name: not a credit
    if pending and role is None and not saw_role:
        if not all(_BARE_NAME.match(name) for name in pending):
            return None
        if not names_only and len(pending) < 2:
            return None
    credit(pending, role)
    found = Credit(_unique(tuple(writers)), _unique(tuple(photos)))
    return found if found or (saw_role and not pending and providers) else None


def credit_of(text: str) -> Credit | None:
    """The credit of a line that is only a credit: a byline, a photo credit or a dateline
    standing alone (本报讯, 本报讯（记者 张三）)."""
    text = text.replace("**", "").strip()
    match = _DATELINE.match(text)
    if match and match.end() == len(text):
        inner = match.group(1) or match.group(2)
        return parse_credit(inner, names_only=True) if inner else Credit()
    bracketed = text.startswith(("（", "(")) and text.endswith(("）", ")"))
    return parse_credit(text, names_only=bracketed)  # (张三) closing a story


def split_dateline(text: str) -> tuple[str, Credit, str] | None:
    """本报讯（记者 张三）近日，… -> ('本报讯（记者 张三）', credit, '近日，…'), else None."""
    match = _DATELINE.match(text)
    if not match or match.end() >= len(text):
        return None
    inner = match.group(1) or match.group(2)
    found = parse_credit(inner, names_only=True) if inner else Credit()
    if inner and found is None:
        return None
    return text[: match.end()].strip(), found or Credit(), text[match.end() :]


def split_trailing_credit(text: str) -> tuple[str, Credit, str] | None:
    """…。（张三） or a caption's …现场 张三 摄 -> (text, credit, the credit as printed)."""
    match = _TRAILING.search(text)
    if match:
        found = parse_credit(match.group(1), names_only=True)
        if found:
            return text[: match.start()].rstrip(), found, match.group(0).strip()
    match = _TRAILING_PHOTO.search(text)
    if match and len(text[: match.start()].strip()) >= 6:
        found = parse_credit(match.group(0))
        if found:
            return text[: match.start()].rstrip(), found, match.group(0).strip()
    return None
