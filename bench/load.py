"""Load test: 50 concurrent clients for 60 s over search and events, on loopback (issue 10).

The server is ``rokhdad serve`` in its own process (uvicorn, SQLite opened read-only); the
clients are asyncio tasks on kept-alive connections (bench/api.py's minimal HTTP/1.1 client),
each sending requests one after another for ``--seconds``, half ``/api/events`` with random
filters and half ``/api/articles?q=`` searches, drawn from what the store holds. Every
answer must be 200; anything else (a status, a reset connection, a timeout) is an error.

    python bench/load.py --build                   # ingest the Fars corpus into a temp store first
    python bench/load.py --db sqlite:///fars.db    # or use an existing store

Writes the ``## Load`` section of docs/benchmarks.md (``--no-write`` to only print).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import _get, add_store_args, pct, request_mix, server_cpu, serving, store_of
from common import machine, write_section

REQUEST_TIMEOUT = 30.0


async def _load(
    base: str, mix: dict[str, list[str]], clients: int, seconds: float, seed: int
) -> dict[str, Any]:
    host, port = base.removeprefix("http://").split(":")
    lat: dict[str, list[float]] = {"events": [], "search": []}
    errors: dict[str, int] = {}
    stop = time.perf_counter() + seconds

    async def client(n: int) -> None:
        rnd = random.Random(seed * 1000 + n)
        conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        while time.perf_counter() < stop:
            kind = rnd.choice(("events", "search"))
            url = rnd.choice(mix[kind])
            try:
                if conn is None:
                    conn = await asyncio.open_connection(host, int(port))
                t = time.perf_counter()
                status = await asyncio.wait_for(_get(*conn, f"{host}:{port}", url), REQUEST_TIMEOUT)
                lat[kind].append(time.perf_counter() - t)
                if status != 200:
                    errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1
            except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                if conn is not None:
                    conn[1].close()
                conn = None
        if conn is not None:
            conn[1].close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    return {"lat": lat, "errors": errors, "wall": time.perf_counter() - t0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_store_args(ap)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=1, help="server processes")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    with store_of(args, "rokhdad-bench-load-") as (url, built), serving(url, args.workers) as (base, server):
        import httpx

        mix = request_mix(base, 2000, seed=args.seed)
        counts = httpx.get(base + "/api/meta").json()["counts"]
        cpu0 = server_cpu(server)
        res = asyncio.run(_load(base, mix, args.clients, args.seconds, args.seed))
        cpu1 = server_cpu(server)
        alive = server.poll() is None

    all_lat = res["lat"]["events"] + res["lat"]["search"]
    n_err = sum(res["errors"].values())
    rows = []
    for kind, lat in (*res["lat"].items(), ("all", all_lat)):
        if lat:
            rows.append(
                f"| {kind} | {len(lat)} | {pct(lat, 50):.0f} | {pct(lat, 95):.0f} | {pct(lat, 99):.0f} "
                f"| {1000 * max(lat):.0f} | {len(lat) / res['wall']:.1f} |"
            )
    cpu = (
        f"{1000 * (cpu1 - cpu0) / max(1, len(all_lat)):.1f}"
        if cpu0 is not None and cpu1 is not None
        else "n/a"
    )
    err_text = ", ".join(f"{k} ×{v}" for k, v in sorted(res["errors"].items())) or "none"
    try:
        load = " (load average {:.1f} {:.1f} {:.1f} when it ended)".format(*os.getloadavg())
    except OSError:
        load = ""
    store_line = (
        f"the Fars News corpus ingested with the store's ingest (stages: {', '.join(built['stages'])})"
        if built
        else (args.about or "the given store")
    )
    body = f"""
`python bench/load.py {"--build" if built else "--db URL"} --clients {args.clients} --seconds {args.seconds:g}
--workers {args.workers}`: {args.clients} concurrent clients for {res["wall"]:.0f} s against `rokhdad serve
--workers {args.workers}` on loopback, each sending requests back to back on a kept-alive connection, half
`/api/events` (random filters, pages of 50) and half `/api/articles?q=` searches (pages of 20); store:
{store_line}: {counts.get("articles")} articles, {counts.get("events")} events. Clients and server share the machine.

| kind | requests | p50 ms | p95 ms | p99 ms | max ms | req/s |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Errors (any answer but 200, a reset connection, or no answer within {REQUEST_TIMEOUT:g} s): **{n_err}** ({err_text});
server still up at the end: {"yes" if alive else "NO"}; server CPU {cpu} ms per request.
Machine: {machine()}{load}.
"""
    print(body)
    if not args.no_write:
        write_section("Load", body)
    if n_err or not alive:
        raise SystemExit(1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
