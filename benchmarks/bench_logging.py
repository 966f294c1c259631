"""Answers per second with the question log on and off, measured in the same run.

The budget: logging may cost at most 20% of answering throughput. Each round
asks the dev-set questions (cycled) through ``AnswerService.ask``, the path
every front end takes; "on" rounds give the service a ``Store`` on a real
SQLite file, "off" rounds give it none, and the final ``flush`` is counted
so the disk work is paid inside the round. Rounds alternate off/on so drift
(CPU frequency, other processes) hits both alike. CPU time per answer is
printed too: on a busy machine it is steadier than wall-clock rates.

It prints figures and asserts nothing.

    .venv/bin/python benchmarks/bench_logging.py [--questions 20000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import yaml

from briefbot import knowledge
from briefbot.engine.core import Engine
from briefbot.service import AnswerService, Origin
from briefbot.storage import LogEntry, Store

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "devset.yaml"
YIELD_EVERY = 20  # answers between yields to the event loop, as a busy bot would


def load_questions(count: int) -> list[str]:
    items = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))["questions"]
    texts = [str(item["q"]) for item in items]
    return [texts[n % len(texts)] for n in range(count)]


async def answer_all(service: AnswerService, questions: list[str]) -> tuple[float, float]:
    """Ask every question as a Discord user would; return answers/s and CPU µs per answer."""
    started, cpu = time.perf_counter(), time.process_time()
    for n, question in enumerate(questions):
        origin = Origin("chat", guild_id=1 + n % 7, channel_id=100 + n % 13, user_id=n % 997)
        service.ask(question, origin)
        if n % YIELD_EVERY == 0:
            await asyncio.sleep(0)  # the event loop runs the writer, as in the bot
    if service.store is not None:
        await service.store.flush()
    elapsed = time.perf_counter() - started
    return len(questions) / elapsed, (time.process_time() - cpu) / len(questions) * 1e6


async def raw_log(folder: Path, count: int) -> tuple[float, float]:
    """Store.log alone: calls per second, and rows per second through to the disk."""
    now = datetime.now(UTC)
    entries = [
        LogEntry(uuid4().hex, now, "chat", 1, 2, n, "en", None, "decline", 0.1, 1.0, f"q {n}")
        for n in range(count)
    ]
    # Everything in memory: this measures log() and the writer, not spill files.
    async with await Store.open(
        folder / "raw.sqlite3", max_pending=count, max_queue=count
    ) as store:
        started = time.perf_counter()
        for item in entries:
            store.log(item)
        accepted = time.perf_counter() - started
        await store.flush()
        stored = time.perf_counter() - started
    return count / accepted, count / stored


async def main(args: argparse.Namespace) -> None:
    engine = Engine(knowledge.load(), knowledge.lexicon())
    questions = load_questions(args.questions)
    off: list[tuple[float, float]] = []
    on: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        async with await Store.open(Path(folder) / "bench.sqlite3") as store:
            plain, logging = AnswerService(engine), AnswerService(engine, store)
            await answer_all(logging, questions[:1000])  # warm up both paths
            await answer_all(plain, questions[:1000])
            for _ in range(args.rounds):
                off.append(await answer_all(plain, questions))
                on.append(await answer_all(logging, questions))
            logged = (await store.stats()).total
        calls, rows = await raw_log(Path(folder), args.questions)
    off_rate, on_rate = (statistics.median(r for r, _ in runs) for runs in (off, on))
    off_cpu, on_cpu = (statistics.median(c for _, c in runs) for runs in (off, on))
    print(f"python {sys.version.split()[0]}, {args.questions:,} questions x {args.rounds} rounds")
    print(f"logging off : {off_rate:8,.0f} answers/s  {off_cpu:6.1f} µs CPU/answer  ({_list(off)})")
    print(f"logging on  : {on_rate:8,.0f} answers/s  {on_cpu:6.1f} µs CPU/answer  ({_list(on)})")
    print(f"cost        : {1 - on_rate / off_rate:8.1%} of throughput (budget: 20%), ", end="")
    print(f"{on_cpu / off_cpu - 1:.1%} more CPU per answer")
    print(f"rows logged : {logged:,} (every question of the 'on' rounds and the warm-up)")
    print(f"Store.log   : {calls:8,.0f} calls/s accepted, {rows:,.0f} rows/s written")


def _list(runs: list[tuple[float, float]]) -> str:
    return "rounds: " + ", ".join(f"{rate:,.0f}" for rate, _ in runs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=20_000, help="answers per round")
    parser.add_argument("--rounds", type=int, default=5, help="off/on round pairs")
    asyncio.run(main(parser.parse_args()))
