"""A throwaway PostgreSQL server in a temporary folder, for tests and benchmarks.

Needs the server binaries (``initdb``, ``pg_ctl``; on PATH, in /usr/local/bin or in
/usr/lib/postgresql/*/bin). ``initdb`` refuses to run as root, so as root the cluster is
created and run as the unprivileged user ``nobody`` (through ``runuser``). The server
listens only on a Unix socket inside the folder::

    with TempCluster() as pg:
        store = open_store(pg.url("postgres"))
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

_BIN_DIRS = ("/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True))


def find_bin(name: str) -> str | None:
    """The path of a PostgreSQL server program, or None."""
    found = shutil.which(name)
    if found:
        return found
    for d in _BIN_DIRS:
        p = Path(d) / name
        if p.exists():
            return str(p)
    return None


def available() -> str | None:
    """None when a cluster can be started here, else the reason why not."""
    missing = [b for b in ("initdb", "pg_ctl") if find_bin(b) is None]
    if missing:
        return f"PostgreSQL server binaries not found ({', '.join(missing)}); run scripts/ci_postgres.sh"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: cannot start PostgreSQL as an unprivileged user"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    return None


class TempCluster:
    """Start with :meth:`start` (or ``with``); everything is deleted by :meth:`stop`."""

    def __init__(self, user: str = "rokhdad") -> None:
        self.user = user
        self.dir = Path(tempfile.mkdtemp(prefix="rokhdad-pg-"))
        self.data = self.dir / "data"
        self._as: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, user="nobody")
            self._as = ["runuser", "-u", "nobody", "--"]

    def _run(self, *args: str) -> None:
        res = subprocess.run([*self._as, *args], capture_output=True, text=True)
        if res.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {res.stderr.strip() or res.stdout.strip()}")

    def start(self) -> TempCluster:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if initdb is None or pg_ctl is None:
            raise RuntimeError(available() or "no PostgreSQL")
        locale = ["--locale=C.UTF-8"] if Path("/usr/lib/locale/C.utf8").exists() else ["--locale=C"]
        self._run(initdb, "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8", *locale)
        opts = f"-k {self.dir} -c listen_addresses='' -c max_connections=40 -c shared_buffers=64MB"
        self._run(pg_ctl, "-D", str(self.data), "-o", opts, "-l", str(self.dir / "log"), "-w", "start")
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql:///{dbname}?host={self.dir}&user={self.user}"

    def create_database(self, name: str) -> str:
        """A fresh, empty database; returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        pg_ctl = find_bin("pg_ctl")
        if pg_ctl and (self.data / "postmaster.pid").exists():
            subprocess.run(
                [*self._as, pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"], capture_output=True
            )
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> TempCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
