"""Study event cues in the Fars News corpus and validate the Persian event lexicon.

This is the reproducible study behind ``src/rokhdad/resources/events/lexicon.tsv`` (see
``docs/event-lexicon.md``). It reads ``../shared/data/news/farsnews.jsonl`` (1,431 articles,
2003–2021; older ones write Arabic ي/ك and spaces where ZWNJs belong), normalizes it the way
the pipeline does, and prints to stdout:

1. ``collocations``: for each light verb (کرد، شد، داد، ...), the words that most often
   stand right before it («محکوم کرد»، «خواستار ... شد»، «هشدار داد») — the raw material
   of the verb rows;
2. ``triggers``: corpus and document frequency of candidate trigger words per PLOVER type,
   and the share of their hits in sport/culture sections (a false-positive risk signal);
3. ``lexicon``: the lexicon and the mode cues (``modes.tsv``) validated (columns, types, modes,
   CAMEO codes, argument roles, pattern syntax: balanced parentheses, ``VERB:x`` only for the
   listed light verbs; rows of type ``-`` name known non-events) and each
   row's hit count over the corpus, with per-type totals and rows that never fire;
4. ``kwic PATTERN``: key-word-in-context lines for one pattern, to check precision by eye.

Usage::

    .venv/bin/python scripts/study_event_cues.py                 # all sections
    .venv/bin/python scripts/study_event_cues.py validate        # lexicon + cases checks only (no corpus)
    .venv/bin/python scripts/study_event_cues.py kwic "حمله VERB:کرد" --limit 30

Exit status 1 when the lexicon or the test cases do not validate.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rokhdad.events.lexicon import (
    _AUX,
    _JOIN,
    _PERSON,
    _SEP,
    _WORD_END,
    _WORD_START,
    NOT_AN_EVENT,
    SOURCE_ROLES,
    TARGET_ROLES,
    _letters,
    compile_pattern,
    tokens,
)
from rokhdad.events.lexicon import LIGHT_VERBS as _LIGHT
from rokhdad.events.lexicon import TYPES as _TYPES

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "news" / "farsnews.jsonl"
LEXICON = ROOT / "src" / "rokhdad" / "resources" / "events" / "lexicon.tsv"
CAMEO = ROOT / "src" / "rokhdad" / "resources" / "events" / "cameo.tsv"
CASES = ROOT / "tests" / "events" / "cases.tsv"
MODE_CUES = ROOT / "src" / "rokhdad" / "resources" / "events" / "modes.tsv"

# ---------------------------------------------------------------------------------------------
# The lexicon's vocabulary (resources/events/README.md and ../shared/spec/events.md)

TYPES = tuple(_TYPES)
LIGHT_VERBS = {past: pres for past, (_, pres) in _LIGHT.items()}
# PLOVER modes per type (PLOVER manual; the spec adds ACCUSE's and CONSULT's, and ASSAULT/aerial).
MODES: dict[str, set[str]] = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "AID": {"economic", "military", "humanitarian", "asylum"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "allege", "investigate"},
    "THREATEN": {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"},
    "SANCTION": {"convict", "cancel", "expel", "withdraw", "sever"},
    "MOBILIZE": {"troops", "weapons", "police"},
    "COERCE": {"confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold"},
    "ASSAULT": {"abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "heavy-weapons", "aerial"},
}  # fmt: skip
# CAMEO roots each type may carry (spec crosswalk; 05x apologize and 084 release as cameo.tsv says).
CAMEO_ROOTS = {
    "CONSULT": ("04",), "AGREE": ("03", "057"), "SUPPORT": ("05",), "CONCEDE": ("08", "055"),
    "COOPERATE": ("06",), "AID": ("07",), "RETREAT": ("08",), "REQUEST": ("02", "10"),
    "ACCUSE": ("11", "09"), "REJECT": ("12",), "THREATEN": ("13",), "PROTEST": ("14",),
    "SANCTION": ("16",), "MOBILIZE": ("15",), "COERCE": ("17",), "ASSAULT": ("18", "19", "20"),
}  # fmt: skip
FLAGS = {"negated", "future", "hypothetical", "historical"}
COUNTRY_KEY = re.compile(r"^(?:[A-Z]{3}|IGO:[A-Z_]+|NSA:[A-Z_]+)$")

# ---------------------------------------------------------------------------------------------
# Normalization and pattern compilation (kept in step with rokhdad.events.lexicon)

_ARABIC = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا"})


def normalize(text: str) -> str:
    """Letters only, one-to-one where it matters: «كرد» → «کرد», «مي‌شود» stays."""
    return text.translate(_ARABIC)


def pattern_tokens(pattern: str) -> list[str]:
    """The engine's pattern words, refusing nested parentheses (the README's language has none)."""
    toks = tokens(pattern)
    if any(t.count("(") > 1 for t in toks):
        raise ValueError("nested parentheses")
    return toks


def check_pattern(pattern: str) -> list[str]:
    """Problems with one pattern under the README's language (empty list: fine)."""
    problems = []
    if pattern != pattern.strip() or "  " in pattern or "\t" in pattern:
        problems.append("words must be separated by single spaces")
    try:
        toks = pattern_tokens(pattern)
    except ValueError as exc:
        return [str(exc)]
    if not toks:
        return ["empty pattern"]
    if toks[0] in ("…", "...") or toks[-1] in ("…", "..."):
        problems.append("starts or ends with a gap")
    verbs = [t for t in toks if t.startswith("VERB:")]
    if len(verbs) > 1:
        problems.append("more than one VERB:")
    for t in verbs:
        if t[5:] not in LIGHT_VERBS:
            problems.append(f"VERB:{t[5:]} is not a listed light verb")
    for t in toks:
        if t.startswith("VERB:") or t in ("…", "..."):
            continue
        if "VERB:" in t:
            problems.append(f"VERB: inside a word: {t}")
        if re.search(r"[^\w\u200c*()| ]", t):
            problems.append(f"unexpected character in {t!r}")
        if "*" in t.replace("*)", ")").rstrip("*") and not re.fullmatch(r"\([^()]*\)\*?|[^()]*", t):
            problems.append(f"'*' must end a word or an alternative: {t!r}")
        if "()" in t or "||" in t or "(|" in t or "|)" in t:
            problems.append(f"empty alternative in {t!r}")
    if all(t.startswith("VERB:") or t in ("…", "...") for t in toks):
        problems.append("no lexical word (a bare light verb)")
    return problems


# ---------------------------------------------------------------------------------------------
# Loading and validating the TSV files


@dataclass(frozen=True)
class Row:
    line: int
    type: str
    mode: str
    cameo: str
    pattern: str
    source: str
    target: str
    note: str


def read_cameo(path: Path = CAMEO) -> dict[str, str]:
    """CAMEO code → PLOVER type, from resources/events/cameo.tsv."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, _weight, plover, _name = line.split("\t")
            out[code] = plover
    return out


def _pattern_problems(where: str, pattern: str) -> list[str]:
    """What the pattern checker says of one row's pattern, and whether it compiles."""
    problems = [f"{where}: {p}: {pattern}" for p in check_pattern(pattern)]
    try:
        compile_pattern(pattern)
    except (ValueError, re.error) as exc:
        problems.append(f"{where}: does not compile: {exc}")
    return problems


def load_lexicon(path: Path = LEXICON) -> tuple[list[Row], list[str]]:
    """Rows of the lexicon and the problems found (each naming its line)."""
    rows, problems = [], []
    cameo = read_cameo() if CAMEO.exists() else {}
    seen: dict[tuple[str, str], int] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        if cols[0] == "type":
            continue
        where = f"{path.name}:{lineno}"
        if len(cols) != 7:
            problems.append(f"{where}: expected 7 tab-separated columns, got {len(cols)}")
            continue
        row = Row(lineno, *cols)
        if row.type == NOT_AN_EVENT:
            # a known non-event: no mode, code or roles; it must still compile and say why
            if not row.note.strip():
                problems.append(f"{where}: empty note (say what the expression is, if not an event)")
            problems += _pattern_problems(where, row.pattern)
            rows.append(row)
            continue
        if row.type not in TYPES:
            problems.append(f"{where}: unknown type {row.type!r}")
            continue
        if row.mode != "-" and row.mode not in MODES.get(row.type, set()):
            problems.append(f"{where}: mode {row.mode!r} is not a PLOVER mode of {row.type}")
        if not re.fullmatch(r"\d{3,4}", row.cameo):
            problems.append(f"{where}: CAMEO code must be 3-4 digits, got {row.cameo!r}")
        elif not row.cameo.startswith(CAMEO_ROOTS[row.type]):
            problems.append(
                f"{where}: CAMEO {row.cameo} is outside {row.type}'s roots {CAMEO_ROOTS[row.type]}"
            )
        elif cameo and not any(c in cameo for c in (row.cameo, row.cameo[:3], row.cameo[:2] + "0")):
            problems.append(f"{where}: CAMEO {row.cameo} has no Goldstein weight in cameo.tsv")
        if row.source not in SOURCE_ROLES:
            problems.append(f"{where}: bad source role {row.source!r}")
        if row.target not in TARGET_ROLES:
            problems.append(f"{where}: bad target role {row.target!r}")
        if row.source == row.target:
            problems.append(f"{where}: source and target share the role {row.source!r}")
        if not row.note.strip():
            problems.append(f"{where}: empty note (give an example sentence)")
        problems += _pattern_problems(where, row.pattern)
        key = (row.type, row.pattern)
        if key in seen:
            problems.append(f"{where}: duplicate of line {seen[key]}")
        seen[key] = lineno
        rows.append(row)
    return rows, problems


def check_modes(path: Path = MODE_CUES) -> list[str]:
    """Problems in the mode cues (resources/events/modes.tsv): type, PLOVER mode, pattern."""
    problems = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("type\t"):
            continue
        cols = raw.split("\t")
        where = f"{path.name}:{lineno}"
        if len(cols) != 4:
            problems.append(f"{where}: expected 4 tab-separated columns, got {len(cols)}")
            continue
        etype, mode, pattern, _note = cols
        if etype not in TYPES:
            problems.append(f"{where}: unknown type {etype!r}")
        elif mode not in MODES.get(etype, set()):
            problems.append(f"{where}: mode {mode!r} is not a PLOVER mode of {etype}")
        problems.extend(f"{where}: {p}: {pattern}" for p in check_pattern(pattern))
    return problems


def load_cases(path: Path = CASES) -> tuple[list[list[str]], list[str]]:
    """Test cases ``sentence, type, source, target, flags`` and the problems found."""
    cases, problems = [], []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("sentence\t"):
            continue
        cols = raw.split("\t")
        where = f"{path.name}:{lineno}"
        if len(cols) != 5:
            problems.append(f"{where}: expected 5 columns, got {len(cols)}")
            continue
        sentence, etype, src, tgt, flags = cols
        if not sentence.strip() or sentence.strip()[-1] not in ".!؟?":
            problems.append(f"{where}: the sentence should end with . ! or ؟")
        if etype not in TYPES:
            problems.append(f"{where}: unknown type {etype!r}")
        for key in (src, tgt):
            if not COUNTRY_KEY.match(key):
                problems.append(f"{where}: bad country key {key!r}")
        if flags != "-" and not set(flags.split(",")) <= FLAGS:
            problems.append(f"{where}: bad flags {flags!r}")
        cases.append(cols)
    by_type: dict[str, list[list[str]]] = defaultdict(list)
    for c in cases:
        by_type[c[1]].append(c)
    for t in TYPES:
        rows = by_type.get(t, [])
        flags = [set(r[4].split(",")) for r in rows]
        if len(rows) < 4:
            problems.append(f"cases: {t} has {len(rows)} rows (< 4)")
        if not any("negated" in f for f in flags):
            problems.append(f"cases: {t} has no negated case")
        if not any("future" in f for f in flags):
            problems.append(f"cases: {t} has no future case")
    return cases, problems


# ---------------------------------------------------------------------------------------------
# Corpus sections


def read_corpus(path: Path) -> Iterator[tuple[str, str]]:
    """(category, normalized title + abstract + text) per article."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            text = "\n".join(x for x in (art.get("title"), art.get("abstract"), art.get("text")) if x)
            yield art.get("category") or "-", normalize(text)


# For counting, finite forms only (past, perfect, می-present, future): the bare subjunctive of
# some stems is too ambiguous («دارد»، «برد»، «کند» as an adjective).
LIGHT_SURFACE = {
    v: re.compile(
        rf"(?<![\w\u200c])(?:(?:ن)?خواه{_PERSON}{_SEP}{v}|(?:ن)?(?:(?:می|همی){_JOIN}{p}{_PERSON}"
        rf"|{v}ه(?:{_JOIN}{_AUX})?|{v}(?:م|ی|یم|ید|ند)?))(?![\w\u200c])"
    )
    for v, p in LIGHT_VERBS.items()
}
_WORD = re.compile(r"[\w\u200c]+")
_STOP = set("و در به از که این آن را با برای تا یا هم نیز می ها های است بود شده اند شد کرد ای".split())
SOFT_SECTIONS = {"sports", "arts-media", "culture", "farsplus-magazine", "scientific-academic"}


def collocations(docs: list[tuple[str, str]], top: int) -> None:
    """The nonverbal elements that stand right before each light verb."""
    print("## Light-verb collocations (word before the verb; normalized, ZWNJs removed)\n")
    for lemma, rx in LIGHT_SURFACE.items():
        counts: Counter[str] = Counter()
        for _cat, text in docs:
            for m in rx.finditer(text):
                before = _WORD.findall(text[max(0, m.start() - 40) : m.start()])
                if before and before[-1] not in _STOP and not before[-1].isdigit():
                    counts[before[-1].replace("\u200c", "")] += 1
        items = ", ".join(f"{w} {n}" for w, n in counts.most_common(top))
        print(f"- VERB:{lemma} ({sum(counts.values())}): {items}")
    print()


# Candidate trigger words (and stems) per type, checked for frequency and section spread.
TRIGGERS: dict[str, list[str]] = {
    "CONSULT": ["دیدار", "ملاقات", "گفت‌وگو", "گفتگو", "مذاکره", "مذاکرات", "رایزنی", "سفر", "تلفنی", "میزبانی",
                "نشست", "اجلاس", "هیئت", "میانجی", "استقبال"],
    "AGREE": ["توافق", "تفاهم‌نامه", "موافقت", "امضا", "قرارداد", "موافقتنامه", "سند", "پیمان", "آمادگی"],
    "SUPPORT": ["حمایت", "تقدیر", "تشکر", "قدردانی", "استقبال", "همبستگی", "تبریک", "ستایش", "پشتیبانی", "تسلیت",
                "به رسمیت"],
    "CONCEDE": ["عذرخواهی", "پذیرفت", "لغو", "تعلیق", "کاهش", "عفو", "اصلاح", "کوتاه", "عقب", "تسلیم"],
    "COOPERATE": ["همکاری", "مشترک", "رزمایش", "مانور", "تبادل", "سرمایه‌گذاری", "استرداد"],
    "AID": ["کمک", "کمک‌های", "محموله", "اهدا", "ارسال", "وام", "اعتبار", "پناهندگی", "امداد"],
    "RETREAT": ["عقب‌نشینی", "خروج", "آزاد", "آزادی", "آتش‌بس", "استعفا", "خلع", "تبادل", "بازگرداند"],
    "REQUEST": ["خواستار", "درخواست", "خواست", "ضرورت", "دعوت", "تقاضا", "مطالبه", "فراخواند", "بخواهد"],
    "ACCUSE": ["محکوم", "انتقاد", "متهم", "اتهام", "ادعا", "تحقیق", "بررسی", "شکایت", "اعتراض", "نکوهش",
               "مقصر", "تقبیح", "سرزنش"],
    "REJECT": ["رد", "مخالفت", "تکذیب", "نپذیرفت", "وتو", "امتناع", "خودداری", "نمی‌پذیرد", "مردود"],
    "THREATEN": ["تهدید", "هشدار", "اولتیماتوم", "مهلت"],
    "PROTEST": ["تظاهرات", "راهپیمایی", "اعتصاب", "تحصن", "تجمع", "معترضان", "تحریم"],
    "SANCTION": ["تحریم", "تحریم‌ها", "اخراج", "قطع", "محکومیت", "احضار", "تعلیق", "فراخواند"],
    "MOBILIZE": ["اعزام", "استقرار", "آماده‌باش", "رزمایش", "مانور", "بسیج", "تقویت", "ناوگان", "نیرو"],
    "COERCE": ["بازداشت", "دستگیر", "توقیف", "اخراج", "ممنوع", "سانسور", "زندان", "مصادره", "حبس", "ربوده",
               "فیلتر", "محاصره"],
    "ASSAULT": ["حمله", "حملات", "بمباران", "ترور", "انفجار", "کشته", "شلیک", "موشکی", "درگیری", "تجاوز",
                "اشغال", "گروگان", "ربودن", "هوایی", "انتحاری"],
}  # fmt: skip


def triggers(docs: list[tuple[str, str]]) -> None:
    print("## Trigger words: hits, documents, share of hits in soft sections (sport, culture, magazine)\n")
    for etype, words in TRIGGERS.items():
        parts = []
        for w in words:
            rx = re.compile(_WORD_START + _letters(w) + r"[\w\u200c]{0,3}" + _WORD_END)
            hits = docs_n = soft = 0
            for cat, text in docs:
                n = len(rx.findall(text))
                hits += n
                docs_n += n > 0
                soft += n if cat in SOFT_SECTIONS else 0
            parts.append(f"{w} {hits}/{docs_n}d/{round(100 * soft / hits) if hits else 0}%s")
        print(f"- {etype}: " + ", ".join(parts))
    print()


def lexicon_hits(docs: list[tuple[str, str]], rows: list[Row], show_zero: bool, top: int = 40) -> None:
    print("## Lexicon rows over the corpus (hits; per type: rows, hits, share in soft sections)\n")
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    per_row: list[tuple[int, int, Row]] = []
    zero = []
    for row in rows:
        rx = compile_pattern(row.pattern)
        hits = soft = 0
        for cat, text in docs:
            n = sum(1 for _ in rx.finditer(text))
            hits += n
            soft += n if cat in SOFT_SECTIONS else 0
        agg = per_type[row.type]
        agg[0] += 1
        agg[1] += hits
        agg[2] += soft
        per_row.append((hits, soft, row))
        if hits == 0:
            zero.append(row)
    for t in TYPES:
        n_rows, hits, soft = per_type[t]
        print(
            f"- {t:10s} rows {n_rows:3d}  hits {hits:6d}  soft {round(100 * soft / hits) if hits else 0:3d}%"
        )
    print(f"\nthe {top} rows with most hits (hits, soft-section hits):")
    for hits, soft, row in sorted(per_row, key=lambda x: -x[0])[:top]:
        print(f"  {hits:5d} {soft:4d}  line {row.line}: {row.type} {row.pattern}")
    print(f"\nrows that never fire in this corpus: {len(zero)} of {len(rows)}")
    if show_zero:
        for row in zero:
            print(f"  line {row.line}: {row.type} {row.pattern}")
    print()


def kwic(docs: list[tuple[str, str]], pattern: str, limit: int) -> None:
    rx = compile_pattern(pattern)
    shown = 0
    for cat, text in docs:
        for m in rx.finditer(text):
            left = text[max(0, m.start() - 60) : m.start()].replace("\n", " ")
            right = text[m.end() : m.end() + 50].replace("\n", " ")
            print(f"[{cat}] …{left}【{m.group(0)}】{right}…")
            shown += 1
            if shown >= limit:
                return


def row_counts(rows: list[Row]) -> None:
    counts = Counter(r.type for r in rows)
    print(f"## Lexicon: {len(rows)} rows\n")
    for t in TYPES:
        print(f"- {t:10s} {counts.get(t, 0):3d}")
    print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "section",
        nargs="?",
        default="all",
        choices=["all", "validate", "collocations", "triggers", "lexicon", "kwic"],
    )
    ap.add_argument("pattern", nargs="?", help="pattern for kwic")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--zero", action="store_true", help="list lexicon rows with no corpus hit")
    args = ap.parse_args(argv)

    rows, problems = load_lexicon() if LEXICON.exists() else ([], [f"{LEXICON} is missing"])
    problems += check_modes() if MODE_CUES.exists() else []
    cases, case_problems = load_cases() if CASES.exists() else ([], [f"{CASES} is missing"])
    if args.section in ("all", "validate", "lexicon"):
        row_counts(rows)
        print(
            f"## Test cases: {len(cases)} rows, "
            + ", ".join(f"{t} {n}" for t, n in sorted(Counter(c[1] for c in cases).items()))
            + "\n"
        )
        for p in problems + case_problems:
            print("PROBLEM", p)
        print(f"validation: {len(problems)} lexicon problems, {len(case_problems)} case problems\n")
    if args.section == "validate":
        return 1 if problems or case_problems else 0
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1 if problems or case_problems else 0
    docs = list(read_corpus(args.corpus))
    print(f"corpus: {len(docs)} articles from {args.corpus}\n")
    if args.section == "kwic":
        if not args.pattern:
            ap.error("kwic needs a pattern")
        kwic(docs, args.pattern, args.limit)
        return 0
    if args.section in ("all", "collocations"):
        collocations(docs, args.top)
    if args.section in ("all", "triggers"):
        triggers(docs)
    if args.section in ("all", "lexicon"):
        lexicon_hits(docs, rows, args.zero, args.top)
    return 1 if problems or case_problems else 0


if __name__ == "__main__":
    sys.exit(main())
