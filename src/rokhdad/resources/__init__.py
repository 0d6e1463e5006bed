"""Data files shipped with rokhdad (lexicons, gazetteers, models); see README.md here."""

from __future__ import annotations

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
