"""The learned ZWNJ classifiers (issue 3): gaps inside unseen words, pairs written apart.

Test words are our own compounds, chosen because the lexicon has not seen them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rokhdad.normalize.chars import NON_JOINING, ZWNJ
from rokhdad.normalize.model import gap_features, model
from rokhdad.normalize.zwnj import zwnj_pass
from rokhdad.resources import resource_path

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ"


def plus(text: str) -> str:
    return text.replace(ZWNJ, "+")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("مذاکرهکنندگان", "مذاکره+کنندگان"),  # an agent noun after a noun in «ه»
        ("تصمیمسازان", "تصمیم+سازان"),
        ("دانشآموزیها", "دانش+آموزی+ها"),  # the compound and its plural
        ("همکاریجویانه", "همکاری+جویانه"),
    ],
)
def test_unseen_compound_gets_its_zwnj(word: str, expected: str) -> None:
    m = model()
    assert word not in m.forms and word not in m.plain  # the case the classifier is for
    assert plus(m.resolve(word)) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("مخاطبانمان", "مخاطبانمان"),  # «شان/مان/تان» glued after a consonant, as the UD text writes
        ("اعتراضشان", "اعتراضشان"),
        ("مطلبتان", "مطلبتان"),
        ("برنامهشان", "برنامه+شان"),  # after a silent «ه» the ZWNJ stays
    ],
)
def test_plural_pronouns_stay_glued_after_a_consonant(word: str, expected: str) -> None:
    m = model()
    assert word not in m.forms and m.plain.get(word, 0.0) == 0.0  # the classifier's case
    assert plus(m.resolve(word)) == expected


@pytest.mark.parametrize("word", ["بازشمرده", "برگرفته", "گریاند"])
def test_verb_forms_stay_glued(word: str) -> None:
    assert model().resolve(word) == word


def test_known_words_follow_the_lexicon() -> None:
    m = model()
    # frequent plain words are never handed to the classifier
    for word in ("میز", "تهران", "ترانه", "همایش", "نمایش"):
        assert m.resolve(word) == word


def test_features_are_the_same_at_build_and_run_time() -> None:
    count = model().count
    f = gap_features("موضع", "گیری", count)
    assert f == gap_features("موضع", "گیری", count)
    assert {"l1:ع", "l4:موضع", "l5:^موضع", "r1:گ", "R:گیری", "L:موضع", "c1:ع|گ"} <= set(f)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=PERSIAN_LETTERS, min_size=0, max_size=14))
def test_learned_only_inserts_zwnjs_where_they_can_be(word: str) -> None:
    out = model().learned(word)
    assert out.replace(ZWNJ, "") == word
    parts = out.split(ZWNJ)
    assert all(len(p) >= 2 for p in parts) or out == word
    assert all(p[-1] not in NON_JOINING for p in parts[:-1])


def test_pair_classifier_joins_in_a_text_that_spaces_its_zwnjs() -> None:
    spaced = "مردم ستم دیدگان می گویند که کشور ها و روش های تازه می آیند"
    out = plus(zwnj_pass(spaced, restore=False)[0])
    assert "ستم+دیدگان" in out and "می+گویند" in out and "روش+های" in out


def test_pair_classifier_stays_out_of_other_texts() -> None:
    # no spaced affix here: a space is a space
    assert plus(zwnj_pass("دیروز ستم دیدگان آمدند", restore=False)[0]) == "دیروز ستم دیدگان آمدند"
    # a text that writes its ZWNJs
    kept = "مردم ستم دیدگان می\u200cگویند که روش\u200cهای تازه می\u200cآیند"
    assert zwnj_pass(kept, restore=False)[0] == kept


def test_function_words_are_never_joined_by_the_classifier() -> None:
    m = model()
    for a, b in (("این", "کتاب"), ("کتاب", "را"), ("که", "کتاب")):
        assert not m.learned_join(a, b)


def test_resources_are_small_and_classifiers_loaded() -> None:
    m = model()
    assert len(m.gap_weights) > 10_000 and len(m.pair_weights) > 10_000
    folder = resource_path("zwnj")
    total = sum(p.stat().st_size for p in folder.iterdir() if p.suffix == ".tsv")
    assert total <= 10_500_000


def test_scikit_learn_is_not_a_run_time_dependency() -> None:
    code = (
        "import sys; from rokhdad.normalize import normalize; "
        "normalize('این موضعگیریها و ستم دیدگان می شود'); print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
