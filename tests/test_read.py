"""Readers: each format with real Persian samples, and bad input named with its reason."""

import datetime as dt
import io
import json
import random
from pathlib import Path

import pytest

from rokhdad.document import Article
from rokhdad.read import InputError, ReadError, decode, read_file, read_paths, read_text

BODY = "سردار ایاز صادق رئیس مجلس ملی پاکستان در دیدار با علی لاریجانی تاکید کرد: تهران و اسلامآباد با چالشهای مشترکی روبهرو هستند."


_rng = random.Random(7)
NOISE = bytes(_rng.randrange(1, 256) for _ in range(4000))


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_seed_format_same_line(seed_path, seed_gold):
    art = only(read_file(seed_path))
    assert isinstance(art, Article)
    assert art.id == "seed-0001"
    assert art.date == dt.date(2025, 11, 25)
    assert art.text == seed_gold["text"]


@pytest.mark.parametrize(
    "header, date",
    [
        ("date 2025-11-25\n", dt.date(2025, 11, 25)),
        ("date 1404/09/04 ", dt.date(2025, 11, 25)),
        ("  date ۱۴۰۴-۰۹-۰۴\n\n", dt.date(2025, 11, 25)),
    ],
)
def test_seed_format_dates(tmp_path, header, date):
    p = tmp_path / "a.txt"
    p.write_text(header + BODY + "\n", encoding="utf-8")
    art = only(read_file(p))
    assert art.date == date and art.text == BODY and art.id == "a"


def test_plain_text_has_no_date(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("\n" + BODY + "\n\n", encoding="utf-8")
    art = only(read_file(p))
    assert art.date is None and art.text == BODY


def test_jsonl_keeps_other_fields_in_meta(tmp_path):
    p = tmp_path / "news.jsonl"
    recs = [
        {
            "id": "fars-1",
            "date": "1387-07-06",
            "title": "خدمات بانکی",
            "text": "وي گفت: اين طرح اجرا مي شود.",
            "category": "اقتصادی",
            "link": "https://www.farsnews.ir/news/8707060001",
        },
        {"id": "fars-2", "date": "2013-03-12", "title": "", "text": BODY, "tags": ["پاکستان"]},
    ]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    a, b = list(read_file(p))
    assert (a.id, a.date, a.title) == ("fars-1", dt.date(2008, 9, 27), "خدمات بانکی")
    assert a.meta == {"category": "اقتصادی", "link": "https://www.farsnews.ir/news/8707060001"}
    assert a.url == "https://www.farsnews.ir/news/8707060001"
    assert b.meta == {"tags": ["پاکستان"]} and b.date == dt.date(2013, 3, 12)


def test_jsonl_bad_lines_are_named_and_skipped(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text(
        '{"id": "ok1", "text": "ایران و عراق."}\n'
        '{"id": "broken", "text": "بدون پایان\n'
        '{"id": "nodate", "date": "1404/13/01", "text": "متن"}\n'
        '{"id": "notext", "title": "فقط عنوان"}\n'
        '{"id": "ok2", "date": "۱۴۰۴/۰۹/۰۴", "text": "لاریجانی گفت."}\n',
        encoding="utf-8",
    )
    items = list(read_file(p))
    good = [i.id for i in items if isinstance(i, Article)]
    bad = [str(i) for i in items if isinstance(i, ReadError)]
    assert good == ["ok1", "ok2"]
    assert bad[0].startswith(f"{p}:2: malformed JSON")
    assert bad[1].startswith(f"{p}:3: impossible date")
    assert bad[2] == f"{p}:4: record has no 'text' string"


def test_json_array(tmp_path):
    p = tmp_path / "arr.json"
    p.write_text(
        json.dumps([{"id": "x", "text": BODY}, {"id": "y", "text": "دوم"}], ensure_ascii=False),
        encoding="utf-8",
    )
    assert [a.id for a in read_file(p)] == ["x", "y"]


def test_csv_with_quoting(tmp_path):
    p = tmp_path / "news.csv"
    p.write_text(
        "id,date,title,text,category\n"
        'c1,1404/09/04,"دیدار، گفت‌وگو","وی گفت: «همکاری‌ها، ادامه دارد».\nخط دوم",سیاسی\n'
        "c2,2025-01-02,,بدون عنوان,\n",
        encoding="utf-8",
    )
    a, b = list(read_file(p))
    assert a.id == "c1" and a.title == "دیدار، گفت‌وگو" and a.text.endswith("خط دوم")
    assert a.meta == {"category": "سیاسی"} and a.date == dt.date(2025, 11, 25)
    assert b.text == "بدون عنوان" and b.date == dt.date(2025, 1, 2)


def test_csv_without_text_column(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("id,body\n1,متن\n", encoding="utf-8")
    assert "no 'text' column" in str(only(read_file(p)))


def test_html_main_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>دیدار لاریجانی و صادق</title>"
        '<meta property="article:published_time" content="2025-11-25"></head><body>'
        "<nav>خانه | اخبار | تماس</nav><article><h1>دیدار لاریجانی و صادق</h1>"
        f"<p>{BODY}</p><p>وی افزود: پاکستان با جدیت با تروریسم مقابله میکند و همکاری ایران را مهم میداند.</p>"
        "</article><footer>کلیه حقوق محفوظ است</footer></body></html>",
        encoding="utf-8",
    )
    art = only(read_file(p))
    assert isinstance(art, Article), art
    assert "ایاز صادق" in art.text and "تروریسم" in art.text
    assert "کلیه حقوق" not in art.text
    assert art.title == "دیدار لاریجانی و صادق"


def test_folder_and_glob(tmp_path, seed_path):
    (tmp_path / "b.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("date 2025-01-01\nمتن یک.", encoding="utf-8")
    (tmp_path / "NOTES.md").write_text("# not an article", encoding="utf-8")
    assert [a.id for a in read_paths([tmp_path])] == ["a", "b"]
    assert [a.id for a in read_paths([str(tmp_path / "*.txt")])] == ["a", "b"]
    missing = only(read_paths([str(tmp_path / "*.csv")]))
    assert isinstance(missing, ReadError) and "no file matches" in missing.reason


def test_stdin_is_sniffed():
    jsonl = '{"id": "s1", "text": "یک"}\n{"id": "s2", "text": "دو"}\n'.encode()
    assert [a.id for a in read_paths(["-"], stdin=io.BytesIO(jsonl))] == ["s1", "s2"]
    seed = f"date 1404/09/04 {BODY}".encode()
    art = only(read_paths(["-"], stdin=io.BytesIO(seed)))
    assert art.id == "stdin" and art.date == dt.date(2025, 11, 25)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
        ((BODY * 3).encode()[:-1] + b"\xc3\x28 " + BODY.encode(), "not UTF-8"),  # truncated + bad byte
        (NOISE, "not UTF-8"),  # random bytes without NULs
    ],
)
def test_bad_bytes_say_why(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data)


@pytest.mark.parametrize(
    "encoded",
    [
        BODY.encode("utf-8-sig"),
        BODY.encode("utf-16"),  # with BOM
        "وزير امور خارجه گفت: ايران آماده همکاري است".encode("cp1256"),
    ],
)
def test_other_encodings_decode(encoded):
    assert "امور" in decode(encoded) or "ایاز" in decode(encoded)


def test_date_header_without_body(tmp_path):
    p = tmp_path / "onlydate.txt"
    p.write_text("date 2025-11-25\n\n", encoding="utf-8")
    assert "no article text after the date header" in str(only(read_file(p)))


def test_missing_file_named():
    err = only(read_paths(["/nonexistent/x.txt"]))
    assert isinstance(err, ReadError) and err.where == "/nonexistent/x.txt"


def test_read_text_plain_keeps_exact_body():
    art = only(read_text("\n\n  " + BODY + "  \n", "mem.txt"))
    assert art.text == BODY and Path("mem.txt").stem == art.id
