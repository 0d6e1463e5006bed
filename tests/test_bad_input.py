"""A bad-input corpus, generated here: every file is either read correctly or named with a reason.

The batch goes on past each bad record, nothing of a bad record reaches the store and
nothing of a good one is lost (issue 10). The articles are our own sentences.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rokhdad.read import ReadError, read_paths

GOOD = "وزیر امور خارجه ایران روز دوشنبه در تهران با همتای عمانی خود دیدار و گفت‌وگو کرد."
GOOD2 = "رئیس‌جمهور ترکیه حمله به غیرنظامیان را محکوم کرد و خواستار آتش‌بس فوری شد."
CP1256_TEXT = GOOD2.replace("ی", "ي")
HTML = f"""<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>دیدار وزیران خارجه</title></head><body><nav>صفحه اصلی | اخبار</nav>
<article><h1>دیدار وزیران خارجه</h1><p>{GOOD}</p><p>{GOOD2}</p>
<p>دو طرف درباره گسترش همکاری‌های اقتصادی و امنیتی منطقه گفت‌وگو کردند.</p></article>
<footer>کلیه حقوق محفوظ است</footer></body></html>"""


def _line(**rec: object) -> str:
    return json.dumps(rec, ensure_ascii=False)


def build_corpus(root: Path) -> tuple[set[str], dict[str, str]]:
    """Write the corpus; return the ids of the good articles and, per bad record, a reason fragment."""
    good: set[str] = set()
    bad: dict[str, str] = {}

    (root / "seed-format.txt").write_text(f"date 2025-11-24\n{GOOD}\n", encoding="utf-8")
    good.add("seed-format")
    # Windows-1256 has Arabic ي but no Persian ی: old Iranian sites wrote it so.
    (root / "windows-1256.txt").write_bytes(f"date 1404/09/03\n{CP1256_TEXT}\n".encode("cp1256"))
    good.add("windows-1256")
    (root / "utf16-bom.txt").write_bytes(GOOD.encode("utf-16"))
    good.add("utf16-bom")
    (root / "utf16-no-bom.txt").write_bytes(GOOD2.encode("utf-16-le"))
    good.add("utf16-no-bom")
    # A download cut inside the last character: what came before it is kept.
    (root / "truncated-utf8.txt").write_bytes((GOOD + " " + GOOD2).encode()[:-1])
    good.add("truncated-utf8")
    (root / "page.html").write_text(HTML, encoding="utf-8")
    good.add("page")

    (root / "broken-utf8.txt").write_bytes(GOOD.encode() + b"\xff\xfe\xfa" + GOOD2.encode())
    bad["broken-utf8.txt"] = "not UTF-8"
    (root / "binary.bin").write_bytes(bytes(range(256)) * 64)
    bad["binary.bin"] = "binary"
    (root / "one-50mb-line.txt").write_text(("کلمه " * 10_000_000)[:-1], encoding="utf-8")
    bad["one-50mb-line.txt"] = "over the 2,000,000 limit"
    (root / "million-empty-lines.txt").write_text("\n" * 1_000_000, encoding="utf-8")
    bad["million-empty-lines.txt"] = "empty file"
    (root / "million-empty-lines.jsonl").write_text(
        "\n" * 1_000_000 + _line(id="after-blanks", text=GOOD) + "\n", encoding="utf-8"
    )
    good.add("after-blanks")

    lines = [
        _line(id="jl-1", date="2025-11-20", text=GOOD),
        '{"id": "jl-broken", "text": "ناتمام',  # cut JSON
        _line(id="jl-no-text", title="بی‌متن"),
        "[1, 2, 3]",
        _line(id="jl-impossible-date", date="2025-02-30", text=GOOD),
        _line(id="jl-jalali-impossible", date="1404/13/01", text=GOOD),
        _line(id="jl-far-future", date="2999-01-01", text=GOOD),
        _line(id="jl-empty-text", text="   "),
        _line(id="jl-binary-text", text="\x01\x02\x03\x04" * 100),
        _line(id="jl-2", date="1404/09/05", text=GOOD2),
    ]
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    good |= {"jl-1", "jl-2"}
    bad |= {
        "news.jsonl:2": "malformed JSON",
        "news.jsonl:3": "no 'text'",
        "news.jsonl:4": "expected a JSON object",
        "news.jsonl:5": "impossible date",
        "news.jsonl:6": "impossible date",
        "news.jsonl:7": "more than a year in the future",
        "news.jsonl:8": "empty 'text'",
        "news.jsonl:9": "binary data",
    }

    csv_text = (
        "id,date,title,text\n"
        f'csv-1,2025-11-21,عنوان,"{GOOD}"\n'
        f'csv-bad,2025-11-21,"عنوان "با" نقل‌قول",{GOOD},اضافه\n'
        f'csv-2,2025-11-22,عنوان دوم,"{GOOD2}"\n'
    )
    (root / "table.csv").write_text(csv_text, encoding="utf-8")
    good |= {"csv-1", "csv-2"}
    bad["table.csv:record 2"] = "broken quoting"
    (root / "no-text-column.csv").write_text("id,body\n1,متن\n", encoding="utf-8")
    bad["no-text-column.csv"] = "no 'text' column"
    return good, bad


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str], dict[str, str]]:
    root = tmp_path_factory.mktemp("bad-input")
    good, bad = build_corpus(root)
    return root, good, bad


def _split(root: Path) -> tuple[dict[str, object], list[ReadError]]:
    articles, errors = {}, []
    for item in read_paths([root]):
        if isinstance(item, ReadError):
            errors.append(item)
        else:
            articles[item.id] = item
    return articles, errors


def test_every_good_record_is_read_and_every_bad_one_named(corpus):
    root, good, bad = corpus
    articles, errors = _split(root)
    assert set(articles) == good
    named = {e.where.removeprefix(str(root) + "/"): e.reason for e in errors}
    assert set(named) == set(bad), named
    for where, fragment in bad.items():
        assert fragment in named[where], (where, named[where])


def test_decodable_encodings_give_the_right_text(corpus):
    root, _, _ = corpus
    articles, _ = _split(root)
    assert articles["windows-1256"].text == CP1256_TEXT
    assert str(articles["windows-1256"].date) == "2025-11-24"  # 1404/09/03
    assert articles["utf16-bom"].text == GOOD
    assert articles["utf16-no-bom"].text == GOOD2
    assert articles["truncated-utf8"].text == (GOOD + " " + GOOD2)[:-1]
    assert GOOD in articles["page"].text and "حقوق محفوظ" not in articles["page"].text
    assert articles["page"].title == "دیدار وزیران خارجه"


def test_extract_goes_on_and_names_each_bad_record(corpus):
    root, good, bad = corpus
    run = subprocess.run(
        [sys.executable, "-m", "rokhdad", "extract", str(root)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    ids = {json.loads(line)["id"] for line in run.stdout.splitlines()}
    assert ids == good
    for where in bad:
        assert f"{root}/{where}:" in run.stderr, where
    assert f"{len(bad)} input(s) failed" in run.stderr


def test_ingest_stores_the_good_and_nothing_of_the_bad(corpus, tmp_path):
    from rokhdad.store import open_store
    from rokhdad.store.ingest import ingest

    root, good, bad = corpus
    store = open_store(f"sqlite:///{tmp_path / 'bad.db'}")
    try:
        summary = ingest(read_paths([root]), store)
        assert summary.ingested == len(good)
        assert {w.removeprefix(str(root) + "/") for w, _ in summary.failed} == set(bad)
        stored = {row[0] for row in store.rows("articles")}
        assert stored == good
        before = store.counts()
        again = ingest(read_paths([root]), store)  # a second run: nothing new, nothing lost
        assert again.ingested == 0 and again.skipped == len(good)
        assert store.counts() == before
    finally:
        store.close()
