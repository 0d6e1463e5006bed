"""``rokhdad normalize``: one output line per input line, switches, bounded memory."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rokhdad.cli import app

Z = "\u200c"


def run(args: list[str], stdin: str | None = None) -> tuple[int, str]:
    res = CliRunner().invoke(app, ["normalize", *args], input=stdin)
    return res.exit_code, res.stdout


def test_line_for_line(tmp_path: Path) -> None:
    p = tmp_path / "in.txt"
    p.write_text("میشود\n\nروش های نو\nكتاب 12\n", encoding="utf-8")
    code, out = run([str(p)])
    assert code == 0
    assert out.split("\n") == [f"می{Z}شود", "", f"روش{Z}های نو", "کتاب 12", ""]


def test_stdin_and_flags() -> None:
    code, out = run(["-", "--no-zwnj", "--digits", "persian"], "میشود 12\n")
    assert code == 0 and out == "میشود ۱۲\n"
    code, out = run(["-", "--off", "punctuation"], "تهران ، مشهد\n")
    assert code == 0 and out == "تهران ، مشهد\n"
    code, out = run(["-"], "تهران ، مشهد\n")
    assert code == 0 and out == "تهران، مشهد\n"


def test_unknown_step_is_an_error() -> None:
    code, _ = run(["-", "--off", "nonsense"], "x\n")
    assert code != 0


@pytest.mark.slow
def test_large_input_streams_in_bounded_memory(tmp_path: Path) -> None:
    """~12 MB through the real command: memory stays far below the input size times a few."""
    p = tmp_path / "big.txt"
    line = "به گزارش خبرگزاری فارس همکاریهای دوجانبه میشود و روش های نو در حوزههای مختلف " * 20
    with p.open("w", encoding="utf-8") as f:
        for i in range(4000):
            f.write(f"{line} {i}\n")
    size = p.stat().st_size
    code = (
        "import resource, sys; from rokhdad.cli import main; sys.argv = ['rokhdad', 'normalize', sys.argv[1]];"
        "\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec from the (large) pytest parent
        "hwm = [x for x in open('/proc/self/status') if x.startswith('VmHWM')][0].split()[1]\n"
        "print(hwm, file=sys.stderr)"
    )
    res = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.count("\n") == 4000
    peak_kib = int(res.stderr.strip().splitlines()[-1])
    assert peak_kib * 1024 < 250 * 2**20, f"peak {peak_kib} KiB for {size} bytes of input"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0
