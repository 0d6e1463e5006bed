"""Code PLOVER events from a document: triggers from the lexicon, arguments from actor mentions.

For each lexicon match in a sentence the coder picks

- the **source**: inside a quote, an actor the quoted clause names as its subject, else the
  quote's speaker («وی افزود: ... محکوم کرده» is the speaker's act); outside quotes, the
  sentence's subject (its first actor not governed by a preposition), «دو طرف/طرفین/دو کشور»
  as the two sides of the article's meeting, else the subject carried over from the previous
  sentence;
- the **target**: the actor in the argument slot the lexicon row names (after «با», «از»,
  «علیه», «به», before «را», or the ezafe complement), then fall-backs: the aggressor of a
  conflict event in the same sentence, or of the attack told before when the object is one
  («این حمله را محکوم کرد»; none when that attack's author is not named), the other party of
  the article's meeting, another country's actor in the sentence, else the source's own country
  (a domestic event); a call on «دو طرف/طرفین/طرف‌های درگیر» targets the two sides of the
  conflict or the meeting told, and nothing when there is none;
- flags from the verb and its clause: negated (نکرد، نمی‌کند), future (خواهد کرد، قرار است),
  hypothetical (اگر، در صورتی که), historical (اخیر، در پی، past perfect);
- location and date from the sentence, the dateline, and the article date.

One event is kept per (type, source countries, target countries, flags); every sentence that
states it is added to its ``mentions``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rokhdad.document import Document
from rokhdad.events import temporal
from rokhdad.events.lexicon import NOT_AN_EVENT, Entry, key_word, load_mode_cues
from rokhdad.resources import resource_path

ACTOR_FIELDS = ("text", "name_en", "kind", "country", "sector", "wikidata", "role")
_PREPOSITIONS = {"با", "از", "به", "علیه", "در", "برای", "میان", "بین", "درباره", "ضد", "بر", "نزد", "سوی", "توسط",
                 "همراه", "مانند", "مثل", "جز", "بجز", "پیش", "تا", "طرف"}  # fmt: skip
_PERFECT = re.compile(r"(?:کرد|داد|شد|نمود|گرفت)ه(?:[\s\u200c]*(?:است|اند|بود)|(?![\w\u200c]))")
# «به گزارش X»، «به نوشته روزنامه X»، «به نقل از خبرگزاری X»: the news source, not an actor
_CREDIT = re.compile(
    r"(گزارش|نقل|نوشته|به\s+گفته|اعلام)(?:[\s\u200c]+(?:از|روزنامه|خبرگزاری|شبکه|شبکه خبری|پایگاه|پایگاه خبری|"
    r"سایت|وب‌سایت|هفته‌نامه|نشریه|تلویزیون|رادیو|مجله|خبری))*[\s\u200c]*$"
)
_LIST_GAP = re.compile(r"(?:[،,][\s\u200c]*[^\s\u200c،,.:«»]+[\s\u200c]*){1,2}(?:[،,]|و|[،,][\s\u200c]*و)")
_CLAUSE_BREAK = re.compile(r"[،,:«»؛()\"]")
_WORD = re.compile(r"[\w\u200c]+")
_SECTOR_EN = {"GOV": "government", "LEG": "legislature", "MIL": "military", "JUD": "judiciary", "COP": "police",
              "SPY": "intelligence", "PTY": "party", "REB": "rebels", "OPP": "opposition", "MED": "media",
              "BUS": "business", "CVL": "civilians", "REL": "religious", "EDU": "education"}  # fmt: skip
_VERB_EN = {"AGREE": "agreed with", "CONSULT": "met", "SUPPORT": "supported", "CONCEDE": "conceded to",
            "COOPERATE": "cooperated with", "AID": "gave aid to", "RETREAT": "stood down toward",
            "REQUEST": "called on", "ACCUSE": "criticized", "REJECT": "rejected", "THREATEN": "threatened",
            "PROTEST": "protested against", "SANCTION": "sanctioned", "MOBILIZE": "mobilized against",
            "COERCE": "coerced", "ASSAULT": "attacked"}  # fmt: skip
# Words between «در» and a place name that only narrow it down.
_PLACE_FILLERS = {"اطراف", "نزدیکی", "حومه", "شهر", "استان", "منطقه", "شمال", "جنوب", "شرق", "غرب", "مرز", "مرزهای",
                  "پایتخت", "بندر", "جزیره", "کشور", "مرکز"}  # fmt: skip
# Types whose event is a stated intention: a future verb asserts them now.
_INTENT_TYPES = {"AGREE", "THREATEN"}
# An attack with no target in view is not an attack on the attacker's own state.
_NO_HOME_TARGET = {"ASSAULT"}
# «دو طرف/طرفین/دو کشور» opening a clause: the two sides of the article's meeting
_PARTIES_SUBJECT = re.compile(
    r"[\s\u200c«]*(?:(?:هر[\s\u200c]+)?دو[\s\u200c]+(?:طرف|کشور|جانب|هیئت)|طرفین)(?=[\s\u200c])"
)
# «از دو طرف/طرفین/همه طرف‌ها خواست»: the target is the parties of a conflict the sentence does
# not name, never the source's own state
_UNNAMED_PARTIES = re.compile(
    r"(?:^|[\s\u200c])(?:از|به|با)[\s\u200c]+(?:طرفین|(?:هر[\s\u200c]+)?(?:دو|همه|تمام|تمامی|کلیه)"
    r"[\s\u200c]+(?:طرف|جانب|گروه)(?:[\s\u200c]?(?:ها|های))?|طرف[\s\u200c]?(?:ها|های)[\s\u200c]+"
    r"(?:درگیر|منازعه|مختلف)(?:ی[\s\u200c]?(?:ها|های))?)(?=[\s\u200c]|$)"
)
_BEFORE_VA = re.compile(r"([\w\u200c]+)[\s\u200c]+و(?=[\s\u200c])")
# Words before a noun that make «NOUN و» a noun phrase rather than a verb phrase with its verb left out.
_NOT_ELLIPTIC = _PREPOSITIONS | {"ضمن", "مورد", "خواستار", "خواهان", "جهت", "عدم", "جای", "این", "آن", "و"}
_UNDIRECTED = {"CONSULT", "AGREE", "COOPERATE"}
_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"}
_NEEDS_AGGRESSOR = {"ACCUSE", "REJECT", "PROTEST", "SANCTION", "REQUEST", "THREATEN"}


@lru_cache(maxsize=1)
def goldstein_table() -> dict[str, tuple[float, str]]:
    """CAMEO code → (Goldstein weight, name), from resources/events/cameo.tsv."""
    table = {}
    for line in resource_path("events/cameo.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, weight, _plover, name = line.split("\t")
        table[code] = (float(weight), name)
    return table


def goldstein(cameo: str) -> float | None:
    table = goldstein_table()
    for code in (cameo, cameo[:3], cameo[:2] + "0"):
        if code in table:
            return table[code][0]
    return None


@dataclass(slots=True)
class Mention:
    """An actor mention on the normalized view."""

    start: int
    end: int
    actor: dict[str, Any]

    @property
    def country(self) -> str:
        return str(self.actor.get("country") or "")


@dataclass(slots=True)
class QuoteSpan:
    start: int  # whole quote, normalized view
    end: int
    content_start: int
    speaker: dict[str, Any]
    content_end: int = -1  # -1: the content runs to the end of the quote


@dataclass
class Context:
    """What the coder knows about one document, on the normalized view."""

    doc: Document
    text: str
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    quotes: list[QuoteSpan]
    dateline: dict[str, Any] | None
    place_lookup: Callable[[str], dict[str, Any] | None] | None
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out


def _word_before(text: str, pos: int, lo: int) -> str:
    words = _WORD.findall(text[max(lo, pos - 40) : pos])
    return words[-1] if words else ""


def _usable(m: Mention) -> bool:
    return bool(m.country) and m.actor.get("sector") != "MED"


def _other_parties(
    ctx: Context, lo: int, hi: int, countries: set[Any], quote: QuoteSpan | None = None
) -> list[Mention]:
    """Actors of other states in the sentence ``[lo, hi)``: not the quote's speaker («مسکو: از
    حملات هوایی انگلیس استقبال می‌کنیم»), and not a place an event happens in («در سوریه»)."""
    return [
        m
        for m in ctx.mentions_in(lo, hi)
        if _usable(m)
        and m.country not in countries
        and not (quote is not None and quote.start <= m.start < quote.content_start)
        and not (m.actor.get("kind") == "GPE" and _word_before(ctx.text, m.start, lo) == "در")
    ]


def _is_credit(ctx: Context, m: Mention, lo: int) -> bool:
    """A mention inside «به گزارش X» / «به نقل از X»: the news source, not an actor of the event."""
    return bool(_CREDIT.search(ctx.text[max(lo, m.start - 25) : m.start]))


def _is_place(ctx: Context, m: Mention, lo: int) -> bool:
    """A state named as where something happens, not as an actor: «در سوریه», «در ادلب سوریه»."""
    if m.actor.get("kind") != "GPE":
        return False
    words = _WORD.findall(ctx.text, max(lo, m.start - 30), m.start)[-2:]
    return "در" in words


def _governed(ctx: Context, ms: list[Mention], i: int, lo: int) -> bool:
    """Whether a preposition governs ``ms[i]``: one of the three words before it, in its clause and
    with no other actor between («از حملات هوایی **انگلیس**», «در ارتباط با عملیات نیروی هوایی
    **انگلیس**»), so that it is a complement, not the subject."""
    m = ms[i]
    # a mention inside a longer one («انگلیس» in «نیروی هوایی انگلیس») is governed as that one is
    outer = [o for o in ms if o is not m and o.start <= m.start and m.end <= o.end]
    if outer:
        m = min(outer, key=lambda o: o.start)
    if _in_fronted_adverbial(ctx, m, lo):
        return True
    before = [o.end for o in ms if o.end <= m.start]
    start = max(lo, m.start - 60, *before)
    head = ctx.text[start : m.start]
    cut = [b.end() for b in _CLAUSE_BREAK.finditer(head)]
    if cut:
        head = head[cut[-1] :]
    return any(w in _PREPOSITIONS for w in _WORD.findall(head)[-3:])


# Words that open a fronted adverbial phrase («**در پی** اختلاف گروه‌های فلسطینی، محمود عباس ...»).
_ADVERBIAL_OPENERS = _PREPOSITIONS | {"پس", "طی", "ضمن", "حین", "هنگام", "بنابر", "بنا"}


def _in_fronted_adverbial(ctx: Context, m: Mention, lo: int) -> bool:
    """Whether ``m`` stands in a phrase that opens with a preposition and ends with «،» before the
    clause's subject: «در پی اختلاف گروه‌های **فلسطینی** به ویژه **فتح** و **حماس**، محمود عباس ...»."""
    seg_lo = max(lo, ctx.text.rfind("،", lo, m.start) + 1)
    comma = ctx.text.find("،", m.end, m.end + 120)
    if comma < 0 or _CLAUSE_BREAK.search(ctx.text, m.end, comma):
        return False
    words = _WORD.findall(ctx.text, seg_lo, m.start)
    # not an agency credit («به گزارش فارس از بغداد،»): those are handled as credits
    return bool(words) and words[0] in _ADVERBIAL_OPENERS and words[:2] != ["به", "گزارش"]


_RA_AFTER = re.compile(r"[\s\u200c]*را(?![\w\u200c])")


def _subject(ctx: Context, lo: int, hi: int, objects: bool = True) -> list[Mention]:
    """The first actor of ``[lo, hi)`` not governed by a preposition, with its conjuncts; with
    ``objects=False`` not one marked by «را» either («که **اسرائیل را** رژیمی تروریست خواند»)."""
    for i, m in enumerate(ms := ctx.mentions_in(lo, hi)):
        if not _usable(m) or _is_credit(ctx, m, lo):
            continue
        if not objects and _RA_AFTER.match(ctx.text, m.end):
            continue
        if _governed(ctx, ms, i, lo):
            continue
        return _with_conjuncts(ctx, ms, i, hi)
    return []


def _with_conjuncts(ctx: Context, ms: list[Mention], i: int, hi: int) -> list[Mention]:
    """``ms[i]`` and the mentions joined to it by «و» or «،» alone (compound actors)."""
    group = [ms[i]]
    for nxt in ms[i + 1 :]:
        if nxt.start >= hi:
            break
        if nxt.start < group[-1].end:
            continue  # a mention inside the last one («لهستان» in «مقامات سیاسی لهستان»)
        gap = ctx.text[group[-1].end : nxt.start].strip(" \u200c")
        # «لهستان، چک، اوکراین و ...»: a list item the actor finder did not know still joins the list
        if gap in ("و", "،", ",", "، و") or _LIST_GAP.fullmatch(gap):
            if _usable(nxt):
                group.append(nxt)
        else:
            break
    return group


_SLOT_WORDS = {
    "ba": ("با",),
    "az": ("از",),
    "alayh": ("علیه", "ضد", "علیه\u200c", "برضد"),
    "be": ("به",),
}


def _after_word(
    ctx: Context,
    words: tuple[str, ...],
    lo: int,
    hi: int,
    trig: tuple[int, int],
    exclude: set[int],
    leftmost: bool = False,
) -> list[Mention]:
    """Mentions after one of ``words`` (the head of its noun phrase within 4 words: «از تفاهم دفاعی
    سه‌جانبه ایران»), nearest to the trigger first."""
    ms = ctx.mentions_in(lo, hi)
    found: list[tuple[int, int]] = []
    for i, m in enumerate(ms):
        if id(m) in exclude or not _usable(m):
            continue
        head = ctx.text[max(lo, m.start - 45) : m.start]
        tokens = _WORD.findall(head)[-4:]
        for k, tok in enumerate(reversed(tokens)):
            if tok in _PREPOSITIONS and tok not in words:
                break  # another preposition governs this actor
            if tok in words:
                # a noun between the preposition and the actor may only be a head noun («از حمایت مردم پاکستان»)
                distance = abs(
                    (m.start if m.start >= trig[1] else trig[0]) - (trig[1] if m.start >= trig[1] else m.end)
                )
                found.append((distance + 5 * k, i))
                break
    if not found:
        return []
    found.sort()
    best = found[0][1]
    if leftmost and ms[best].end <= trig[0]:
        # «از مواضع **ترکیه** و حمایت‌های این کشور از آذربایجان انتقاد کرد», «از حمایت **آمریکا** از
        # تایوان انتقاد کرد»: the verb's own complement comes first, later ones belong to its noun
        # phrase; a comma ends that phrase
        seg = ctx.text.rfind("،", lo, trig[0]) + 1
        before = [
            i
            for _, i in found
            if ms[i].end <= trig[0]
            and ms[i].start >= seg
            and not _compound_preposition(ctx, ms[i].start, seg)
        ]
        if before and ms[best].start >= seg:
            best = min(before, key=lambda i: ms[i].start)
    return _with_conjuncts(ctx, ms, best, hi)


# Words that make «از» part of a compound preposition or a quantity: «**پس** از حمله آمریکا»,
# «**یکی** از مقامات روسیه»; such a complement is not the verb's own.
_AZ_COMPOUNDS = {"پس", "بعد", "قبل", "پیش", "بیش", "کمتر", "بیشتر", "یکی", "برخی", "بسیاری", "شماری", "تعدادی",
                 "استفاده", "ناشی", "حاکی", "عبارت", "جدا", "فارغ", "فراتر", "خارج", "دور", "غیر", "سوی",
                 "طرف", "جمله", "نظر", "لحاظ", "طریق"}  # fmt: skip


def _compound_preposition(ctx: Context, mention_start: int, lo: int) -> bool:
    """Whether the «از» governing the mention at ``mention_start`` follows a word of ``_AZ_COMPOUNDS``."""
    words = _WORD.findall(ctx.text, max(lo, mention_start - 60), mention_start)
    for k in range(len(words) - 1, max(-1, len(words) - 5), -1):
        if words[k] == "از":
            return k > 0 and words[k - 1] in _AZ_COMPOUNDS
    return False


def _before_ra(ctx: Context, lo: int, trig: tuple[int, int], exclude: set[int]) -> list[Mention]:
    """The object marked by «را»: the actor nearest before it, with the actors coordinated with it."""
    ra = ctx.text.rfind(" را", lo, trig[0] + 1)
    if ra < 0:
        return []
    # the object phrase starts after the last clause break («،», «:», «که»)
    seg_lo = max(lo, *(ctx.text.rfind(c, lo, ra) + len(c) for c in ("،", ":", "«", "»", " که ")))
    ms = [m for m in ctx.mentions_in(seg_lo, ra + 1) if _usable(m)]
    if not ms or id(ms[-1]) in exclude:
        return []
    group = [ms[-1]]
    for prev in reversed(ms[:-1]):
        gap = ctx.text[prev.end : group[0].start].strip(" \u200c")
        if gap not in ("و", "،", ","):
            break
        group.insert(0, prev)
    return group


def _before_in_clause(ctx: Context, lo: int, trig: tuple[int, int], exclude: set[int]) -> list[Mention]:
    """The actors a judgement is about: those before the trigger in its clause (after the last «،»,
    «:» or «که»), not governed by a preposition («**دولت** باید ...», «تصمیم **انگلیس** ... بر خلاف
    اصول بین‌المللی است»)."""
    seg_lo = lo
    # a comma only sets off appositions here («تصمیم انگلیس، همانند اقدامات آمریکا، بر خلاف ...»)
    for b in (":", "«", "»", "؛", " که "):
        k = ctx.text.rfind(b, lo, trig[0])
        if k >= 0:
            seg_lo = max(seg_lo, k + len(b))
    # a mention may run over the trigger («دولت باید» read as one name): it still stands before it
    ms = [m for m in ctx.mentions_in(seg_lo, trig[1] + 80) if m.start < trig[0]]
    out = []
    for i, m in enumerate(ms):
        if id(m) in exclude or not _usable(m) or _governed(ctx, ms, i, seg_lo):
            continue
        if any(o.start <= m.start and m.end <= o.end for o in out):
            continue  # inside an actor already taken
        out.append(m)
    return out


# A finite verb followed by «و»: the next verb phrase starts after it («از مواضع ترکیه انتقاد **کرد و**
# خواستار بازگشت آذربایجان و ارمنستان به میز مذاکره شد»).
_VERB_AND = re.compile(
    # a light verb as a word of its own (not the end of «رشد», «عملکرد»): past forms, or present ones
    # with «می», or a future
    r"(?<![\w\u200c])(?:ن?(?:کرد|شد|داد|نمود|گرفت|زد|داشت|آورد|رساند|گذاشت|خواند|دانست|پذیرفت|رسید)"
    r"(?:ند|یم|ید|م)?(?:ه(?:[\s\u200c]*(?:است|اند|بود|بودند))?)?"
    r"|ن?می[\s\u200c]*(?:کن|شو|ده|گیر|زن|دار|نما)(?:د|ند|یم|ید|م)"
    r"|ن?خواه(?:م|ی|د|یم|ید|ند)[\s\u200c]+(?:کرد|شد|داد|نمود|گرفت|زد|داشت))"
    r"[\s\u200c]*،?[\s\u200c]*و[\s\u200c]+(?!گو)"
)


_THAT = re.compile(r"(?<![\w\u200c])(?:که|اینکه|آنکه)(?![\w\u200c])")
# A finite verb form: a «که» clause before the trigger is closed once one of these follows it.
_FINITE = re.compile(
    r"(?<![\w\u200c])(?:ن?می[\s\u200c]?[\w\u200c]+|[\w\u200c]*(?:کرد|شد|داد|نمود|گرفت|زد|داشت|آورد|رساند|گذاشت"
    r"|خواند|دانست|گفت|رفت|آمد|ماند|پذیرفت|کشید|رسید)(?:ند|یم|ید|م|ه)?(?:[\s\u200c]*(?:است|اند|ایم|بود|بودند))?"
    r"|ب?(?:کن|شو|ده|گیر|زن|دار|آور|رسان|گذار|خوان|دان|گوی|رو|آی|مان|پذیر|کش|رس)(?:د|ند|یم|ید|م)"
    r"|است|اند|بود|بودند|هست|هستند|باشد|باشند)(?![\w\u200c])"
)


def _subordinate_start(ctx: Context, lo: int, pos: int) -> int:
    """Where the open «که» clause holding ``pos`` starts (after «که»); ``lo`` when there is none: a «که»
    clause is open when no finite verb stands between its «که» and ``pos``."""
    last = None
    for m in _THAT.finditer(ctx.text, max(lo, pos - 300), pos):
        last = m
    if last is None or _FINITE.search(ctx.text, last.end(), pos):
        return lo
    return last.end()


def _conjunct_start(ctx: Context, lo: int, pos: int) -> int:
    """Where the verb phrase holding ``pos`` starts: after the last «<finite verb> و» before it."""
    start = lo
    for m in _VERB_AND.finditer(ctx.text, max(lo, pos - 400), pos):
        start = m.end()
    return start


def _genitive(ctx: Context, trig: tuple[int, int], hi: int, exclude: set[int]) -> list[Mention]:
    ms = ctx.mentions_in(trig[1], hi)
    for i, m in enumerate(ms):
        if id(m) in exclude or not _usable(m):
            continue
        between = _WORD.findall(ctx.text[trig[1] : m.start])
        if len(between) <= 1 and not any(w in _PREPOSITIONS for w in between):
            return _with_conjuncts(ctx, ms, i, hi)
        break
    return []


def _slot(
    ctx: Context,
    role: str,
    lo: int,
    hi: int,
    trig: tuple[int, int],
    exclude: set[int],
    avoid: frozenset[str] = frozenset(),
) -> list[Mention]:
    if role in _SLOT_WORDS:
        return _after_word(ctx, _SLOT_WORDS[role], lo, hi, trig, exclude, leftmost=role == "az")
    if role == "ra":
        return _before_ra(ctx, lo, trig, exclude)
    if role == "gen":
        return _genitive(ctx, trig, hi, exclude)
    if role == "subj":
        return [m for m in _subject(ctx, lo, trig[0]) if id(m) not in exclude]
    if role == "prev":
        return _before_in_clause(ctx, lo, trig, exclude)
    if role == "in":
        # only an actor inside the expression («نیروهای آمریکایی وارد **هائیتی** شدند»), of another
        # country than the source
        ms = ctx.mentions_in(trig[0], trig[1])
        for i, m in enumerate(ms):
            if id(m) not in exclude and _usable(m) and m.country not in avoid:
                return _with_conjuncts(ctx, ms, i, trig[1])
        return []
    if role == "any":
        ms = ctx.mentions_in(lo, hi)
        # inside a gapped expression («خواستار بازگشت X و Y به ... شد») the gap names the target
        inside = [
            i
            for i, m in enumerate(ms)
            if trig[0] <= m.start and m.end <= trig[1] and id(m) not in exclude and _usable(m)
        ]
        # the source's own people inside the expression («ترکیه نیروهایش را در سوریه مستقر کرد») are
        # not its target when another country is in view
        if any(ms[i].country not in avoid for i in inside):
            inside = [i for i in inside if ms[i].country not in avoid]
        elif inside and any(m.country not in avoid for m in ms if id(m) not in exclude and _usable(m)):
            inside = []
        if inside:
            return _with_conjuncts(ctx, ms, inside[0], trig[1])
        others = [m for m in ms if id(m) not in exclude and _usable(m)]
        others.sort(key=lambda m: (m.country in avoid, min(abs(m.start - trig[1]), abs(trig[0] - m.end))))
        return others[:1]
    return []


def _agent_of_passive(ctx: Context, lo: int, hi: int, trig: tuple[int, int]) -> list[Mention]:
    """«توسط X» / «از سوی X» / «به دست X»: the agent of a passive clause."""
    for m in ctx.mentions_in(lo, hi):
        head = ctx.text[max(lo, m.start - 20) : m.start]
        if re.search(
            r"(توسط|از[\s\u200c]+سوی|از[\s\u200c]+طرف|به[\s\u200c]+دست)[\s\u200c]*$", head
        ) and _usable(m):
            return [m]
    return []


def actor_record(m: Mention) -> dict[str, Any]:
    rec = {k: m.actor.get(k) for k in ACTOR_FIELDS}
    rec["sector"] = rec.get("sector") or ""
    return rec


def country_actor(iso3: str, names: dict[str, str]) -> dict[str, Any]:
    """A state acting as a whole (the fall-back target of a domestic event)."""
    return {
        "text": "",
        "name_en": names.get(iso3, iso3),
        "kind": "GPE",
        "country": iso3,
        "sector": "",
        "wikidata": None,
        "role": None,
    }


def describe(actors: list[dict[str, Any]], names: dict[str, str]) -> str:
    parts = []
    for a in actors:
        code = a.get("country") or ""
        country = (
            names.get(code)
            or (a.get("name_en") if ":" in code and a.get("kind") != "PER" else None)
            or code
            or "?"
        )
        detail = [
            x
            for x in (
                a.get("name_en") if a.get("kind") != "GPE" else None,
                _SECTOR_EN.get(a.get("sector") or ""),
            )
            if x
        ]
        parts.append(f"{country} ({', '.join(detail)})" if detail else country)
    return " and ".join(dict.fromkeys(parts)) or "?"


def summarize(c: Candidate, location: dict[str, Any] | None, names: dict[str, str]) -> str:
    """An English one-liner: "Pakistan (Ayaz Sadiq, legislature) met Iran (Ali Larijani, government) in Islamabad"."""
    verb = _VERB_EN[c.entry.type]
    if c.negated:
        verb = f"did not ({verb})"
    elif c.future:
        verb = f"will have ({verb})"
    elif c.hypothetical:
        verb = f"might have ({verb})"
    where = f" in {location['name_en']}" if location and location.get("name_en") else ""
    return f"{describe(c.source, names)} {verb} {describe(c.target, names)}{where}"


@dataclass
class Candidate:
    entry: Entry
    sentence: int
    trig: tuple[int, int]  # normalized
    source: list[dict[str, Any]]
    target: list[dict[str, Any]]
    negated: bool
    future: bool
    hypothetical: bool
    historical: bool
    in_quote: bool
    target_how: str
    mode: str | None = None
    told: bool = False  # the source is a quote's teller standing in for an unnamed attacker
    parties: bool = False  # the subject is «دو طرف»: resolve_parties fills the source


def find_candidates(
    ctx: Context, lexicon: Iterable[Entry], sentences_for: Callable[[Entry], set[int] | None]
) -> list[Candidate]:
    """Every lexicon match, coded, sentence by sentence; ``sentences_for(entry)`` names the
    sentences worth trying for an entry (None: all)."""
    cands: list[Candidate] = []
    prev_subject: list[Mention] = []
    by_sentence: dict[int, list[tuple[Entry, re.Match[str]]]] = {}
    everywhere = range(len(ctx.sentences))
    # the words that stand right before «و»: a verb can only be left out after one of them
    before_va = {key_word(w) for w in _BEFORE_VA.findall(ctx.text)}
    for e in lexicon:
        where = sentences_for(e)
        if where is not None and not where:
            continue
        nouns = e.elliptic_nouns
        elliptic = e.elliptic if nouns is None or not nouns.isdisjoint(before_va) else None
        for si in sorted(where) if where is not None else everywhere:
            lo, hi = ctx.sentences[si]
            for m in e.regex.finditer(ctx.text, lo, hi):
                by_sentence.setdefault(si, []).append((e, m))
            if elliptic is not None:
                for m in elliptic.finditer(ctx.text, lo, hi):
                    # «با حمایت و ...», «ضمن تقدیر و تشکر از»: a noun phrase, not a verb left out
                    if _word_before(ctx.text, m.start(), lo) not in _NOT_ELLIPTIC:
                        by_sentence.setdefault(si, []).append((e, m))
    for si, (lo, hi) in enumerate(ctx.sentences):
        subject_here = _subject(ctx, lo, hi)
        matches = by_sentence.get(si, [])
        # a longer expression wins over a shorter one it contains
        matches.sort(key=lambda em: (em[1].start(), -(em[1].end() - em[1].start())))
        taken: list[tuple[int, int, str]] = []
        for e, m in matches:
            s, t = m.start(), m.end()
            # a longer expression hides a shorter one inside it, except a noun naming its own
            # agent («خواستار توقف حملات اسرائیل به غزه شد» also codes the attack)
            inside = [typ for a, b, typ in taken if a <= s and t <= b]
            # nor a joint action inside an attack or deployment it is part of («ارتش عراق با ترکیه
            # عملیات مشترکی علیه داعش انجام داد»: cooperation between the partners, an attack on the enemy)
            if (
                inside
                and e.source != "gen"
                and not (e.type == "COOPERATE" and all(typ in ("ASSAULT", "MOBILIZE") for typ in inside))
            ):
                continue
            taken.append((s, t, e.type))
            if e.type == NOT_AN_EVENT:
                continue  # a known non-event: it only hides the shorter matches inside it
            # a bare noun («استقرار نیروها») borrows no subject from the previous sentence
            borrowed = subject_here or ([] if _nominal(e) else prev_subject)
            cand = _code_match(ctx, e, m, si, lo, hi, borrowed)
            if cand is not None and m.re is e.elliptic and not cand.target:
                # a verb left out is weaker evidence: its own complement must name the target
                # («زوجین یکدیگر را سرزنش و تحقیر می‌کنند» names no one)
                cand = None
            if cand is None:
                continue
            if e.target == "prev" and len({a.get("country") for a in cand.target}) > 1:
                # «تصمیم انگلیس، همانند اقدامات آمریکا، بر خلاف اصول بین‌المللی است»: one judgement
                # of each actor
                for country in dict.fromkeys(a.get("country") for a in cand.target):
                    part = [a for a in cand.target if a.get("country") == country]
                    cands.append(dataclasses.replace(cand, target=part))
            else:
                cands.append(cand)
        if subject_here:
            prev_subject = subject_here
    return cands


def _nominal(e: Entry) -> bool:
    """A row with neither a light verb nor a gap: a noun phrase («استقرار نیروهای», «در دیدار با»)."""
    return "VERB:" not in e.pattern and "…" not in e.pattern and "..." not in e.pattern


def _quote_at(ctx: Context, pos: int) -> QuoteSpan | None:
    for q in ctx.quotes:
        if q.content_start <= pos < q.end:
            return q
    return None


def _code_match(
    ctx: Context, e: Entry, m: re.Match[str], si: int, lo: int, hi: int, fallback_subject: list[Mention]
) -> Candidate | None:
    trig = (m.start(), m.end())
    quote = _quote_at(ctx, trig[0])
    # an expression that runs on into the quote's own verb frames the quote rather than standing
    # in it: «روسیه ادعاهای انگلیس را **بی‌اساس خواند**» is Russia's rejection, whose subject is
    # the speaker, not «انگلیس» at the start of what was described
    frames = quote is not None and 0 <= quote.content_end < trig[1] and quote.speaker.get("country")
    clause_lo = quote.content_start if quote and not frames else lo
    # --- source
    src_ms: list[Mention] = []
    src: list[dict[str, Any]] = []
    told = False  # an attack inside a quote with no subject: the teller stands in for its author
    parties = False  # the subject is «دو طرف»: the source comes from the article's dyad
    # an infinitive's object is its ezafe complement («با متهم کردن **ارمنستان** به حمله»), not a subject
    inf_object = _genitive(ctx, trig, hi, set()) if m.groupdict().get("inf") is not None else []
    if e.source == "gen":
        # the complement follows the trigger's head noun: «حملات **اسرائیل** علیه ایران»
        head = _WORD.match(ctx.text, trig[0])
        src_ms = _genitive(ctx, (trig[0], head.end() if head else trig[1]), hi, set())
    elif e.source == "obj":
        src_ms = _agent_of_passive(ctx, lo, hi, trig)
    elif e.source == "speaker":
        # a judgement inside a quote («دولت باید ...», «... بر خلاف اصول بین‌المللی است») is the
        # speaker's; outside quotes it is the reporter's and codes nothing
        if quote is None or not quote.speaker.get("country"):
            return None
    else:
        # a subordinate clause has its own subject: «با وجود اینکه **رژیم صهیونیستی** قدس را محاصره ... کرده»
        sub_lo = _subordinate_start(ctx, clause_lo, trig[0])
        src_ms = (_subject(ctx, sub_lo, trig[0], objects=False) if sub_lo > clause_lo else []) or _subject(
            ctx, clause_lo, trig[0]
        )
    if inf_object:
        src_ms = [x for x in src_ms if all(x.start != o.start for o in inf_object)]
    if src_ms:
        src = [actor_record(x) for x in src_ms]
    elif e.source in ("gen", "obj"):
        return None  # a nominal or passive expression names its own agent, or codes nothing
    elif quote is not None and quote.speaker.get("country"):
        src = [{k: quote.speaker.get(k) for k in ACTOR_FIELDS}]
        told = e.type in _CONFLICT
    elif _PARTIES_SUBJECT.match(ctx.text, clause_lo, trig[0]):
        # «دو طرف ... را محکوم کردند»: the two sides of the article's meeting, filled in by
        # resolve_parties; not the previous sentence's subject (one of them)
        parties = True
    elif fallback_subject and not (
        fallback_subject[0].start >= trig[1] and _subordinate_start(ctx, clause_lo, trig[0]) > clause_lo
    ):
        # not the main clause's subject for an expression inside a «که» clause before it («در حالی که
        # تحریم تسلیحاتی سازمان ملل علیه ایران رو به پایان است، یک مقام ایرانی گفت ...»)
        src_ms = fallback_subject
        src = [actor_record(x) for x in src_ms]
    if not src and not parties:
        return None
    # --- target
    exclude = {id(x) for x in src_ms}
    # nor a mention inside a source mention («مصر» in «عضو حزب الکرامه مصر»)
    for x in src_ms:
        exclude.update(id(y) for y in ctx.mentions_in(x.start, x.end))
    # a noun's own complements follow it: «حمایت‌های این کشور **از** جمهوری آذربایجان»
    src_countries = {a.get("country") for a in src}
    tgt_ms = _slot(
        ctx,
        e.target,
        trig[0]
        if e.source == "gen"
        # a complement belongs to its own verb phrase; a passive's subject is shared by all of them
        else _conjunct_start(ctx, clause_lo, trig[0])
        if e.target in _SLOT_WORDS or e.target == "ra"
        else clause_lo,
        hi,
        trig,
        exclude,
        frozenset(c for c in src_countries if c),
    )
    how = e.target
    if inf_object and e.target == "ra":
        tgt_ms, how = [x for x in inf_object if id(x) not in exclude], "inf"
    if not tgt_ms and e.target in _SLOT_WORDS and not _nominal(e):
        # an empty slot: a gapped expression names its target inside («خواستار بازگشت **جمهوری آذربایجان و
        # ارمنستان** به میز مذاکره شد»)
        ms = ctx.mentions_in(trig[0], trig[1])
        for i, x in enumerate(ms):
            if (
                id(x) not in exclude
                and _usable(x)
                and x.country not in src_countries
                and not _is_place(ctx, x, lo)
            ):
                tgt_ms = _with_conjuncts(ctx, ms, i, trig[1])
                how = "inside"
                break
    # «ایران از تفاهم ایران، پاکستان و عربستان استقبال کرد»: the source is not its own target
    src_countries = {a.get("country") for a in src}
    if any(x.country not in src_countries for x in tgt_ms):
        tgt_ms = [x for x in tgt_ms if x.country not in src_countries]
    if (
        tgt_ms
        and {x.country for x in tgt_ms} <= src_countries
        and (any(x.actor.get("kind") == "GPE" for x in tgt_ms) or any(a.get("kind") == "GPE" for a in src))
    ):
        # a state does not act on itself («مسکو از تهاجم این کشور استقبال می‌کند» with «این کشور»
        # resolved to Russia): the argument was misread, so nothing is coded
        return None
    tgt = [actor_record(x) for x in tgt_ms]
    if (
        not tgt
        and e.type in _UNDIRECTED
        and len(src_countries) > 1
        and (e.source == "gen" or not _other_parties(ctx, lo, hi, src_countries))
    ):
        # «مذاکرات پوتین و بان کی‌مون», «دیدار عراقچی و لاوروف», «عراقچی و لاوروف ... رایزنی کردند»:
        # the two sides of a meeting or a deal named together are its source and its target; a
        # joint subject with another party in view acts together («آلمان، فرانسه و انگلیس با
        # شرایط ترامپ موافقت نخواهند کرد»): that party is the target, found later
        first = src[0].get("country")
        src, tgt = (
            [a for a in src if a.get("country") == first],
            [a for a in src if a.get("country") != first],
        )
        how = "pair"
    if not tgt and e.target in ("prev", "in"):
        # a judgement about no one in view («باید» with no actor before it); troops entering no
        # named state («وارد این بیمارستان شدند»)
        return None
    if not tgt:
        how = "fallback"
    # --- flags
    window = ctx.text[max(clause_lo, trig[0] - 60) : min(hi, trig[1] + 30)]
    g = m.groupdict()
    negated = bool(g.get("neg")) or (g.get("fut") or "").startswith("ن")
    # news narrates plans in the present («پوتین به چین سفر می‌کند»); inside quotes it is performative
    future = (
        bool(g.get("fut"))
        or (g.get("pres") is not None and quote is None)
        or temporal.future_hint(ctx.text[max(clause_lo, trig[0] - 40) : trig[0]])
    )
    if e.type in _INTENT_TYPES:
        future = False  # «همکاری را ادامه خواهد داد», «برخورد خواهیم کرد»: the intent is the event
    # a subjunctive («اعزام کند», «بخواهد») asserts nothing: a wish, a condition or a plan
    hypothetical = g.get("sbj") is not None or temporal.is_hypothetical(ctx.text[clause_lo : trig[0]])
    if g.get("inf") is not None and not _asserted_infinitive(ctx, trig, clause_lo, hi):
        hypothetical = True  # «برای آزاد کردن گروگان‌ها», «درباره متهم کردن وی»: not said to have happened
    # a perfect tense inside a quote reports an earlier act («... را محکوم کرده است»)
    perfect = quote is not None and bool(_PERFECT.search(ctx.text[trig[0] : min(hi, trig[1] + 12)]))
    historical = (temporal.historical_hint(window) or perfect) and not future
    mode = e.mode or _mode_from_cues(ctx, e.type, clause_lo, hi, trig)
    return Candidate(
        e,
        si,
        trig,
        src,
        tgt,
        negated,
        future,
        hypothetical,
        historical,
        quote is not None,
        how,
        mode,
        told,
        parties,
    )


# «... را اعلام کرد» (announced doing it), «به ... پرداختند» (engaged in doing it)
_INF_ASSERTED_AFTER = re.compile(
    r"^(?:[^\s\u200c،.:]+[\s\u200c]+){0,8}?(?:را[\s\u200c]+(?:اعلام|تایید|تأیید)|پرداخت)"
)


def _asserted_infinitive(ctx: Context, trig: tuple[int, int], lo: int, hi: int) -> bool:
    """An infinitive states an act done after «با/ضمن» («ضمن محکوم کردن حمله، ...») or as the object of
    an announcement («صرف نظر کردن خود از تصمیمش را اعلام کرد»)."""
    if _word_before(ctx.text, trig[0], lo) in ("با", "ضمن"):
        return True
    if _word_before(ctx.text, trig[0], lo) != "به" and "پرداخت" in ctx.text[trig[1] : trig[1] + 80]:
        return False  # «پرداخت» there is another word («به پرداخت غرامت»); only «به X کردن پرداختند»
    return bool(_INF_ASSERTED_AFTER.match(ctx.text[trig[1] : hi].lstrip()))


def _mode_from_cues(ctx: Context, etype: str, lo: int, hi: int, trig: tuple[int, int]) -> str | None:
    """The mode a cue word in the trigger's clause implies (resources/events/modes.tsv): «**جنگنده‌های**
    آمریکایی حملات شدیدی را ... انجام دادند», «نخستین حملات **هوایی** انگلیس» → aerial."""
    cues = [c for c in load_mode_cues() if c.type == etype]
    if not cues:
        return None
    start = lo
    for b in ("،", ":", "؛", "«", " که "):
        k = ctx.text.rfind(b, lo, trig[0])
        if k >= 0:
            start = max(start, k + len(b))
    after = _WORD.finditer(ctx.text, trig[1], hi)
    end = trig[1]
    for _, w in zip(range(3), after, strict=False):
        end = w.end()
    for cue in cues:
        if cue.regex.search(ctx.text, start, end):
            return cue.mode
    return None


def mark_proposed(cands: list[Candidate], ctx: Context) -> None:
    """A noun event that is the object of an agreement or a refusal has not happened: «فرانسه با
    **اعزام نیرو** به هائیتی موافقت کرد» agrees to a future deployment (future), «با **اعزام نیرو**
    مخالفت کرد» refuses one that may never come (hypothetical)."""
    for c in cands:
        if not _nominal(c.entry) or c.future or c.hypothetical:
            continue
        lo, _ = ctx.sentences[c.sentence]
        if _word_before(ctx.text, c.trig[0], lo) != "با":
            continue
        for o in cands:
            if (
                o.sentence == c.sentence
                and o.entry.type in ("AGREE", "REJECT")
                and o.trig[0] >= c.trig[1]
                and not _CLAUSE_BREAK.search(ctx.text, c.trig[1], o.trig[0])
            ):
                if o.entry.type == "AGREE":
                    c.future = True
                else:
                    c.hypothetical = True
                c.historical = False
                break


def headline_flags(cands: list[Candidate]) -> None:
    """A headline drops tense: a noun event in the first sentence («محور مذاکرات پوتین و بان کی‌مون»)
    that the body tells only as planned or possible («... قصد دارد با بان کی‌مون رایزنی کند») takes
    the body's flags."""
    for c in cands:
        if c.sentence != 0 or not _nominal(c.entry) or c.future or c.hypothetical or c.negated:
            continue
        pair = _pair(c)
        later = [o for o in cands if o.sentence > 0 and o.entry.type == c.entry.type and _pair(o) == pair]
        if later and all(o.future or o.hypothetical for o in later):
            c.future = any(o.future for o in later)
            c.hypothetical = not c.future
            c.historical = False


def _pair(c: Candidate) -> tuple[Any, ...]:
    src, tgt = _keys(c.source), _keys(c.target)
    return tuple(sorted([src, tgt])) if c.entry.type in _UNDIRECTED else (src, tgt)


def _keys(actors: list[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({str(a.get("country") or "") for a in actors if a.get("country")}))


def _dyad_at(cands: list[Candidate], c: Candidate, types: set[str]) -> Candidate | None:
    """The meeting (or conflict) whose two sides «دو طرف» names at ``c``: the last one told in or
    before ``c``'s sentence, else the first after it."""
    pairs = [
        o
        for o in cands
        if o is not c
        and o.entry.type in types
        and o.source
        and o.target
        and not o.parties
        and not set(_keys(o.source)) & set(_keys(o.target))
    ]
    before = [o for o in pairs if o.sentence <= c.sentence]
    if before:
        return max(before, key=lambda o: (o.sentence, o.trig[0]))
    return min(pairs, key=lambda o: (o.sentence, o.trig[0])) if pairs else None


def _acts_in(cands: list[Candidate], c: Candidate, actor: dict[str, Any]) -> bool:
    """Whether ``actor`` is the source of another event of ``c``'s sentence."""
    return any(
        o is not c
        and o.sentence == c.sentence
        and any(
            a.get("text") == actor.get("text") and a.get("country") == actor.get("country") for a in o.source
        )
        for o in cands
    )


def resolve_parties(cands: list[Candidate]) -> None:
    """«دو طرف/طرفین/دو کشور» as a subject: both sides of the article's meeting («دو طرف حملات
    رژیم صهیونیستی را محکوم کردند» after «عراقچی با فواد حسین گفت‌وگو کرد» is Iran and Iraq). A
    meeting or a deal of the two is that meeting again, as is anything else they do with no
    target of its own; with no meeting in the article, nothing."""
    for c in cands:
        if not c.parties:
            continue
        dyad = _dyad_at(cands, c, _UNDIRECTED)  # a meeting or a deal
        if dyad is None:
            continue
        if not c.target:  # what the two commit to or ask of each other («پایبندی به آتش‌بس»)
            c.source, c.target, c.target_how = dyad.source, dyad.target, "dyad"
        else:
            sides = set(_keys(dyad.source)) | set(_keys(dyad.target))
            if not set(_keys(c.target)) & sides:
                c.source = dyad.source + dyad.target


def resolve_targets(cands: list[Candidate], ctx: Context, names: dict[str, str]) -> None:
    """Fill missing targets: a conflict's aggressor, the meeting's other party, another country, home."""
    dyads = [(c.source, c.target) for c in cands if c.entry.type == "CONSULT" and c.target and c.source]
    for c in cands:
        if c.target and c.entry.type in _NEEDS_AGGRESSOR and c.target_how != "prev":
            # «حملات اسرائیل علیه ایران را محکوم کرد»: condemning an attack on X accuses the attacker
            tgt_keys = set(_keys(c.target))
            for o in cands:
                if (
                    o.sentence == c.sentence
                    and o.entry.type in _CONFLICT
                    and o.trig[1] <= c.trig[0]
                    and set(_keys(o.target)) & tgt_keys
                    and not set(_keys(o.source)) & set(_keys(c.source))
                ):
                    c.target, c.target_how = o.source, "aggressor"
                    break
        if c.target or not c.source:
            continue
        src_keys = set(_keys(c.source))
        lo, hi = ctx.sentences[c.sentence]
        if _UNNAMED_PARTIES.search(ctx.text, lo, c.trig[1]):
            # «از دو طرف/طرفین/طرف‌های درگیر خواست»: the two sides of the conflict or the meeting
            # told, never the caller's own state; none in view, no target
            dyad = _dyad_at(cands, c, _CONFLICT | {"CONSULT"})
            if dyad is not None and not (set(_keys(dyad.source)) | set(_keys(dyad.target))) & src_keys:
                c.target, c.target_how = dyad.source + dyad.target, "parties"
            continue
        if c.entry.type in _NEEDS_AGGRESSOR:
            aggressors = [
                o
                for o in cands
                if o.sentence == c.sentence
                and o.entry.type in _CONFLICT
                and o is not c
                and not (set(_keys(o.source)) & src_keys)
            ]
            if aggressors:
                c.target, c.target_how = aggressors[0].source, "aggressor"
                continue
            condemned = _CONDEMNED_EVENT.search(ctx.text[max(lo, c.trig[0] - 60) : c.trig[0]].rstrip())
            if condemned:
                # «این حمله را محکوم کرد»: the attack told before; its author is the target, and
                # when the text names none («افراد مسلح»), no one: never the state attacked
                # («... محکوم کرد و آمادگی برای همکاری با ایران اعلام کرد» is no criticism of Iran)
                priors = [
                    o
                    for o in cands
                    if o.sentence < c.sentence
                    # an attack is an ASSAULT (not the arrests after it); «این اقدام» any conflict
                    and (
                        o.entry.type == "ASSAULT" or (condemned[1] in _ANY_ACT and o.entry.type in _CONFLICT)
                    )
                    and o.source
                    and not o.told  # «فرمانده ... اعلام کرد: افراد مسلح حمله کردند»: not the commander
                    and not set(_keys(o.source)) & src_keys
                ]
                if priors:
                    prior = max(priors, key=lambda o: (o.sentence, o.trig[0]))
                    c.target, c.target_how = prior.source, "aggressor"
                continue
        if _nominal(c.entry):
            # a noun naming an event told before («تجاوز رژیم صهیونیستی» after «حملات اسرائیل به ایران»)
            # is that event: it keeps its target
            prior = next(
                (
                    o
                    for o in cands
                    if o.sentence < c.sentence
                    and o.entry.type == c.entry.type
                    and o.target
                    and set(_keys(o.source)) & src_keys
                ),
                None,
            )
            if prior is not None:
                c.target, c.target_how = prior.target, "prior"
                continue
        for s, t in dyads:
            if src_keys & set(_keys(s)) and not src_keys & set(_keys(t)):
                c.target, c.target_how = t, "dyad"
                break
            if src_keys & set(_keys(t)) and not src_keys & set(_keys(s)):
                c.target, c.target_how = s, "dyad"
                break
        if c.target:
            continue
        asker = _asker(ctx, c, src_keys) if c.entry.type in _ANSWERS else None
        if asker is not None:
            c.target, c.target_how = [actor_record(asker)], "asker"
            continue
        others = _other_parties(ctx, lo, hi, src_keys, _quote_at(ctx, c.trig[0]))
        if others:
            others.sort(key=lambda m: min(abs(m.start - c.trig[1]), abs(c.trig[0] - m.end)))
            near = actor_record(others[0])
            if _nominal(c.entry) and near.get("kind") == "PER" and _acts_in(cands, c, near):
                # «سخنگوی وزارت امور خارجه تحریم‌های جدید آمریکا را محکوم کرد»: the sanctions named in
                # his statement are on his state, not on the spokesman
                near = country_actor(near["country"], names)
            c.target, c.target_how = [near], "nearest"
            continue
        home = next(iter(sorted(src_keys)), "")
        # a domestic event: a person or body acting inside its own state (not a state or an
        # international body acting on itself)
        domestic = home[:1].isalpha() and ":" not in home and all(a.get("kind") != "GPE" for a in c.source)
        if domestic and c.entry.type not in _NO_HOME_TARGET:
            c.target, c.target_how = [country_actor(home, names)], "home"


# «این حمله (تروریستی) را محکوم کرد»: the object is an attack told before
_ANY_ACT = frozenset(("اقدام", "اقدامات"))
_CONDEMNED_EVENT = re.compile(
    r"(?:این|آن)[\s\u200c]+(حمله|حملات|اقدام|اقدامات|انفجار|انفجارها|حادثه|جنایت|جنایات|عملیات"
    r"|ترور|تجاوز|کشتار|بمباران|تهاجم)(?:[\s\u200c]+[^\s]+){0,2}?[\s\u200c]+را$"
)

# «نماینده رژیم صهیونیستی این درخواست را رد کرد»: accepting or rejecting a request, a proposal or
# a plan named before answers whoever made it
_ANSWERS = {"REJECT", "AGREE"}
_ASKED = re.compile(
    r"(?:این|آن)[\s\u200c]+(?:درخواست|پیشنهاد|خواسته|طرح|دعوت|ابتکار)(?:ها|\u200cها)?[\s\u200c]+را[\s\u200c]*$"
)


def _asker(ctx: Context, c: Candidate, src_keys: set[str]) -> Mention | None:
    """Who made the request that ``c`` answers («این درخواست را رد کرد»): the subject (first actor)
    of the nearest of the two sentences before whose subject is not the answering side."""
    lo = ctx.sentences[c.sentence][0]
    if not _ASKED.search(ctx.text[max(lo, c.trig[0] - 40) : c.trig[0]].rstrip()):
        return None
    for si in range(c.sentence - 1, max(-1, c.sentence - 3), -1):
        first = next((m for m in ctx.mentions_in(*ctx.sentences[si]) if _usable(m)), None)
        if first is not None and first.country not in src_keys:
            return first
    return None


_DIRECTIONS = {"شمال": "Northern", "جنوب": "Southern", "شرق": "Eastern", "غرب": "Western"}
# «استان تعز», «شهر فلوجه»: a place named by its kind, wherever it stands in the sentence
_KIND_PLACE = re.compile(
    r"(?<![\w\u200c])(?:استان|شهر|شهرهای|منطقه)[\s\u200c]+(?=((?:[\w\u200c]+[\s\u200c]*){1,3}))"
)


def _place_at(ctx: Context, words: list[str]) -> tuple[dict[str, Any], int, int] | None:
    """The place the words start with: (place, words skipped, words used). «استان تعز» is looked up whole
    first; else the words that only narrow a place down are skipped («در اطراف شهر فلوجه»), and a
    compass word before a country names its region («شرق ترکیه» → Eastern Turkey)."""
    assert ctx.place_lookup is not None
    for n in (2, 1):
        if len(words) > n and words[0] == "استان":
            place = ctx.place_lookup(" ".join(words[: n + 1]))
            if place:
                return place, 0, n + 1
    skip = 0
    while skip < 2 and skip < len(words) - 1 and words[skip] in _PLACE_FILLERS:
        skip += 1
    rest = words[skip:]
    for n in (3, 2, 1):
        if len(rest) >= n:
            place = ctx.place_lookup(" ".join(rest[:n]))
            if place:
                direction = _DIRECTIONS.get(words[skip - 1]) if skip else None
                if direction and place.get("type") == "country":
                    place = {**place, "name_en": f"{direction} {place['name_en']}"}
                    return place, skip - 1, n + 1
                return place, skip, n
    return None


def locate(c: Candidate, ctx: Context) -> dict[str, Any] | None:
    """The place of the event: «در X» / «به X» (visits) or a place named by its kind («استان X») in its
    sentence, nearest the trigger first; else the report's dateline."""
    if ctx.place_lookup is None:
        return None
    lo, hi = ctx.sentences[c.sentence]
    sent = ctx.text[lo:hi]
    preps = r"(?:در|به|وارد)" if c.entry.type == "CONSULT" else r"(?:در|وارد)"
    best = None
    prep_rx = re.compile(r"(?<![\w\u200c])" + preps + r"[\s\u200c]+(?=((?:[\w\u200c]+[\s\u200c]*){1,5}))")
    for rx, keep_kind in ((prep_rx, False), (_KIND_PLACE, True)):
        for m in rx.finditer(sent):
            start = m.start(1)
            words = m.group(1).split()
            if keep_kind:
                # keep «استان» with the name: the province, not its capital
                kind_word = sent[m.start() : m.start(1)].strip(" \u200c")
                if kind_word == "استان":
                    words = [kind_word, *words]
                    start = m.start()
            found = _place_at(ctx, words)
            if not found:
                continue
            place, skip, used = found
            dist = abs(lo + m.start() - c.trig[0])
            if best is None or dist < best[0]:
                s0 = start + (len(" ".join(words[:skip])) + 1 if skip else 0)
                best = (dist, place, s0, s0 + len(" ".join(words[skip : skip + used])))
    if best is not None:
        place = dict(best[1])
        s, e = ctx.doc.to_original(lo + best[2], lo + best[3])
        place["text"] = ctx.doc.text[s:e]
        # a country named in the sentence and a city of it in the dateline: the city is more precise
        if (
            place.get("type") == "country"
            and ctx.dateline
            and not c.historical
            and ctx.dateline.get("country") == place.get("country")
        ):
            return dict(ctx.dateline)
        return place
    # the dateline («به گزارش ... از مسکو،») places what the report tells as news, not background
    if not c.historical and ctx.dateline:
        return dict(ctx.dateline)
    return None
