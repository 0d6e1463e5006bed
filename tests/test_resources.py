"""``rokhdad.resources``: the shared readers of packaged data files."""

from __future__ import annotations

from pathlib import Path

from rokhdad.resources import resource_path, tsv_rows


def test_tsv_rows_skip_comments_and_blank_lines(tmp_path: Path) -> None:
    f = tmp_path / "t.tsv"
    # a CRLF line, an empty first cell (an intercept row), a quote kept as it is
    f.write_text('# header\nتهران\tLOC\n\n   \n\t-1.5\r\n"ایران"\tLOC\textra\n', encoding="utf-8")
    assert list(tsv_rows(f)) == [["تهران", "LOC"], ["", "-1.5"], ['"ایران"', "LOC", "extra"]]


def test_every_packaged_tsv_reads() -> None:
    root = resource_path("")
    files = sorted(root.rglob("*.tsv"))
    assert len(files) >= 10
    for path in files:
        rows = list(tsv_rows(path))
        assert rows, path
        assert all(len(r) >= 2 for r in rows), path
