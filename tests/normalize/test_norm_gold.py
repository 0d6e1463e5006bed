"""ZWNJ restoration on the UD dev text (../shared), scored with ../shared/eval/score_zwnj.py.

The floors are regression guards below the figures measured when the model was built (see
docs/benchmarks.md); they are not the acceptance targets, which are measured by the command line.
"""

from __future__ import annotations

import pytest

from conftest import SHARED, load_module, need
from rokhdad.normalize import normalize

FLOORS = {"drop": 0.90, "space": 0.88}


@pytest.fixture(scope="module")
def scorer():
    return load_module("score_zwnj", need(SHARED / "eval" / "score_zwnj.py"))


@pytest.fixture(scope="module")
def gold() -> list[str]:
    lines = []
    for name in ("ud_seraji/fa_seraji-ud-dev.conllu", "ud_perdt/fa_perdt-ud-dev.conllu"):
        for line in need(SHARED / "data" / "text" / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                lines.append(line[len("# text = ") :])
    return lines


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["drop", "space"])
def test_zwnj_f1_floor(scorer, gold: list[str], mode: str) -> None:
    rep = {"drop": "", "space": " "}[mode]
    out = [normalize(g.replace("\u200c", rep)).text for g in gold]
    res = scorer.score(gold, out)
    assert res["f1"] >= FLOORS[mode], res
