"""Chongqing's 38 district and county units (plus the three development zones) and the
Sichuan partner places, and a tagger that decides which of them an article is *about*.

A place counts when it is in the headline or a subhead, leads a news brief, is the acting
organisation or the place of the event in the lead sentence, or is named more than once; one
passing mention (a company's address, a place in a list) does not make an article about it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str  # the official name shown on the site
    slug: str
    forms: tuple[str, ...]  # every spelling that always means this place
    short: str | None = None  # a short form that is also an ordinary word (长寿 = longevity)


def _d(name: str, slug: str, *forms: str, short: str | None = None) -> Place:
    return Place(name, slug, (name, *forms), short)


DISTRICTS: tuple[Place, ...] = (
    _d("渝中区", "yuzhong", "渝中"),
    _d("大渡口区", "dadukou", "大渡口"),
    _d("江北区", "jiangbei", short="江北"),
    _d("沙坪坝区", "shapingba", "沙坪坝"),
    _d("九龙坡区", "jiulongpo", "九龙坡"),
    _d("南岸区", "nanan", short="南岸"),
    _d("北碚区", "beibei", "北碚"),
    _d("渝北区", "yubei", "渝北"),
    _d("巴南区", "banan", "巴南"),
    _d("万州区", "wanzhou", "万州"),
    _d("黔江区", "qianjiang", "黔江"),
    _d("涪陵区", "fuling", "涪陵"),
    _d("綦江区", "qijiang", "綦江"),
    _d("大足区", "dazu", short="大足"),
    _d("长寿区", "changshou", short="长寿"),
    _d("江津区", "jiangjin", "江津"),
    _d("合川区", "hechuan", "合川"),
    _d("永川区", "yongchuan", "永川"),
    _d("南川区", "nanchuan", "南川"),
    _d("璧山区", "bishan", "璧山"),
    _d("铜梁区", "tongliang", "铜梁"),
    _d("潼南区", "tongnan", "潼南"),
    _d("荣昌区", "rongchang", "荣昌"),
    _d("开州区", "kaizhou", "开州"),
    _d("梁平区", "liangping", "梁平"),
    _d("武隆区", "wulong", "武隆"),
    _d("城口县", "chengkou", "城口"),
    _d("丰都县", "fengdu", "丰都"),
    _d("垫江县", "dianjiang", "垫江"),
    _d("忠县", "zhongxian"),
    _d("云阳县", "yunyang", "云阳"),
    _d("奉节县", "fengjie", "奉节"),
    _d("巫山县", "wushan", short="巫山"),
    _d("巫溪县", "wuxi", "巫溪"),
    _d("石柱土家族自治县", "shizhu", "石柱县", short="石柱"),
    _d("秀山土家族苗族自治县", "xiushan", "秀山县", short="秀山"),
    _d("酉阳土家族苗族自治县", "youyang", "酉阳县", "酉阳"),
    _d("彭水苗族土家族自治县", "pengshui", "彭水县", "彭水"),
    _d("两江新区", "liangjiang"),
    _d("重庆高新区", "gaoxin", "高新区", "西部科学城重庆高新区"),
    _d("万盛经开区", "wansheng", "万盛经济技术开发区", "万盛"),
)

# Sichuan places that appear as partners of Chengdu-Chongqing cooperation; kept apart.
PARTNERS: tuple[Place, ...] = tuple(
    _d(name, slug, *forms)
    for name, slug, forms in (
        ("四川", "sichuan", ("四川省",)),
        ("成都", "chengdu", ("成都市",)),
        ("广安", "guangan", ("广安市",)),
        ("绵阳", "mianyang", ("绵阳市",)),
        ("德阳", "deyang", ("德阳市",)),
        ("遂宁", "suining", ("遂宁市",)),
        ("内江", "neijiang", ("内江市",)),
        ("泸州", "luzhou", ("泸州市",)),
        ("达州", "dazhou", ("达州市",)),
        ("南充", "nanchong", ("南充市",)),
        ("宜宾", "yibin", ("宜宾市",)),
        ("资阳", "ziyang", ("资阳市",)),
        ("眉山", "meishan", ("眉山市",)),
        ("乐山", "leshan", ("乐山市",)),
        ("广元", "guangyuan", ("广元市",)),
        ("巴中", "bazhong", ("巴中市",)),
    )
)

# Scores: where a name appears says how much the article is about the place.
HEADLINE_WEIGHT = 5
SUBHEAD_WEIGHT = 3
BRIEF_LEAD_WEIGHT = 3
BRIEF_LEAD_CHARS = 16
THRESHOLD = 2  # named twice, or once in a headline, subhead or brief lead


@dataclass(frozen=True)
class _Gazetteer:
    """What _count and _ranked need to know about a list of places, made once."""

    regex: re.Pattern[str]  # every form, the longest first
    forms: dict[str, Place]
    with_short: tuple[Place, ...]  # the places with an ambiguous short form
    position: dict[str, int]  # name -> index in the list (it breaks ties)


def _gazetteer(places: tuple[Place, ...]) -> _Gazetteer:
    by_form = {form: place for place in places for form in place.forms}
    alternation = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    return _Gazetteer(
        re.compile(alternation),
        by_form,
        tuple(p for p in places if p.short),
        {p.name: i for i, p in enumerate(places)},
    )


_DISTRICT_GAZETTEER = _gazetteer(DISTRICTS)
_PARTNER_GAZETTEER = _gazetteer(PARTNERS)
_BY_NAME = {p.name: p for p in (*DISTRICTS, *PARTNERS)}


def place(name: str) -> Place | None:
    return _BY_NAME.get(name)


@dataclass(frozen=True)
class TextPart:
    """A piece of an article with its role: headline, subhead, brief or body."""

    role: str
    text: str


def _count(parts: list[TextPart], gazetteer: _Gazetteer) -> Counter[str]:
    regex, forms = gazetteer.regex, gazetteer.forms
    scores: Counter[str] = Counter()
    full_text = "".join(p.text for p in parts)
    # Half the articles name no partner: nothing to count when no form is in the text at all (a
    # short form counts only beside its full name, which is one of the forms).
    if not regex.search(full_text):
        return scores
    # An ambiguous short form (长寿, 江北) counts only where the full name also appears.
    shorts = {p.short: p for p in gazetteer.with_short if p.name in full_text}
    short_re = (
        re.compile("|".join(re.escape(s) for s in sorted(shorts, key=len, reverse=True)))
        if shorts
        else None
    )
    for part in parts:
        matches = list(regex.finditer(part.text))
        hits = [forms[m.group(0)] for m in matches]
        if short_re:
            seen_spans = [m.span() for m in matches]
            for m in short_re.finditer(part.text):
                if not any(a <= m.start() < b for a, b in seen_spans):
                    hits.append(shorts[m.group(0)])
        for hit in hits:
            scores[hit.name] += 1
        if part.role in ("headline", "subhead"):
            weight = HEADLINE_WEIGHT if part.role == "headline" else SUBHEAD_WEIGHT
            for name in {hit.name for hit in hits}:
                scores[name] += weight
        if part.role == "lead" and gazetteer is _DISTRICT_GAZETTEER:
            for name in lead_places(part.text):
                scores[name] += LEAD_WEIGHT
        if part.role == "brief":
            for m in regex.finditer(part.text[:BRIEF_LEAD_CHARS]):
                scores[forms[m.group(0)].name] += BRIEF_LEAD_WEIGHT
    return scores


def _ranked(scores: Counter[str], gazetteer: _Gazetteer) -> list[str]:
    chosen = [name for name, score in scores.items() if score >= THRESHOLD]
    return sorted(chosen, key=lambda n: (-scores[n], gazetteer.position[n]))


_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n]+")


def _clause_hits(text: str, skip_lists: bool) -> Iterator[tuple[str, list[tuple[int, str]]]]:
    """Each clause of the text with the (start, official name) of the districts it names by
    one of their unambiguous forms. skip_lists: leave out a clause that lists districts
    (走进江北区…、沙坪坝区…、江津区…等地): several of them between 、 marks."""
    forms, regex = _DISTRICT_GAZETTEER.forms, _DISTRICT_GAZETTEER.regex
    for match in _CLAUSE.finditer(text):
        clause = match.group(0).strip()
        hits = [(m.start(), forms[m.group(0)].name) for m in regex.finditer(clause)]
        if skip_lists and "、" in clause and len({name for _, name in hits}) > 1:
            continue  # a list of places: a passing mention
        yield clause, hits


def named_places(text: str, skip_lists: bool = False) -> list[str]:
    """The districts a text names, in order, each once (skip_lists: not those in a list)."""
    found: list[str] = []
    for _clause, hits in _clause_hits(text, skip_lists):
        found += [name for _, name in hits if name not in found]
    return found


# The lead sentence names the acting organisation (璧山区总工会组织…), the place of the event
# (走进大足区…, 在綦江区…举行) or where it happens (江北区一处工地上…): a district opening one
# of its clauses, or after a verb of place, makes the story about that district.
_PLACE_VERBS = ("走进", "来到", "深入", "前往", "赴", "在", "于", "落户", "走访", "位于")
LEAD_WEIGHT = THRESHOLD


def lead_places(sentence: str) -> list[str]:
    """Districts a story's lead sentence names as its actor or as the place of its event."""
    found: list[str] = []
    for clause, hits in _clause_hits(sentence, skip_lists=True):
        for start, name in hits:
            if (start == 0 or clause[:start].endswith(_PLACE_VERBS)) and name not in found:
                found.append(name)
    return found


def districts_about(parts: list[TextPart]) -> list[str]:
    """Official names of the Chongqing districts the article is about, strongest first."""
    return _ranked(_count(parts, _DISTRICT_GAZETTEER), _DISTRICT_GAZETTEER)


def partners_about(parts: list[TextPart]) -> list[str]:
    """Sichuan partner places the article is about (kept apart from the districts)."""
    return _ranked(_count(parts, _PARTNER_GAZETTEER), _PARTNER_GAZETTEER)
