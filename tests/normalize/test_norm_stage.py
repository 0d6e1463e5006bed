"""The pipeline's «normalize» stage gives the full normalization and maps spans back."""

from __future__ import annotations

from rokhdad.config import Settings
from rokhdad.document import Document
from rokhdad.pipeline import Pipeline

Z = "\u200c"


def test_stage_restores_and_maps_back() -> None:
    text = "تهران و اسلامآباد با چالشهای مشترکی روبهرو هستند و همکار یهای دوجانبه گفتوگو شد."
    doc = Pipeline(Settings(pipeline=("normalize",)))(Document(id="x", text=text))
    assert doc.normalized is not None
    norm = doc.norm_text
    for word in (f"اسلام{Z}آباد", f"چالش{Z}های", f"روبه{Z}رو", f"همکاری{Z}های", f"گفت{Z}وگو"):
        s = norm.index(word)
        os_, oe = doc.to_original(s, s + len(word))
        assert text[os_:oe].replace(" ", "") == word.replace(Z, "")
    assert doc.text == text  # the original is never touched
