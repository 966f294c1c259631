"""The question log on PostgreSQL beside SQLite: answers per second, measured in one run.

Rounds alternate logging off, on a SQLite file and on a PostgreSQL database,
so drift hits all three alike; each "on" round's final ``flush`` is counted,
so the database work is paid inside the round. It then times ``Store.log``
alone on each store, through to the database. Ratios are printed against
logging off and between the two stores.

PostgreSQL is a throwaway server started for the run (initdb in a temporary
folder, Unix socket, fsync on, as a deployment runs it), from the Debian
package's binaries, or the database given with ``--url`` (password in
``PGPASSWORD``). CPU per answer is this process's: the server's work is in its own processes
(on another machine, in a deployment). It prints figures and asserts nothing.

    .venv/bin/python benchmarks/bench_postgres.py [--questions 20000] [--rounds 5] [--url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

from bench_logging import answer_all, load_questions
from briefbot import knowledge
from briefbot.engine.core import Engine
from briefbot.service import AnswerService
from briefbot.storage import LogEntry, Store
from briefbot.storage.location import Location, PostgresLocation, SqliteLocation

SECRET = "0123456789abcdef" * 4  # the benchmark's own user-hash key
TESTS = Path(__file__).resolve().parents[1] / "tests"


@contextmanager
def postgres(url: str | None, folder: Path) -> Iterator[PostgresLocation]:
    """The database to measure: ``url``, or a throwaway server's, removed afterwards."""
    local = folder / "briefbot-postgres"
    if url is not None:
        yield PostgresLocation(url, local, os.environ.get("PGPASSWORD"))
        return
    sys.path.insert(0, str(TESTS))  # the tests' server helper: initdb, pg_ctl, as postgres
    from pgserver import PASSWORD, PostgresServer  # noqa: PLC0415

    server = PostgresServer()
    server.start(fsync=True)
    try:
        yield PostgresLocation(server.database(), local, PASSWORD)
    finally:
        server.stop()
        server.remove()


async def raw_log(location: Location, count: int) -> tuple[float, float]:
    """Store.log alone: calls per second, and rows per second through to the database."""
    now = datetime.now(UTC)
    entries = [
        LogEntry(uuid4().hex, now, "chat", 1, 2, n, "en", None, "decline", 0.1, 1.0, f"q {n}")
        for n in range(count)
    ]
    async with await Store.open(
        location, secret=SECRET, max_pending=count, max_queue=count
    ) as store:
        started = time.perf_counter()
        for item in entries:
            store.log(item)
        accepted = time.perf_counter() - started
        await store.flush()
        stored = time.perf_counter() - started
    return count / accepted, count / stored


def _median(runs: list[tuple[float, float]], index: int) -> float:
    return statistics.median(run[index] for run in runs)


async def main(args: argparse.Namespace) -> None:
    engine = Engine(knowledge.load(), knowledge.lexicon())
    questions = load_questions(args.questions)
    runs: dict[str, list[tuple[float, float]]] = {"off": [], "sqlite": [], "postgres": []}
    with tempfile.TemporaryDirectory() as name, postgres(args.url, Path(name)) as pg:
        folder = Path(name)
        sqlite = SqliteLocation(folder / "bench.sqlite3")
        async with (
            await Store.open(sqlite, secret=SECRET) as on_sqlite,
            await Store.open(pg, secret=SECRET) as on_postgres,
        ):
            services = {
                "off": AnswerService(engine),
                "sqlite": AnswerService(engine, on_sqlite),
                "postgres": AnswerService(engine, on_postgres),
            }
            for service in services.values():  # warm up every path
                await answer_all(service, questions[:1000])
            for _ in range(args.rounds):
                for kind, service in services.items():
                    runs[kind].append(await answer_all(service, questions))
            logged = [(await store.stats()).total for store in (on_sqlite, on_postgres)]
        raw_sqlite = await raw_log(SqliteLocation(folder / "raw.sqlite3"), args.questions)
        raw_pg = await raw_log(PostgresLocation(pg.url, pg.local, pg.password), args.questions)
    rate = {kind: _median(r, 0) for kind, r in runs.items()}
    cpu = {kind: _median(r, 1) for kind, r in runs.items()}
    print(f"python {sys.version.split()[0]}, {args.questions:,} questions x {args.rounds} rounds")
    for kind, measured in runs.items():
        print(
            f"logging {kind:<9}: {rate[kind]:8,.0f} answers/s  {cpu[kind]:6.1f} µs CPU/answer"
            f"  (rounds: {', '.join(f'{r:,.0f}' for r, _ in measured)})"
        )
    for kind in ("sqlite", "postgres"):
        print(
            f"cost {kind:<12}: {1 - rate[kind] / rate['off']:8.1%} of throughput, "
            f"{cpu[kind] / cpu['off'] - 1:.1%} more CPU per answer (budget: 20%)"
        )
    print(f"postgres/sqlite   : {rate['postgres'] / rate['sqlite']:8.2f}x answers/s with logging")
    print(f"rows logged       : {logged[0]:,} SQLite, {logged[1]:,} PostgreSQL")
    for kind, (calls, rows) in (("sqlite", raw_sqlite), ("postgres", raw_pg)):
        print(f"Store.log {kind:<8}: {calls:8,.0f} calls/s accepted, {rows:,.0f} rows/s written")
    print(f"rows/s written    : {raw_pg[1] / raw_sqlite[1]:8.2f}x PostgreSQL/SQLite")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=20_000, help="answers per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each kind")
    parser.add_argument("--url", help="a PostgreSQL database to use instead of a throwaway server")
    asyncio.run(main(parser.parse_args()))
