"""The writer's ZWNJ convention (``rokhdad.normalize.style``) and what it changes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rokhdad.normalize import normalize
from rokhdad.normalize.style import glued_on_purpose, near_threshold, site_counts, zwnj_style

ZWNJ = "\u200c"

# Sentences written for these tests, each in one writer's convention.
STYLE_CASES = [
    ("وزیر می گوید این طرح ها در سال های اخیر بهترین نتیجه ها را داشته و می توان ادامه داد", "spaced"),
    ("وزیر میگوید این طرحها در سالهای اخیر بهترین نتیجهها را داشته و میتوان ادامه داد", "dropped"),
    (f"وزیر می{ZWNJ}گوید این طرح{ZWNJ}ها در سال{ZWNJ}های اخیر نتیجه{ZWNJ}ها را داشته و می{ZWNJ}توان", "kept"),
    # old sources: Arabic yeh and kaf, spaces for ZWNJs
    ("مردم مي گويند كه سال هاي سخت گذشته و مي توان به روزهاي بهتر اميد داشت و مي شود", "spaced"),
    ("تهران پایتخت ایران است", "unknown"),
    ("", "unknown"),
]


@pytest.mark.parametrize(("text", "style"), STYLE_CASES)
def test_zwnj_style(text: str, style: str) -> None:
    assert zwnj_style(text) == style


def test_site_counts_see_each_spelling() -> None:
    c = site_counts(f"می شود و میشود و می{ZWNJ}شود")
    assert c == {"spaced": 1, "kept": 1, "dropped": 1}


def test_plural_after_a_non_joining_letter_is_no_site() -> None:
    # «کشور ها» → «کشورها» takes no ZWNJ either way: it says nothing about the writer
    assert site_counts("کشور ها و کشورها")["spaced"] == 0


def test_spaced_text_keeps_its_glued_words() -> None:
    text = (
        "مردم می گویند کتابها و روش ها در سال های اخیر بزرگترین تغییر را داشته و می توان"
        " گفت برنامه ها و طرح ها نتیجه داده اند و می شود ادامه داد"
    )
    assert zwnj_style(text) == "spaced"
    out = normalize(text).text
    assert f"می{ZWNJ}گویند" in out and f"روش{ZWNJ}ها" in out and f"سال{ZWNJ}های" in out
    # the writer glues these on purpose: no ZWNJ inside them
    assert "کتابها" in out and "بزرگترین" in out
    # the same text judged as dropped restores them
    forced = normalize(text, zwnj_style="dropped").text
    assert f"کتاب{ZWNJ}ها" in forced and f"بزرگ{ZWNJ}ترین" in forced


def test_dropped_text_gets_the_full_repair() -> None:
    text = "مردم میگویند کتابها و روشها در سالهای اخیر بزرگترین تغییر را داشته و میتوان"
    assert zwnj_style(text) == "dropped"
    out = normalize(text).text
    assert f"کتاب{ZWNJ}ها" in out and f"بزرگ{ZWNJ}ترین" in out and f"می{ZWNJ}توان" in out


def test_dropped_text_keeps_the_spaces_its_writer_typed() -> None:
    # a writer whose ZWNJs were stripped glues affixes; a space inside a compound is theirs
    text = "مردم میگویند کتابها و روشها در سالهای اخیر به رئیس جمهوری و مصرف کننده نامه نوشتهاند و می شود"
    assert zwnj_style(text) == "dropped"
    out = normalize(text).text
    assert "رئیس جمهوری" in out and "مصرف کننده" in out
    assert f"کتاب{ZWNJ}ها" in out and f"نوشته{ZWNJ}اند" in out
    assert out.endswith(f"می{ZWNJ}شود")  # an affix typed apart is still joined
    # the output is judged kept, whose writer typed the compound's space too: nothing changes
    assert zwnj_style(out) == "kept" and normalize(out).text == out
    # judged as a writer who types spaces for ZWNJs (or not judged), the spaces stand for ZWNJs
    for style in ("unknown", "spaced"):
        other = normalize(text, zwnj_style=style).text
        assert f"رئیس{ZWNJ}جمهوری" in other and f"مصرف{ZWNJ}کننده" in other


def test_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="ZWNJ style"):
        normalize("می شود", zwnj_style="careless")


def test_styles_that_keep_glue() -> None:
    assert glued_on_purpose("kept") and glued_on_purpose("spaced")
    assert not glued_on_purpose("dropped") and not glued_on_purpose("unknown")


_SPACED_WORDS = [
    "می گویند",
    "روش ها",
    "سال های",
    "می توان",
    "نتیجه ها",
    "کتابها",
    "بزرگترین",
    "آنها",
    "و",
    "در",
    "رئیس جمهوری",
    "مصرف کننده",
]
_DROPPED_WORDS = [
    "میگویند",
    "روشها",
    "سالهای",
    "میتوان",
    "نتیجهها",
    "کتابها",
    "بزرگترین",
    "و",
    "در",
    "رئیس جمهوری",
    "پیش بینی",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SPACED_WORDS + _DROPPED_WORDS), min_size=1, max_size=40))
def test_idempotent_whatever_the_mix(words: list[str]) -> None:
    text = " ".join(words)
    once = normalize(text).text
    assert normalize(once).text == once


def _cli(tmp_path, lines: list[str], *args: str) -> list[str]:
    src = tmp_path / "in.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "rokhdad", "normalize", str(src), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    return out.split("\n")[:-1]


def test_cli_judges_the_file_not_the_line(tmp_path) -> None:
    # each line alone is too short to judge; the file as a whole spaces its ZWNJs
    lines = ["او می گوید", "روش ها خوب است", "سال های خوب", "می توان رفت", "کتابها را خواندم"]
    out = _cli(tmp_path, lines)
    assert len(out) == len(lines)
    assert out[4] == "کتابها را خواندم"
    assert out[0] == f"او می{ZWNJ}گوید"
    forced = _cli(tmp_path, lines, "--zwnj-style", "dropped")
    assert forced[4] == f"کتاب{ZWNJ}ها را خواندم"


def test_cli_refuses_an_unknown_style(tmp_path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("می شود\n", encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "rokhdad", "normalize", str(src), "--zwnj-style", "odd"],
        capture_output=True,
        text=True,
    )
    assert r.returncode != 0 and "--zwnj-style" in r.stderr


@pytest.mark.parametrize(
    ("counts", "near"),
    [
        ({"spaced": 4, "kept": 0, "dropped": 1}, True),  # at MIN_SITES: a lost site tips it
        ({"spaced": 0, "kept": 30, "dropped": 0}, False),  # a kept article
        ({"spaced": 0, "kept": 30, "dropped": 9}, True),  # ratio 3.3, near RATIO
        ({"spaced": 40, "kept": 2, "dropped": 5}, False),  # a spaced article
    ],
)
def test_near_threshold(counts: dict[str, int], near: bool) -> None:
    assert near_threshold(counts) is near
