"""3,000 simultaneous /ask through the Discord stand-in: first responses within 3 s.

Discord gives a bot 3 s to send the first response to an interaction. Each
round starts the stand-in (``tests/bot/standin.py``) in this process and a
client in a child process, so each has a core of its own as they would
against the real Discord; it sends ``--count`` /ask interactions back to back
on the gateway, then waits (bounded) for every initial response and reports
the delay from each dispatch to its response as the stand-in saw it. The
stand-in accepts late responses here (deadline raised) so every delay counts.

Clients, each measured in the same run:

- ``raw``: no discord.py, a fixed answer straight over aiohttp: the stand-in's
  own ceiling;
- ``trivial``: discord.py answering "ok" at once: what discord.py costs;
- ``briefbot``: ``briefbot run`` with a real store in a temporary directory.

"others CPU" is what every other process on the machine used during the round;
the summary also gives the worst of the quiet rounds, where that stayed under
half a second. It prints figures and asserts nothing.

    .venv/bin/python benchmarks/bench_discord_load.py [--count 3000] [--rounds 3]
        [--clients raw,trivial,briefbot] [--profile DIR]

``--profile DIR`` records each client and the stand-in with py-spy (when it is
on the PATH; ``pip install py-spy``) into ``DIR/<client>.txt`` and
``DIR/<client>-standin.txt`` (collapsed stacks, one line per stack).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "bot"))

from standin import FakeDiscord, InteractionHandle  # noqa: E402

DEADLINE = 3.0  # seconds: Discord's limit for the first response
WAIT_ALL = 120.0  # seconds: the longest a round waits for the last response
POLL = 0.05
DEVSET = ROOT / "tests" / "devset.yaml"
CLIENTS = ("raw", "trivial", "briefbot")
# A round is quiet when every other process used less CPU than this meanwhile.
QUIET_OTHERS = 0.5  # seconds


@dataclass
class Round:
    client: str
    delays: list[float]  # seconds from dispatch to initial response, sorted
    missing: int  # interactions without a response when the round gave up
    dispatch_seconds: float  # how long sending them all took
    client_cpu: float  # CPU seconds the client used during the round
    standin_cpu: float  # CPU seconds this process (the stand-in) used
    others_cpu: float  # CPU seconds every other process on the machine used meanwhile

    @property
    def on_time(self) -> int:
        return sum(d <= DEADLINE for d in self.delays)

    def quantile(self, q: float) -> float:
        return self.delays[min(len(self.delays) - 1, int(q * len(self.delays)))]


def questions(count: int) -> list[str]:
    items = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))["questions"]
    texts = [str(item["q"])[:200] for item in items if str(item["q"]).strip()]
    return [texts[n % len(texts)] for n in range(count)]


def command(client: str, standin: FakeDiscord, folder: Path) -> tuple[list[str], dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_"))}
    if client == "briefbot":
        wrapper = ROOT / "tests" / "bot" / "briefbot_against_standin.py"
        args = [str(wrapper), standin.api_base, standin.gateway_url, "run"]
        env.update(
            DISCORD_TOKEN=standin.token,
            BRIEFBOT_DB=str(folder / "briefbot.sqlite3"),
            BRIEFBOT_SYNC_ON_START="1",
        )
    else:
        script = ROOT / "benchmarks" / "load_clients.py"
        args = [str(script), client, standin.api_base, standin.gateway_url, standin.token]
    return [sys.executable, *args], env


def machine_cpu() -> float:
    """CPU seconds the whole machine has been busy (every core), from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def child_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a running child, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def ready(standin: FakeDiscord, process: asyncio.subprocess.Process) -> None:
    """Until the client is on the gateway with /ask registered (or gave up)."""
    started = time.monotonic()
    while time.monotonic() - started < 30:
        if process.returncode is not None:
            raise RuntimeError(f"client exited with {process.returncode} before it was ready")
        registered = any(c["name"] == "ask" for c in standin.commands.get(None, []))
        if registered and standin.gateway.live_session():
            return
        await asyncio.sleep(POLL)
    raise TimeoutError("client not ready within 30 s")


async def py_spy(pid: int, out: Path) -> asyncio.subprocess.Process:
    """py-spy sampling ``pid`` into ``out`` (collapsed stacks) until SIGINT."""
    return await asyncio.create_subprocess_exec(
        *("py-spy", "record", "-p", str(pid), "-f", "raw", "-o", str(out), "-r", "200"),
        "--nonblocking",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def one_round(client: str, count: int, profile: Path | None) -> Round:
    texts = questions(count)
    async with FakeDiscord(interaction_deadline=WAIT_ALL) as standin:
        with tempfile.TemporaryDirectory() as tmp:
            argv, env = command(client, standin, Path(tmp))
            process = await asyncio.create_subprocess_exec(
                *argv, env=env, stdout=asyncio.subprocess.DEVNULL
            )
            spies: list[asyncio.subprocess.Process] = []
            try:
                await ready(standin, process)
                if profile is not None and shutil.which("py-spy"):
                    for pid, name in ((process.pid, client), (os.getpid(), f"{client}-standin")):
                        spies.append(await py_spy(pid, profile / f"{name}.txt"))
                    await asyncio.sleep(1.0)  # py-spy attaching
                cpu0, own0, all0 = child_cpu(process.pid), time.process_time(), machine_cpu()
                sent = time.monotonic()
                handles: list[InteractionHandle] = []
                for n, text in enumerate(texts):
                    locale = "fr" if n % 2 else "en-US"
                    handles.append(
                        await standin.dispatch_slash("ask", {"question": text}, locale=locale)
                    )
                dispatch_seconds = time.monotonic() - sent
                while time.monotonic() - sent < WAIT_ALL:
                    if all(h.callback_delay is not None for h in handles):
                        break
                    await asyncio.sleep(POLL)
                cpu = child_cpu(process.pid) - cpu0
                own = time.process_time() - own0
                others = max(0.0, machine_cpu() - all0 - cpu - own)
            finally:
                for spy in spies:
                    spy.send_signal(signal.SIGINT)
                    await spy.wait()
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), 30)
    delays = sorted(h.callback_delay for h in handles if h.callback_delay is not None)
    return Round(client, delays, count - len(delays), dispatch_seconds, cpu, own, others)


def report(rounds: list[Round], count: int) -> None:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines()
                  if line.startswith("model name")), "unknown CPU")  # fmt: skip
    print(
        f"{count:,} simultaneous /ask; {os.cpu_count()} x {model}; python {sys.version.split()[0]}"
    )
    print(
        f"{'client':<9} {'on time':>13} {'p50':>7} {'p90':>7} {'p99':>7} {'max':>7}"
        f" {'missing':>7} {'dispatch':>8} {'client CPU':>10} {'stand-in CPU':>12}"
        f" {'others CPU':>10}"
    )
    for r in rounds:
        print(
            f"{r.client:<9} {r.on_time:>6,}/{count:<6,} {r.quantile(0.5):>6.2f}s"
            f" {r.quantile(0.9):>6.2f}s {r.quantile(0.99):>6.2f}s {r.delays[-1]:>6.2f}s"
            f" {r.missing:>7} {r.dispatch_seconds:>7.2f}s {r.client_cpu:>9.2f}s"
            f" {r.standin_cpu:>11.2f}s {r.others_cpu:>9.2f}s"
        )
    for client in dict.fromkeys(r.client for r in rounds):
        mine = [r for r in rounds if r.client == client]
        quiet = [r for r in mine if r.others_cpu < QUIET_OTHERS]
        median = statistics.median(r.on_time for r in mine)
        per = statistics.median(r.client_cpu for r in mine) / count * 1000
        line = f"{client}: median {median:,.0f} of {count:,} within 3 s"
        if quiet:
            line += (
                f"; in the {len(quiet)} quiet rounds worst {min(r.on_time for r in quiet):,},"
                f" max delay {max(r.delays[-1] for r in quiet):.2f} s"
            )
        print(f"{line}; {per:.2f} ms of client CPU per interaction")


async def main(args: argparse.Namespace) -> None:
    clients = [c for c in args.clients.split(",") if c]
    unknown = set(clients) - set(CLIENTS)
    if unknown:
        sys.exit(f"unknown clients {sorted(unknown)}; choose from {', '.join(CLIENTS)}")
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    rounds: list[Round] = []
    for number in range(args.rounds):
        for client in clients:  # interleaved, so drift hits every client alike
            print(f"round {number + 1}: {client} ...", file=sys.stderr, flush=True)
            rounds.append(await one_round(client, args.count, args.profile))
    report(rounds, args.count)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000, help="interactions per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per client")
    parser.add_argument("--clients", default=",".join(CLIENTS), help="comma-separated")
    parser.add_argument("--profile", type=Path, help="py-spy recordings of each client here")
    asyncio.run(main(parser.parse_args()))
