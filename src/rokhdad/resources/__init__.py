"""Data files shipped with rokhdad (lexicons, gazetteers, models); see README.md here."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def resource_path(name: str) -> Path:
    """Filesystem path of a packaged resource (``"zwnj/lexicon.tsv"``)."""
    return Path(str(resources.files("rokhdad.resources").joinpath(name)))


def read_lines(name: str) -> list[str]:
    """Non-empty lines of a text resource, without ``#`` comments."""
    out = []
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.startswith("\\#") else line[1:].strip()
        if line:
            out.append(line)
    return out


def tsv_rows(path: Path | str) -> Iterator[list[str]]:
    """The tab-separated cells of each line of a TSV file, skipping ``#`` comment lines and
    blank ones (no quoting: a cell is everything between two tabs)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\r\n").split("\t")
