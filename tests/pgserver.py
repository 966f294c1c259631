"""A real PostgreSQL server for the tests: initdb in a temporary folder, a Unix socket only.

The binaries come from Debian's ``postgresql`` package (``/usr/lib/postgresql/*/bin``)
or the ``PATH``. PostgreSQL refuses to run as root, so under root the server
runs as the ``postgres`` user the package creates, owning its folder. It
listens on a socket in that folder and on no TCP port, and asks for a
password (SCRAM), so the tests pass one the way a deployment does.

Every command is bounded by a timeout.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import asyncpg

from briefbot.storage.db.postgres import numbered

USER = "briefbot"
PASSWORD = "pg-test-password-7f3a9c"  # a fake, for a throwaway server
PORT = 5432  # only names the socket file: the server opens no TCP port
WAIT = 60  # seconds: bound on every server command

T = TypeVar("T")


class Unavailable(Exception):
    """No PostgreSQL server can be had here; the message says why."""


def binaries() -> Path:
    """The folder holding initdb and pg_ctl, newest version first."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_version, reverse=True)
    if found:
        return found[0].parent
    initdb = shutil.which("initdb")
    if initdb is not None:
        return Path(initdb).parent
    raise Unavailable(
        "no PostgreSQL server binaries (initdb) in /usr/lib/postgresql/*/bin or on PATH: "
        "apt-get install postgresql"
    )


def _version(initdb: Path) -> int:
    name = initdb.parent.parent.name
    return int(name) if name.isdigit() else 0


def run_sync(make: Callable[[], Coroutine[Any, Any, T]], timeout: float = WAIT) -> T:
    """Run a coroutine to the end in a thread of its own, callable from inside a test's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, make()).result(timeout)


class PostgresServer:
    """One throwaway cluster; :meth:`database` makes a fresh database per test."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.root = Path(tempfile.mkdtemp(prefix="bbpg-"))
        try:
            self._init()
        except BaseException:
            self.remove()
            raise

    def _init(self) -> None:
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._as: list[str] = []
        self._created = 0
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable(
                    "running as root and no 'postgres' user to run the server as"
                ) from None
            runuser = shutil.which("runuser") or shutil.which("setpriv")
            if runuser is None:
                raise Unavailable("running as root and neither runuser nor setpriv is here")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._as = (
                [runuser, "-u", "postgres", "--"]
                if runuser.endswith("runuser")
                else [
                    runuser,
                    f"--reuid={owner.pw_uid}",
                    f"--regid={owner.pw_gid}",
                    "--clear-groups",
                ]
            )
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self._as:
            shutil.chown(pwfile, "postgres")
        self._run(
            "initdb", "-D", str(self.data), "-U", USER, f"--pwfile={pwfile}",
            "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        pwfile.unlink()

    @property
    def socket_dir(self) -> Path:
        return self.root

    def _run(self, tool: str, *args: str) -> None:
        try:
            done = subprocess.run(
                [*self._as, str(self.bin / tool), *args],
                capture_output=True,
                text=True,
                timeout=WAIT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise Unavailable(f"{tool} failed: {exc}") from exc
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise Unavailable(f"{tool} failed ({done.returncode}): {done.stderr.strip()}\n{log}")

    def start(self, *, fsync: bool = False) -> None:
        """Start the server; without ``fsync`` (tests) a crash of the machine could lose
        commits, a crash of the server cannot."""
        options = f"-k {self.socket_dir} -c listen_addresses='' -p {PORT}"
        if not fsync:
            options += " -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", str(WAIT), "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", str(WAIT), "stop")

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        """The URL of one database, without the password (as BRIEFBOT_DB holds it)."""
        return f"postgresql://{USER}@/{database}?host={self.socket_dir}&port={PORT}"

    def database(self) -> str:
        """A fresh, empty database; returns its URL."""
        self._created += 1
        name = f"test_{os.getpid()}_{self._created}"
        self.execute("postgres", f'CREATE DATABASE "{name}"')
        return self.url(name)

    def execute(self, database: str, statement: str) -> None:
        async def go() -> None:
            db = await asyncpg.connect(self.url(database), password=PASSWORD, timeout=WAIT)
            try:
                await db.execute(statement)
            finally:
                await db.close()

        run_sync(go)


def query(url: str, statement: str, *params: object) -> list[tuple[Any, ...]]:
    """The rows of one statement (``?`` placeholders) on the database at ``url``."""

    async def go() -> list[tuple[Any, ...]]:
        db = await asyncpg.connect(url, password=PASSWORD, timeout=WAIT)
        try:
            return [tuple(row) for row in await db.fetch(numbered(statement), *params)]
        finally:
            await db.close()

    return run_sync(go)
