"""People's names in Simplified text, so the Traditional editions print surnames as surnames.

OpenCC converts 余 to 餘, 范 to 範 and 于 to 於 wherever no phrase says otherwise, so 余敏师傅
becomes 餘敏師傅. A name is found three ways:
- known: the ingest's credits (Authors, Photographers) and the names in a text's own credit
  lines (`记者 范文华`, `范文华 摄`, a byline of names separated by spaces);
- titled: a surname and one or two characters next to a role or title (主席范文华, 余师傅,
  涂建国师傅, 职工余小红) or before a speech verb (余敏表示, 范文华介绍);
- listed: names joined by 、 to a name found so (职工文也、涂艳).
A name found in a text is looked for everywhere else in the same text too.
Words that only look like names stay words: a surname that ends a word (其余, 关于, 示范) or
starts one of NOT_NAMES (余下, 范围, 于是, 钟表) is no name.

What the converter does with a name: the surname takes its form from SURNAME_FORMS (or OpenCC's
single-character form where the table has none), the given name is converted on its own, so
no phrase reaches into or out of the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Surnames whose Traditional form is not OpenCC's first choice for the character alone (余 ->
# 餘, 范 -> 範, 朴 -> 樸, 岳 -> 嶽, 游 -> 遊, 郁 -> 鬱, 党 -> 黨 ...) or that must not follow a
# phrase (钟 -> 鐘 in 钟表). Both Traditional editions write surnames alike.
SURNAME_FORMS = {
    "余": "余",
    "范": "范",
    "于": "于",
    "涂": "涂",
    "姜": "姜",
    "沈": "沈",
    "谷": "谷",
    "朴": "朴",
    "钟": "鍾",
    "锺": "鍾",
    "叶": "葉",
    "萧": "蕭",
    "冯": "馮",
    "岳": "岳",
    "游": "游",
    "郁": "郁",
    "党": "党",
    "肖": "肖",
    "曲": "曲",
    "卜": "卜",
    "仇": "仇",
    "丑": "丑",
    "种": "种",
    "闫": "閆",
    "云": "雲",
    "万": "萬",
    "佘": "佘",
    "占": "占",
}
# Common single-character surnames (the first few hundred by frequency); compound ones below.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔汤涂谷朴常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申"
    "欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴"
    "蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
    "卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟"
    "邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
    "帅屠豆朗练向萧锺"
)
COMPOUND_SURNAMES = {"欧阳": "歐陽", "司马": "司馬", "诸葛": "諸葛", "上官": "上官", "东方": "東方"}
COMPOUND_SURNAMES |= {
    "司徒": "司徒",
    "夏侯": "夏侯",
    "皇甫": "皇甫",
    "慕容": "慕容",
    "令狐": "令狐",
}

# Titles that follow a name (范文华主席, 余师傅, 余敏同志) or a bare surname (余主任).
TITLES_AFTER = _split(
    "副主席 主席 副书记 书记 副主任 主任 副局长 局长 总经理 副经理 经理 师傅 先生 女士 同志 "
    "老师 大姐 阿姨 大哥 大爷 大妈 厂长 院长 校长 队长 组长 班长 部长 处长 科长 所长 站长 "
    "县长 区长 市长 镇长 村长 董事长 总监 工程师 技师 医生 教授 主管 会长 社长 馆长 店长"
)
# Roles and titles that come before a name (区总工会主席范文华, 记者余敏, 职工涂艳).
ROLES_BEFORE = (
    *TITLES_AFTER,
    *_split(
        "记者 通讯员 劳模 职工 工人 工匠 会员 代表 委员 骑手 司机 快递员 外卖员 农民工 环卫工 "
        "护士 教师 律师 志愿者 党员 队员 技术员 讲解员 网约车司机 货车司机"
    ),
)
# Verbs of speech after a name (余敏表示, 范文华介绍); 发表 for 发表了讲话.
SPEECH_VERBS = _split(
    "告诉记者 介绍 表示 说 告诉 指出 认为 坦言 感慨 回忆 强调 谈到 提到 透露 称 笑着说 发表 "
    "讲述 解释 建议 呼吁"
)
# Credit markers: 记者 范文华 / 通讯员 余敏 before names, 摄 / 供图 after them.
CREDIT_BEFORE = ("记者", "通讯员", "摄影", "文", "图", "文/图", "文／图", "责任编辑", "编辑")
CREDIT_AFTER = ("摄影", "摄", "供图", "报道")
# Words that start with a surname character and are no name (and rarely precede a title).
NOT_NAMES = frozenset(
    _split(
        "于是 于今 于此 于心 于理 余下 余额 余热 余地 余生 余震 余波 余款 余粮 余温 余晖 余音 "
        "范围 范畴 范本 范例 范式 钟表 钟点 钟声 钟头 钟情 钟爱 叶子 叶片 谷物 谷底 谷歌 "
        "涂料 涂抹 涂鸦 涂装 涂层 朴素 朴实 干部 干活 干净 干事 干货 后来 后面 后续 后期 后勤 "
        "党员 党委 党建 党组 党支部 万元 万人 万名 万户 万家 万余 华表 华人 华为 区域 区县 单位 "
        "单身 种植 种子 曲艺 发表 发言 发展 高度 高兴 高级 高管 向前 向着 和谐 和平 文化 文明 "
        "文件 文艺 文字 明确 明显 明天 全体 全国 全市 全区 全面 应急 应该 常态 常委 关于 关心 "
        "关注 关键 司机 师傅 时间 时候 安全 成员 成立 成功 成都 金额 石油 马上 周末 周年 龙头 "
        "夏季 秦岭 江北 南岸 南川 黄金 白天 方面 方式 方案 方法 东方 上官 任务 任何 于细 "
        "车间 车辆 项目 连续 景区 席位 卫生 米饭 宗旨 边境 师范 商户 商家 沙龙 荣誉 花园 权益 "
        "强化 帅气 海关 楼宇 满意 简单 解决 管理 管道 乐于 乐意 包括 符合 钱包 严格 严重 武装"
    )
)
# Surnames that are also everyday prepositions or verbs (职工于近日获得, 职工游巴蜀活动): after a
# role, such a name must be followed by punctuation, a list mark, a title or a speech verb.
WORDLIKE_SURNAMES = frozenset("于游党谷向和时关万全应成明高文方安常海强师华连")
# Characters that cannot end a two-character given name here: they start the next word.
_STOPS = frozenset("的了在和与及是也都对为向将把被从到给跟同等说讲谈称带领率还就又已正曾要会所")
_CJK = re.compile(r"[\u3400-\u9fff]")
_SEPARATORS = " \u3000"


# The segmenter's words with their parts of speech (jieba's tags: "nr" a person's name).
Tagger = Callable[[str], list[tuple[str, str]]]
PERSON = "nr"


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    surname: int  # characters of the surname: 1, or 2 for 欧阳
    how: str  # "known", "credit", "title", "speech" or "listed"

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


_AFTER = re.compile(f"(?:{_alternation(TITLES_AFTER)})")
_VERB = re.compile(f"(?:{_alternation(SPEECH_VERBS)})")
_BEFORE = re.compile(f"(?:{_alternation(ROLES_BEFORE)})")
_SURNAME_STARTS = "".join(sorted(SURNAMES | {surname[0] for surname in COMPOUND_SURNAMES}))
# A role followed by what may start a name (most roles in a text are followed by none).
_BEFORE_NAME = re.compile(f"{_BEFORE.pattern}(?=[{_SEPARATORS}]*[{_SURNAME_STARTS}])")
# One pass finds every place worth a closer look; most texts have a few.
_TRIGGER = re.compile(
    f"{_BEFORE.pattern}|{_VERB.pattern}|[{''.join(sorted(SURNAMES))}]"
    f"[\u3400-\u9fff]{{1,2}}[{_SEPARATORS}]+(?:{_alternation(CREDIT_AFTER)})"
)
_CREDIT_RUN = re.compile(
    f"(?:^|(?<=[\\s：:]))((?:{_alternation(CREDIT_BEFORE)})[\\s：:]*)?"
    f"([\u3400-\u9fff]{{2,4}}(?:[{_SEPARATORS}]+[\u3400-\u9fff]{{2,4}})*)"
    f"(?:[{_SEPARATORS}]*(?:{_alternation(CREDIT_AFTER)})|[{_SEPARATORS}]+图片|$)",
    re.M,
)
# Where a credit run can start: the text's start, after a line end, space or colon.
_CREDIT_STARTS = re.compile(r"[\s：:]")


def credited_names(value: object) -> list[str]:
    """The names of a credit field as the site reads it: "余敏, 范丽", a list of them, or of
    Pelican's Author objects (their `.name`)."""
    items = value if isinstance(value, list | tuple) else [value]
    names = []
    for item in items:
        name = getattr(item, "name", item)
        text = str(getattr(name, "master", None) or name or "")
        names += [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]
    return names


def surname_length(name: str) -> int:
    """1, or 2 for a compound surname (欧阳); 0 when `name` starts with no known surname."""
    if name[:2] in COMPOUND_SURNAMES and len(name) >= 3:
        return 2
    return 1 if name[:1] in SURNAMES else 0


def surname_form(surname: str, convert_char: Callable[[str], str]) -> str:
    """A surname as the Traditional editions print it."""
    if surname in COMPOUND_SURNAMES:
        return COMPOUND_SURNAMES[surname]
    return SURNAME_FORMS.get(surname) or convert_char(surname)


def find_names(
    text: str,
    known: Iterable[str] = (),
    is_word: Callable[[str], bool] = lambda _word: False,
    titled: bool = True,
    credits: bool = True,
    tag: Tagger | None = None,
) -> list[Name]:
    """The names in `text`, in text order, none overlapping.

    `known`: names credited elsewhere (the article's Authors); `is_word`: the segmenter's
    dictionary (a surname that ends a word is no name: 其余); `tag`: the segmenter's words
    and parts of speech, which say where a name after a role ends when nothing else does
    (职工|于丽|负责, not 职工|于|近日); `titled=False` leaves out names found by titles and
    verbs, `credits=False` those in credit lines."""
    found: dict[int, Name] = {}
    names = {name for name in known if len(name) >= 2 and _CJK.match(name)}
    if credits:
        names.update(_credited(text))
    if titled and _TRIGGER.search(text):
        titled_names = _titled(text, is_word, tag)
        _add(found, titled_names)
        _add(found, _listed(text, titled_names, is_word, tag))
        names.update(n.text(text) for n in found.values() if n.end - n.start > n.surname)
    _add(found, _occurrences(text, names))
    return _without_overlaps(found)


def _credited(text: str) -> list[str]:
    """Names in credit lines: `记者 范文华 余敏`, `范文华 摄`, `陶永国 潘锋 图片由…提供`."""
    names = []
    for match in _credit_runs(text):
        tokens = match.group(2).split()
        if not match.group(1) and len(tokens) < 2 and not match.group(0).endswith(CREDIT_AFTER):
            continue  # one word alone on a line is no credit
        for token in tokens:
            if 2 <= len(token) <= 4 and surname_length(token) and token[:2] not in NOT_NAMES:
                names.append(token)
    return names


def _credit_runs(text: str) -> Iterable[re.Match]:
    """_CREDIT_RUN.finditer(text), tried only where a run can start (a few places a line, not
    every character)."""
    end = 0
    for start in (0, *(mark.end() for mark in _CREDIT_STARTS.finditer(text))):
        if start < end:
            continue
        match = _CREDIT_RUN.match(text, start)
        if match:
            yield match
            end = match.end()


def _titled(text: str, is_word: Callable[[str], bool], tag: Tagger | None) -> list[Name]:
    found = []
    for match in _AFTER.finditer(text):
        name = _name_before(text, match.start(), 0, is_word, "title")
        if name:
            found.append(name)
    for match in _VERB.finditer(text):
        name = _name_before(text, match.start(), 1, is_word, "speech")
        if name:
            found.append(name)
    for match in _BEFORE_NAME.finditer(text):
        start = match.end()
        while start < len(text) and text[start] in _SEPARATORS:
            start += 1
        name = _name_from(text, start, is_word, "title", True, tag)
        if name:
            found.append(name)
    return found


def _name_before(
    text: str, end: int, least: int, is_word: Callable[[str], bool], how: str
) -> Name | None:
    """The name ending at `end` (a title or verb follows): surname and `least`..2 characters."""
    for given in (2, 1, 0):
        if given < least:
            break
        start = end - given - 1
        if start < 0 or not _plausible(text, start, end, is_word, role_before=False):
            continue
        if given == 2 and text[start] in _STOPS:
            continue
        if given and _AFTER.match(text, start + 1, end):
            continue  # 范书记说: the title is no given name
        # 向余敏主任: both 向余敏 and 余敏 could be names; the ambiguous surname wins
        if (
            given == 2
            and _plausible(text, start + 1, end, is_word, role_before=False)
            and text[start + 1] in SURNAME_FORMS
            and text[start] not in SURNAME_FORMS
        ):
            continue
        return Name(start, end, 1, how)
    return None


def _name_from(
    text: str,
    start: int,
    is_word: Callable[[str], bool],
    how: str,
    after_role: bool,
    tag: Tagger | None,
) -> Name | None:
    """The name starting at `start` (after a role, or after 、): surname and 1-2 characters.
    Where no mark, title or verb ends it, the segmenter's word there does: 职工于丽负责 is
    于丽 (a word-like surname is a name only so), 职工余丽负责 is 余丽, not 余丽负."""
    surname = surname_length(text[start : start + 3])
    if not surname:
        return None
    first = start + surname
    if first >= len(text) or not _CJK.match(text[first]) or text[first] in _STOPS:
        return None
    end = first + 1
    if _two_character_given(text, first):
        end = first + 2
    if not _plausible(text, start, end, is_word, role_before=after_role):
        return None
    if not _closed(text, end):
        word = _segmented_name(text, start, surname, is_word, tag)
        if word:
            end = min(end, start + word)
        elif text[start] in WORDLIKE_SURNAMES:
            return None
    return Name(start, end, surname, how)


def _segmented_name(
    text: str, start: int, surname: int, is_word: Callable[[str], bool], tag: Tagger | None
) -> int:
    """How long the name at `start` is by the segmenter, or 0 if it sees no name there: the
    surname and one or two characters as one word, a person's name by its tag or a word it
    guessed (于丽|负责, 于海波|带领); not 于|近日, 于是. (于|丽丽|负责 is missed: 丽丽 alone is
    tagged a name, but so is 巴蜀 in 游|巴蜀.)"""
    if tag is None:
        return 0
    word, part = tag(text[start : start + surname + 6])[0]
    if not surname < len(word) <= surname + 2 or word in NOT_NAMES:
        return 0
    if not all(_CJK.match(char) for char in word):
        return 0
    return len(word) if part == PERSON or not is_word(word) else 0


def _closed(text: str, end: int) -> bool:
    """The name ends the phrase: a sentence mark, 、 or 等, a title or a speech verb follows
    (not a closing quote: “百万职工游巴蜀”活动 is no name)."""
    return (
        end >= len(text)
        or text[end] in "，。；：！？,;:!?、等\n \u3000"
        or _starts_title_or_verb(text, end)
    )


def _two_character_given(text: str, first: int) -> bool:
    second = first + 1
    if second >= len(text) or not _CJK.match(text[second]) or text[second] in _STOPS:
        return False
    # 余敏表示, 余敏师傅, 余敏等: the verb or title starts at the second character
    return not (text[second] == "等" or _starts_title_or_verb(text, second))


def _starts_title_or_verb(text: str, position: int) -> bool:
    return bool(_VERB.match(text, position) or _AFTER.match(text, position))


def _plausible(
    text: str, start: int, end: int, is_word: Callable[[str], bool], role_before: bool
) -> bool:
    if not all(_CJK.match(char) for char in text[start:end]):
        return False
    surname = surname_length(text[start:end] if end - start >= 3 else text[start : start + 1])
    if not surname:
        return False
    candidate = text[start:end]
    if candidate[:2] in NOT_NAMES or candidate[:3] in NOT_NAMES or candidate in NOT_NAMES:
        return False
    # a surname that ends a word is part of it (其余, 关于, 防范); after a role the role
    # itself is the word before (职工余敏: 工余 is a word, but 职工 came first)
    return role_before or start == 0 or not is_word(text[start - 1 : start + 1])


def _listed(
    text: str,
    names: list[Name],
    is_word: Callable[[str], bool],
    tag: Tagger | None,
) -> list[Name]:
    """Names joined by 、 to a found name, in both directions (余敏、涂艳师傅; 职工文也、涂艳)."""
    listed = []
    for name in names:
        end = name.end
        while end < len(text) and text[end] == "、":
            following = _name_from(text, end + 1, is_word, "listed", True, tag)
            if following is None:
                break
            listed.append(following)
            end = following.end
        start = name.start
        while start > 0 and text[start - 1] == "、":
            before = next(
                (
                    Name(start - 1 - length, start - 1, 1, "listed")
                    for length in (3, 2)
                    if start - 1 - length >= 0
                    and _plausible(text, start - 1 - length, start - 1, is_word, True)
                    and (start - 1 - length == 0 or not _CJK.match(text[start - 2 - length]))
                ),
                None,
            )
            if before is None:
                break
            listed.append(before)
            start = before.start
    return listed


def _occurrences(text: str, names: set[str]) -> list[Name]:
    found = []
    for name in names:
        surname = surname_length(name) or 1
        start = text.find(name)
        while start >= 0:
            found.append(Name(start, start + len(name), surname, "known"))
            start = text.find(name, start + len(name))
    return found


def _add(found: dict[int, Name], names: Iterable[Name]) -> None:
    for name in names:
        current = found.get(name.start)
        if current is None or name.end > current.end:
            found[name.start] = name


def _without_overlaps(found: dict[int, Name]) -> list[Name]:
    kept: list[Name] = []
    for name in sorted(found.values(), key=lambda n: (n.start, -n.end)):
        if kept and name.start < kept[-1].end:
            continue
        kept.append(name)
    return kept
