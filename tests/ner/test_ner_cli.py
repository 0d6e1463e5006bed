"""``rokhdad tag-ner``: the evaluation interface, line for line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rokhdad.cli import app


def test_tag_ner_prints_one_tag_per_token_line_for_line(tmp_path: Path) -> None:
    src = tmp_path / "toks.txt"
    src.write_text("علی\nلاریجانی\nدر\nاسلام آباد\nگفت\n\nخبرگزاری\nصدا و سیما\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["tag-ner", str(src)])
    assert res.exit_code == 0, res.output
    lines = res.output.split("\n")
    want = src.read_text(encoding="utf-8").split("\n")
    assert len(lines) == len(want) + 1  # every sentence ends with a blank line
    for got, tok in zip(lines, want, strict=False):
        if tok:
            word, tag = got.split("\t")
            assert word == tok and (tag == "O" or tag[:2] in ("B-", "I-"))
        else:
            assert got == ""
    assert lines[0].endswith("B-PER") and lines[1].endswith("I-PER")


def test_tag_ner_reads_stdin() -> None:
    res = CliRunner().invoke(app, ["tag-ner", "-"], input="تهران\n")
    assert res.exit_code == 0 and res.output.startswith("تهران\t")
