"""Coverage-guided fuzzing of the normalizer, the readers and the whole pipeline (``make fuzz``).

    python scripts/fuzz.py normalize --runs 1000000
    python scripts/fuzz.py read --runs 200000
    python scripts/fuzz.py pipeline --runs 100000

Each input is turned into text two ways, chosen by its first byte: decoded as UTF-8
(any code point), or read as a sequence of indices into the pieces of Persian news in
``scripts/fuzz/persian.dict`` (the same file is libFuzzer's dictionary for mutations).
Invariants checked on every input:

- ``normalize``: no exception; the original is kept; line breaks are kept; idempotent;
  the offset map is total and monotonic.
- ``read``: bytes → ``decode`` and every reader: only :class:`ReadError` items or
  articles with text, never an exception.
- ``pipeline``: no exception; the record is valid against the packaged JSON Schema and
  every span lies inside the text and quotes it exactly (``rokhdad.schema.validate``).

A failing input stops the run with a traceback, and libFuzzer writes it to
``--artifacts`` (``crash-<sha1>``) for replay: ``python scripts/fuzz.py pipeline FILE``.
Needs the ``fuzz`` extra (atheris).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DICT = HERE / "fuzz" / "persian.dict"


def load_pieces() -> list[str]:
    out = []
    for line in DICT.read_text(encoding="utf-8").splitlines():
        if line.startswith('"'):
            out.append(ast.literal_eval("b" + line).decode("utf-8"))
    return out


PIECES = load_pieces()


def text_of(data: bytes) -> str:
    """Fuzzer bytes → text: raw UTF-8, or a sentence built from Persian news pieces."""
    if not data:
        return ""
    if data[0] % 2:
        return data[1:].decode("utf-8", errors="surrogatepass" if data[0] % 4 == 1 else "replace")[:4000]
    return "".join(PIECES[b % len(PIECES)] for b in data[1:400])


def check_normalize(data: bytes) -> None:
    from rokhdad.normalize import normalize

    try:
        text = text_of(data)
    except UnicodeDecodeError:
        return
    nt = normalize(text)
    assert nt.original == text
    assert nt.text.count("\n") == text.count("\n"), "line breaks changed"
    assert normalize(nt.text).text == nt.text, "not idempotent"
    n, m, prev = len(nt.text), len(text), 0
    for i in range(0, n + 1, max(1, n // 50)):
        s, e = nt.to_original(i, min(n, i + 1))
        assert 0 <= s <= e <= m and s >= prev, "offset map not monotonic or out of range"
        prev = s


def check_read(data: bytes) -> None:
    from rokhdad.read import InputError, ReadError, decode, read_text

    try:
        text = decode(data)
    except InputError:
        try:
            text = text_of(data)
        except UnicodeDecodeError:
            return
    fmt = ("jsonl", "json", "csv", "html", "text", None)[data[0] % 6 if data else 5]
    for item in read_text(text, "fuzz", fmt):
        assert isinstance(item, ReadError) or item.text.strip(), "article without text"


def check_pipeline(data: bytes) -> None:
    from rokhdad.document import Article
    from rokhdad.pipeline import default_pipeline
    from rokhdad.schema import validate

    try:
        text = text_of(data)
    except UnicodeDecodeError:
        return
    if not text.strip():
        return
    doc = default_pipeline()(Article(id="fuzz", text=text))
    validate(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)))


TARGETS = {"normalize": check_normalize, "read": check_read, "pipeline": check_pipeline}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("target", choices=sorted(TARGETS))
    ap.add_argument("inputs", nargs="*", help="replay these files instead of fuzzing")
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument(
        "--max-len", type=int, default=None, help="bytes per input (default 1024; 512 for pipeline)"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--artifacts", default="fuzz-artifacts/")
    ap.add_argument("--report", default=None, help="append a JSON line with the run's figures here")
    ap.add_argument(
        "--jobs", type=int, default=1, help="split the runs over this many processes (seeds differ)"
    )
    args = ap.parse_args()
    if args.jobs > 1 and not args.inputs:
        sys.exit(run_jobs(args))
    check = TARGETS[args.target]
    if args.inputs:
        for p in args.inputs:
            check(Path(p).read_bytes())
        print(f"replayed {len(args.inputs)} input(s): no failure")
        return
    try:
        import atheris
    except ImportError:
        sys.exit("scripts/fuzz.py needs atheris: pip install -e '.[fuzz]'")
    max_len = args.max_len or (512 if args.target == "pipeline" else 1024)
    with atheris.instrument_imports(include=["rokhdad"]):
        import rokhdad.normalize
        import rokhdad.pipeline
        import rokhdad.read
        import rokhdad.schema
    if args.target == "pipeline":
        rokhdad.pipeline.default_pipeline()  # load the models before the clock starts
    Path(args.artifacts).mkdir(parents=True, exist_ok=True)
    runs = 0
    t0 = time.perf_counter()

    def report(crashes: int) -> None:
        line = {
            "target": args.target,
            "inputs": runs,
            "seconds": round(time.perf_counter() - t0, 1),
            "crashes": crashes,
        }
        print(json.dumps(line), flush=True)
        if args.report:
            with open(args.report, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(line) + "\n")

    def one(data: bytes) -> None:
        nonlocal runs
        runs += 1
        check(data)
        if runs >= args.runs:  # libFuzzer ends a -runs campaign with a bare exit(): report first
            report(0)
            sys.stdout.flush()
            os._exit(0)

    argv = [
        sys.argv[0],
        f"-max_len={max_len}",
        f"-seed={args.seed}",
        f"-dict={DICT}",
        f"-artifact_prefix={args.artifacts}",
        "-print_final_stats=1",
    ]
    atheris.Setup(argv, one)
    try:
        atheris.Fuzz()
    except SystemExit as exc:  # an input failed a check: atheris has printed it and saved it
        report(1)
        sys.exit(exc.code or 1)


def run_jobs(args: argparse.Namespace) -> int:
    """``--jobs N``: N processes with seeds seed..seed+N-1 share the runs; one summed report."""
    per = -(-args.runs // args.jobs)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        procs = []
        for j in range(args.jobs):
            cmd = [sys.executable, __file__, args.target, f"--runs={per}", f"--seed={args.seed + j}"]
            cmd += [f"--artifacts={args.artifacts}", f"--report={tmp}/{j}.jsonl"]
            if args.max_len:
                cmd.append(f"--max-len={args.max_len}")
            with open(f"{tmp}/{j}.log", "w") as log:
                procs.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log))
        codes = [p.wait() for p in procs]
        seconds = time.perf_counter() - t0
        reports = []
        for j, code in enumerate(codes):
            path = Path(f"{tmp}/{j}.jsonl")
            found = [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []
            reports.append(found[-1] if found else {"inputs": 0, "crashes": 1})  # no report: it died
            if code:
                sys.stderr.write(Path(f"{tmp}/{j}.log").read_text()[-4000:])
    total = {
        "target": args.target,
        "inputs": sum(r["inputs"] for r in reports),
        "seconds": round(seconds, 1),
        "crashes": sum(r["crashes"] for r in reports),
        "jobs": args.jobs,
    }
    print(json.dumps(total), flush=True)
    if args.report:
        with open(args.report, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(total) + "\n")
    return 1 if any(codes) else 0


if __name__ == "__main__":
    main()
