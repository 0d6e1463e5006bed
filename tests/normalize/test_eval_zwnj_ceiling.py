"""The context-free oracle of ``scripts/eval_zwnj.py --ceiling`` (docs/normalize.md)."""

from __future__ import annotations

from conftest import ROOT, load_module

ZWNJ = "\u200c"


def _eval_zwnj():
    return load_module("eval_zwnj", ROOT / "scripts" / "eval_zwnj.py")


def test_oracle_keeps_a_consistent_text_and_takes_the_majority_where_it_is_not():
    oracle = _eval_zwnj().oracle_lines
    consistent = [f"او می{ZWNJ}گوید که به زودی  می{ZWNJ}آید", f"کتاب{ZWNJ}ها را می{ZWNJ}خواند"]
    for mode in ("drop", "space"):
        assert oracle(consistent, mode) == consistent
    # «به‌زودی» twice, «به زودی» once: the oracle writes the majority everywhere, in both modes
    mixed = [f"به{ZWNJ}زودی", f"او به{ZWNJ}زودی آمد", "به زودی"]
    assert oracle(mixed, "space") == [f"به{ZWNJ}زودی", f"او به{ZWNJ}زودی آمد", f"به{ZWNJ}زودی"]
    # drop mode decides tokens: «بهزودی» is written «به‌زودی»; «به» + «زودی» apart is another
    # token pair, which it leaves alone
    assert oracle([f"به{ZWNJ}زودی", "بهزودی", f"به{ZWNJ}زودی"], "drop") == [f"به{ZWNJ}زودی"] * 3
    assert oracle(mixed, "drop")[2] == "به زودی"
