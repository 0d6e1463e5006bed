"""Issue acceptance: every non-optional gold event of the seed, with type and source/target countries."""

from rokhdad.pipeline import Pipeline
from rokhdad.read import read_file

UNDIRECTED = {"CONSULT", "AGREE", "COOPERATE"}


def keys(actors):
    return {a.get("country") for a in actors if a.get("country")}


def found(gold, events):
    gs, gt = keys(gold["source"]), keys(gold["target"])
    for e in events:
        if e["type"] != gold["type"] and e["type"] not in (gold.get("alt_types") or []):
            continue
        ps, pt = keys(e["source"]), keys(e["target"])
        if (gs & ps and gt & pt) or (gold["type"] in UNDIRECTED and gs & pt and gt & ps):
            return True
    return False


def test_seed_gold_events_found(seed_path, seed_gold):
    doc = Pipeline()(next(read_file(seed_path)))
    missing = [
        (g["type"], sorted(keys(g["source"])), sorted(keys(g["target"])), g["evidence"]["text"])
        for g in seed_gold["events"]
        if not g.get("optional") and not found(g, doc.events)
    ]
    assert not missing


def test_seed_meeting_in_islamabad_with_summary(seed_path):
    doc = Pipeline()(next(read_file(seed_path)))
    meeting = next(e for e in doc.events if e["type"] == "CONSULT")
    assert meeting["location"]["country"] == "PAK" and meeting["location"]["name_en"] == "Islamabad"
    assert meeting["date"] == "2025-11-25" and meeting["cameo"].startswith("04") and meeting["quad"] == 1
    assert "Pakistan" in meeting["summary"] and "Iran" in meeting["summary"]
    start, end = meeting["evidence"]["start"], meeting["evidence"]["end"]
    assert doc.text[start:end] == meeting["evidence"]["text"]
