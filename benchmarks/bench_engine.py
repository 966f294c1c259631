"""How fast the answer engine is, next to a naive fuzzy baseline measured in the same run.

One run measures, and prints (it asserts nothing and always exits 0):

1. loading the shipped knowledge base: read, validate, build the ``Engine``;
2. a mixed question stream on the shipped knowledge base (dev and held-out
   questions plus bad inputs, shuffled, repeated): answers/s and p50/p99
   latency of ``Engine.answer`` and of a naive baseline, one
   ``rapidfuzz.process.extractOne(q, every_paraphrase, scorer=fuzz.WRatio)``;
   twice: with the engine keeping the readings of questions asked before (the
   default: a repeat is only written for the moment), and on questions never asked
   before: every distinct question of the repository's question sets (about 6,000,
   the unseen fresh sets aside), with the engine keeping no readings, each question
   coming back only after thousands of others (so its text is in no cache; common
   words are, as in use);
3. the same on a synthetic knowledge base of 10,000 subjects (generated in
   memory, one answer each), with its build time;
4. process start to first answer of ``briefbot ask --no-log``, next to the
   interpreter's own floor (``python -c pass``);
5. memory held by the knowledge base and engine, and the peak while building
   them (RSS in a fresh interpreter).

Targets (from the issue) are printed as PASS/MISS, for information only.

``--compiled`` measures the build the Docker image runs: the wheel with the engine
compiled by mypyc (``BRIEFBOT_COMPILE=1``, see ``hatch_build.py``), built once per state
of the sources into ``build/`` and imported ahead of the plain sources.

    .venv/bin/python benchmarks/bench_engine.py [--quick] [--seed N] [--json] [--compiled]
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import yaml
from rapidfuzz import fuzz, process

import briefbot
from briefbot import knowledge
from briefbot.engine import core
from briefbot.engine.core import Engine
from briefbot.engine.kb import KnowledgeBase
from briefbot.engine.render import placeholder_keys
from briefbot.engine.types import LANGS
from briefbot.engine.validate import parse_knowledge

ROOT = Path(__file__).resolve().parents[1]
QUESTION_SETS = (ROOT / "tests" / "devset.yaml", ROOT / "tests" / "holdout.yaml")
# During the meeting, so tensed answers take their "now" branch.
NOW = datetime(2025, 1, 16, 11, 0, tzinfo=UTC)
BAD_INPUTS = {
    "empty": "",
    "10,000 characters": "qui a parlé " * 834,  # a paste, not a question
    "emoji only": "🤔🔥🇫🇷👍😂",
    "control characters": "who\x00 spoke\x07 at\x1b[31m the\u200b opening\x7f?",
    "right-to-left": "من تحدث في الافتتاح؟ מי דיבר בפתיחה?",
}
SYNTHETIC_TOPICS = 10_000
PSEUDO_WORDS = 3_000
ASK = "who spoke at the opening?"
NOVEL_WARM = 500  # questions to warm up on before the never-asked stream (not in it)
R = TypeVar("R")
TARGETS = {"shipped_rate": 10_000.0, "shipped_p99_ms": 1.0, "scaled_p99_ms": 10.0, "start_s": 0.5}


@dataclass(frozen=True, slots=True)
class Timing:
    """Latency and throughput of one answering function over one stream."""

    questions: int
    per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float


def progress(text: str) -> None:
    print(f"... {text}", file=sys.stderr, flush=True)


def timed(fn: Callable[[str], R], questions: Sequence[str]) -> tuple[list[int], float, list[R]]:
    """Per-call latencies (ns), the loop's wall time (s), and the results."""
    latencies: list[int] = []
    results: list[R] = []
    clock = time.perf_counter_ns
    started = clock()
    for q in questions:
        began = clock()
        results.append(fn(q))
        latencies.append(clock() - began)
    return latencies, (clock() - started) / 1e9, results


def summarize(latencies: list[int], wall: float) -> Timing:
    ordered = sorted(latencies)

    def pct(p: float) -> float:  # nearest rank
        return ordered[min(len(ordered) - 1, max(0, round(p * len(ordered)) - 1))] / 1e6

    return Timing(len(ordered), len(ordered) / wall, pct(0.50), pct(0.99), ordered[-1] / 1e6)


def compare(
    fns: tuple[Callable[[str], object], Callable[[str], object]],
    streams: tuple[Sequence[str], Sequence[str]],
    chunks: int = 4,
) -> tuple[tuple[Timing, list[Any]], tuple[Timing, list[Any]]]:
    """Time both functions over their streams in alternating chunks, so drift hits both alike."""
    lats: tuple[list[int], list[int]] = ([], [])
    walls = [0.0, 0.0]
    results: tuple[list[object], list[object]] = ([], [])
    for n in range(chunks):
        for i in (0, 1):
            items = streams[i]
            lat, wall, res = timed(
                fns[i], items[n * len(items) // chunks : (n + 1) * len(items) // chunks]
            )
            lats[i].extend(lat)
            walls[i] += wall
            results[i].extend(res)
    return (summarize(lats[0], walls[0]), results[0]), (summarize(lats[1], walls[1]), results[1])


def baseline_for(kb: KnowledgeBase) -> Callable[[str], str | None]:
    """The naive matcher: the answer of the closest paraphrase by WRatio, nothing else."""
    phrases = [(p, c.id) for c in kb.cells for lang in LANGS for p in c.paraphrases[lang]]
    texts, owners = [p for p, _ in phrases], [t for _, t in phrases]

    def answer(question: str) -> str | None:
        best = process.extractOne(question, texts, scorer=fuzz.WRatio)
        return owners[best[2]] if best is not None else None

    return answer


def engine_for(engine: Engine) -> Callable[[str], str | None]:
    """``Engine.answer`` at a fixed time; the answer (cell) it gave first, if any."""
    return lambda q: engine.answer(q, now=NOW).topic


# -- 1. loading ----------------------------------------------------------------------------


def load_times(runs: int) -> dict[str, float]:
    """Median seconds of each loading step over ``runs`` cold loads (fresh objects each time)."""
    steps: dict[str, list[float]] = {"read": [], "validate": [], "engine": [], "total": []}
    for _ in range(runs):
        t0 = time.perf_counter()
        docs = knowledge.read_documents(knowledge.default_dir())
        t1 = time.perf_counter()
        kb = parse_knowledge(docs, placeholder_keys)
        t2 = time.perf_counter()
        Engine(kb, knowledge.lexicon())
        t3 = time.perf_counter()
        for step, value in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
            steps[step].append(value)
    return {step: statistics.median(values) for step, values in steps.items()}


# -- 2. shipped knowledge base -------------------------------------------------------------


def shipped_stream(size: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """The unique questions (dev, held-out, bad inputs), and a shuffled stream of ``size``."""
    unique: list[str] = list(BAD_INPUTS.values())
    for path in QUESTION_SETS:
        unique += [str(item["q"]) for item in yaml.safe_load(path.read_text("utf-8"))["questions"]]
    stream = [unique[n % len(unique)] for n in range(size)]
    rng.shuffle(stream)
    return unique, stream


def novel_stream(size: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """Questions never asked before: some to warm up on, and a stream of ``size`` others,
    shuffled, each coming back only after all the others (the sets hold thousands)."""
    found: dict[str, None] = {}
    for path in sorted((ROOT / "tests").glob("*.yaml")):
        if path.name.startswith("fresh") or path.name == "port-questions.yaml":
            continue  # the unseen sets are a report; the port set asks another knowledge base
        doc = yaml.safe_load(path.read_text("utf-8"))
        found.update(dict.fromkeys(str(item["q"]) for item in doc.get("questions", ())))
        for case in doc.get("cases", ()):
            found.update(dict.fromkeys(str(turn["q"]) for turn in case["turns"]))
    questions = list(found)
    rng.shuffle(questions)
    warm, rest = questions[:NOVEL_WARM], questions[NOVEL_WARM:]
    return warm, [rest[n % len(rest)] for n in range(size)]


def bad_input_latencies(engine: Engine, baseline: Callable[[str], object]) -> list[dict[str, Any]]:
    """Median latency of each bad input alone (they are rare in the stream: p99 hides them)."""
    rows: list[dict[str, Any]] = []
    for name, text in BAD_INPUTS.items():
        e = statistics.median(timed(engine_for(engine), [text] * 21)[0]) / 1e6
        b = statistics.median(timed(baseline, [text] * 21)[0]) / 1e6
        rows.append({"input": name, "chars": len(text), "engine_ms": e, "baseline_ms": b})
    return rows


# -- 3. synthetic knowledge base -----------------------------------------------------------

DOMAIN = {
    "en": "meeting committee defence chiefs alliance military press conference agenda speech "
    "opening session partners ukraine readiness deterrence operations missions budget",
    "fr": "réunion comité défense chefs alliance militaire presse conférence programme discours "
    "ouverture séance partenaires ukraine préparation dissuasion opérations missions budget",
}
# Question frames; {a} {b} {c} are a subject's own words, {d} a domain word.
TEMPLATES = {
    "en": (
        "who is in charge of the {a} {b}", "when is the {a} {d}", "where is the {b} {a} held",
        "what was said about {a} {c}", "tell me about the {d} {b}", "{a} {b} {c}",
        "is the {c} {a} on the agenda", "how many {b} at the {d}", "what was decided on {a} {b}",
        "any news on the {c} {b}", "why the {a} {d}", "details of the {b} {c} {d}",
    ),
    "fr": (
        "qui s’occupe du {a} {b}", "quand a lieu la {d} {a}", "où se tient le {b} {a}",
        "qu’ont-ils dit sur {a} {c}", "parle-moi de la {d} {b}", "{a} {b} {c}",
        "le {c} {a} est-il à l’ordre du jour", "combien de {b} à la {d}",
        "qu’ont-ils décidé pour {a} {b}", "des nouvelles du {c} {b}", "pourquoi le {a} {d}",
        "les détails du {b} {c} {d}",
    ),
}  # fmt: skip


def pseudo_words(rng: random.Random, count: int) -> list[str]:
    """Pronounceable made-up words of 5 to 13 letters, all distinct."""
    onsets = ("b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "tr", "ch")
    words: set[str] = set()
    while len(words) < count:
        syllables = [rng.choice(onsets) + rng.choice("aeiou") for _ in range(rng.randint(2, 4))]
        word = "".join(syllables) + rng.choice(("", "n", "r", "s", "l"))
        if len(word) >= 5:
            words.add(word)
    return sorted(words)


def synthetic_documents(rng: random.Random, topics: int) -> dict[str, Any]:
    """The shipped facts, concepts, aspects and scope, plus ``topics`` generated subjects
    of one answer each."""
    shipped = knowledge.read_documents(knowledge.default_dir())
    docs: dict[str, Any] = {name: doc for name, doc in shipped.items() if "subjects" not in doc}
    vocab = pseudo_words(rng, PSEUDO_WORDS)
    # Zipf-like: a few words recur in many subjects, most in a handful, as in real text.
    cum = list(itertools.accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(len(vocab))))
    domain = {lang: DOMAIN[lang].split() for lang in LANGS}
    seen: set[str] = set()
    out = []
    for n in range(1, topics + 1):
        while True:
            shared = rng.choices(vocab, cum_weights=cum)[0]  # a name both languages use
            words = {
                lang: [shared, *rng.choices(vocab, cum_weights=cum, k=2), rng.choice(domain[lang])]
                for lang in LANGS
            }
            paraphrases = {}
            for lang in LANGS:
                a, b, c, d = words[lang]
                chosen = rng.sample(TEMPLATES[lang], 8)
                paraphrases[lang] = [t.format(a=a, b=b, c=c, d=d) for t in chosen]
            folded = {" ".join(p.lower().split()) for lang in LANGS for p in paraphrases[lang]}
            if len(folded) == 16 and not folded & seen:
                seen |= folded
                break
        fr, en = words["fr"], words["en"]
        fill = {lang: " ".join(rng.choices(vocab, cum_weights=cum, k=12)) for lang in LANGS}
        title = {"fr": f"{fr[0].title()} {fr[1]}", "en": f"{en[0].title()} {en[1]}"}
        cell = {
            "id": "main",
            "serves": ["about"],
            "title": title,
            "label": {
                "fr": f"Qu’en est-il du {fr[0]} {fr[1]} ?",
                "en": f"About the {en[0]} {en[1]}?",
            },
            "keywords": {"fr": [fr[0], f"{fr[1]} {fr[2]}"], "en": [en[0], f"{en[1]} {en[2]}"]},
            "paraphrases": paraphrases,
            "answer": {
                "fr": f"Le {fr[0]} {fr[1]} : {fill['fr']}.",
                "en": f"The {en[0]}: {fill['en']}.",
            },
        }
        out.append({"id": f"t{n:05d}", "title": title, "default": "main", "cells": [cell]})
    docs["subjects-synthetic.yaml"] = {"subjects": out}
    # The shipped examples and topic commands name shipped answers: point them at one of these.
    docs["bot.yaml"] = {
        "bot": {**docs["bot.yaml"]["bot"], "examples": [f"{out[0]['id']}.main"], "commands": []}
    }
    return docs


def typo(word: str, rng: random.Random) -> str:
    """One slip of the finger, never on the first letter (as people type)."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + rng.choice("aeiourstn") + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def synthetic_stream(kb: KnowledgeBase, size: int, rng: random.Random) -> list[tuple[str, str]]:
    """(question, answer it came from): a paraphrase, with a typo in 40% of questions."""
    out = []
    cells = kb.cells
    for _ in range(size):
        topic = rng.choice(cells)
        words = rng.choice(topic.paraphrases[rng.choice(LANGS)]).split()
        if rng.random() < 0.4:
            long_words = [i for i, w in enumerate(words) if len(w) >= 5]
            if long_words:
                i = rng.choice(long_words)
                words[i] = typo(words[i], rng)
        out.append((" ".join(words) + rng.choice(("", "", " ?", "?")), topic.id))
    return out


# -- 4. start-up and 5. memory -------------------------------------------------------------


def wall_times(argv: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
        out.append(time.perf_counter() - started)
    return out


def rss_mib() -> dict[str, float]:
    """This process's resident set now and its high-water mark (Linux /proc; zeros elsewhere).

    Not ``getrusage``: its ``ru_maxrss`` survives ``exec``, so a child would
    report the benchmark's own peak.
    """
    fields = {"VmRSS:": "now", "VmHWM:": "peak"}
    out = {"now": 0.0, "peak": 0.0}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            name, *rest = line.split()
            if name in fields:
                out[fields[name]] = int(rest[0]) / 1024  # kB
    except OSError:
        pass
    return out


def memory_child(which: str, seed: int) -> dict[str, float]:
    """Run in a fresh interpreter: RSS growth from building the engine, and its peak."""
    if which == "shipped":
        docs = knowledge.read_documents(knowledge.default_dir())
    else:
        docs = synthetic_documents(random.Random(seed), SYNTHETIC_TOPICS)
    before = rss_mib()["now"]
    engine = Engine(parse_knowledge(docs, placeholder_keys), knowledge.lexicon())
    engine.answer(ASK, now=NOW)
    after = rss_mib()
    return {"held_mib": after["now"] - before, "peak_mib": after["peak"] - before}


def memory(which: str, seed: int) -> dict[str, float]:
    argv = [sys.executable, __file__, "--memory-child", which, "--seed", str(seed)]
    done = subprocess.run(argv, check=True, capture_output=True, text=True, cwd=ROOT)
    return dict(json.loads(done.stdout))


# -- the run -------------------------------------------------------------------------------

QUICK = {"shipped": 2_000, "scaled": 300, "scaled_baseline": 30, "starts": 3, "loads": 3}
FULL = {"shipped": 20_000, "scaled": 2_000, "scaled_baseline": 150, "starts": 7, "loads": 7}


def paraphrase_count(kb: KnowledgeBase) -> int:
    return sum(len(c.paraphrases[lang]) for c in kb.cells for lang in LANGS)


def run_shipped(n: int, rng: random.Random) -> dict[str, Any]:
    kb = knowledge.load()
    engine, baseline = Engine(kb, knowledge.lexicon()), baseline_for(kb)
    # The same engine keeping no readings, on questions it never saw: as a new one is.
    anew = Engine(kb, knowledge.lexicon(), plans_kept=0)
    unique, stream = shipped_stream(n, rng)
    for q in unique:  # warm up: first-call paths, the spelling memo, the kept readings
        engine.answer(q, now=NOW)
        baseline(q)
    (e, _), (b, _) = compare((engine_for(engine), baseline), (stream, stream))
    warm, novel = novel_stream(n, rng)
    for q in warm:
        anew.answer(q, now=NOW)
        baseline(q)
    (fresh, _), (b2, _) = compare((engine_for(anew), baseline), (novel, novel))
    return {
        "answers": len(kb.cells),
        "paraphrases": paraphrase_count(kb),
        "unique_questions": len(unique),
        "novel_questions": len(set(novel)),
        "engine": asdict(e),
        "baseline": asdict(b),
        "engine_anew": asdict(fresh),
        "baseline_anew": asdict(b2),
        "bad_inputs": bad_input_latencies(engine, baseline),
    }


def run_scaled(n: int, n_baseline: int, seed: int, rng: random.Random) -> dict[str, Any]:
    started = time.perf_counter()
    docs = synthetic_documents(random.Random(seed), SYNTHETIC_TOPICS)
    generated = time.perf_counter()
    kb = parse_knowledge(docs, placeholder_keys)
    validated = time.perf_counter()
    del docs  # as in the bot: only the knowledge base outlives loading (the GC scans less)
    engine = Engine(kb, knowledge.lexicon())
    built = time.perf_counter()
    pairs = synthetic_stream(kb, n, rng)
    questions, expected = [q for q, _ in pairs], [t for _, t in pairs]
    progress(f"    timing {n:,} answers, {n_baseline} by the baseline")
    (e, got), (b, base_got) = compare(
        (engine_for(engine), baseline_for(kb)), (questions, questions[:n_baseline])
    )
    return {
        "answers": len(kb.cells),
        "paraphrases": paraphrase_count(kb),
        "generate_s": generated - started,
        "validate_s": validated - generated,
        "engine_build_s": built - validated,
        "engine": asdict(e),
        "baseline": asdict(b),
        "engine_top1": sum(g == x for g, x in zip(got, expected, strict=True)) / n,
        "baseline_top1": sum(g == x for g, x in zip(base_got, expected, strict=False)) / n_baseline,
    }


def compiled_site() -> Path:
    """The compiled wheel of this checkout, unpacked; built once per state of its sources."""
    inputs = [
        *sorted((ROOT / "src").rglob("*.py")),
        ROOT / "pyproject.toml",
        ROOT / "hatch_build.py",
    ]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in inputs)).hexdigest()[:16]
    site = ROOT / "build" / f"compiled-{digest}"
    if not (site / "briefbot").is_dir():
        progress("building the compiled wheel (a minute or two, once)")
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
        env = {**os.environ, "BRIEFBOT_COMPILE": "1"}
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([*pip, "wheel", "--no-deps", "-w", tmp, str(ROOT)], env=env, check=True)
            wheels = [str(w) for w in Path(tmp).glob("briefbot-*.whl")]
            subprocess.run(
                [*pip, "install", "--no-deps", "--target", str(site), *wheels], check=True
            )
    return site


def build_name() -> str:
    """Which engine this process imported: compiled by mypyc, or the plain sources."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    return "compiled (mypyc)" if str(core.__file__).endswith(suffix) else "plain Python"


def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    sizes = QUICK if args.quick else FULL
    out: dict[str, Any] = {
        "seed": args.seed,
        "quick": args.quick,
        "sizes": sizes,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "build": build_name(),
    }
    progress("1/5 loading the shipped knowledge base")
    out["load_s"] = load_times(sizes["loads"])
    progress("2/5 shipped knowledge base: engine and baseline")
    out["shipped"] = run_shipped(sizes["shipped"], rng)
    progress(f"3/5 synthetic knowledge base of {SYNTHETIC_TOPICS:,} subjects")
    out["scaled"] = run_scaled(sizes["scaled"], sizes["scaled_baseline"], args.seed, rng)

    progress("4/5 process start to first answer")
    ask = [sys.executable, "-m", "briefbot", "ask", "--no-log", ASK]
    floor = [sys.executable, "-c", "pass"]
    # An installed package carries its bytecode; compile it here too, as a machine with
    # PYTHONDONTWRITEBYTECODE set (this one) would otherwise compile every module at
    # every start.
    compileall.compile_dir(Path(briefbot.__file__).parent, quiet=1)
    wall_times(ask, 1)  # the first run pays for cold file caches
    asks, floors = wall_times(ask, sizes["starts"]), wall_times(floor, sizes["starts"])
    out["start_s"] = {
        "ask": statistics.median(asks),
        "python": statistics.median(floors),
        "ask_runs": asks,
        "python_runs": floors,
    }
    progress("5/5 memory, in fresh interpreters")
    out["memory_mib"] = {which: memory(which, args.seed) for which in ("shipped", "scaled")}
    out["targets"] = {
        "shipped_rate": out["shipped"]["engine"]["per_second"] >= TARGETS["shipped_rate"],
        "shipped_p99_ms": out["shipped"]["engine"]["p99_ms"] <= TARGETS["shipped_p99_ms"],
        "anew_rate": out["shipped"]["engine_anew"]["per_second"] >= TARGETS["shipped_rate"],
        "anew_p99_ms": out["shipped"]["engine_anew"]["p99_ms"] <= TARGETS["shipped_p99_ms"],
        "scaled_p99_ms": out["scaled"]["engine"]["p99_ms"] <= TARGETS["scaled_p99_ms"],
        "start_s": out["start_s"]["ask"] <= TARGETS["start_s"],
    }
    return out


def table(engine: dict[str, float], baseline: dict[str, float]) -> list[str]:
    rows = [f"   {'':<22}{'answers/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}"]
    for label, t in (("Engine.answer", engine), ("extractOne WRatio", baseline)):
        figures = f"{t['per_second']:>12,.0f}{t['p50_ms']:>10.3f}{t['p99_ms']:>10.3f}"
        rows.append(f"   {label:<22}{figures}{t['max_ms']:>10.2f}")
    rows.append(f"   engine/baseline speed: {engine['per_second'] / baseline['per_second']:.1f}x")
    return rows


def verdict(name: str, targets: dict[str, bool], text: str) -> str:
    return f"   target {text} ...... {'PASS' if targets[name] else 'MISS'}"


def report(r: dict[str, Any]) -> str:
    s, c, t, st, m, load = (r[k] for k in ("shipped", "scaled", "targets", "start_s",
                                           "memory_mib", "load_s"))  # fmt: skip
    ms = {k: v * 1e3 for k, v in load.items()}
    return "\n".join(
        [
            f"briefbot engine benchmark: engine {r['build']}, python {r['python']}, "
            f"{r['cpus']} CPUs, seed {r['seed']}"
            + (", QUICK (small streams)" if r["quick"] else ""),
            "",
            f"1. Load shipped knowledge base, median of {r['sizes']['loads']}: "
            f"{ms['total']:.1f} ms = read {ms['read']:.1f} + validate {ms['validate']:.1f}"
            f" + Engine {ms['engine']:.1f} ms",
            "",
            f"2. Shipped knowledge base: {s['answers']} answers, {s['paraphrases']} paraphrases; "
            f"{s['engine']['questions']:,} questions ({s['unique_questions']} distinct, "
            f"{len(s['bad_inputs'])} of them bad inputs), one process, warm",
            "   the engine keeping the readings of questions asked before (a repeat is only"
            " written):",
            *table(s["engine"], s["baseline"]),
            verdict("shipped_rate", t, f">= {TARGETS['shipped_rate']:,.0f} answers/s"),
            verdict("shipped_p99_ms", t, f"p99 <= {TARGETS['shipped_p99_ms']:g} ms"),
            f"   questions never asked before ({s['novel_questions']:,} distinct, from the "
            "question sets), the engine keeping nothing:",
            *table(s["engine_anew"], s["baseline_anew"]),
            verdict("anew_rate", t, f">= {TARGETS['shipped_rate']:,.0f} answers/s"),
            verdict("anew_p99_ms", t, f"p99 <= {TARGETS['shipped_p99_ms']:g} ms"),
            "   bad inputs alone, median of 21 calls:",
            *(
                f"     {b['input']:<20}{b['chars']:>7} chars   engine {b['engine_ms']:7.3f} ms"
                f"   baseline {b['baseline_ms']:7.3f} ms"
                for b in s["bad_inputs"]
            ),
            "",
            f"3. Synthetic knowledge base: {c['answers']:,} answers, "
            f"{c['paraphrases']:,} paraphrases; generated in {c['generate_s']:.1f} s, "
            f"validated in {c['validate_s']:.2f} s",
            f"   Engine build: {c['engine_build_s']:.2f} s",
            *table(c["engine"], c["baseline"]),
            f"   (baseline timed on the first {c['baseline']['questions']} of the "
            f"{c['engine']['questions']:,} questions only: it is slow)",
            f"   answered with the answer the question came from: engine {c['engine_top1']:.1%}, "
            f"baseline {c['baseline_top1']:.1%}",
            "   (the questions are the paraphrases themselves: a verbatim lookup's best case)",
            verdict("scaled_p99_ms", t, f"p99 <= {TARGETS['scaled_p99_ms']:g} ms"),
            "",
            f"4. Start to first answer, median of {len(st['ask_runs'])} runs: "
            f"briefbot ask {st['ask']:.3f} s; python -c pass {st['python']:.3f} s (floor)",
            verdict("start_s", t, f"<= {TARGETS['start_s']:g} s"),
            "",
            "5. Knowledge base + Engine memory: RSS growth in a fresh interpreter, and its peak:",
            f"   shipped        held {m['shipped']['held_mib']:7.1f} MiB"
            f"   peak {m['shipped']['peak_mib']:7.1f} MiB",
            f"   {c['answers']:,} answers held {m['scaled']['held_mib']:7.1f} MiB"
            f"   peak {m['scaled']['peak_mib']:7.1f} MiB",
            "",
            "Targets are informational: this script never fails on them.",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small streams, for a smoke run")
    parser.add_argument("--seed", type=int, default=20250116, help="shuffle and generation seed")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument(
        "--compiled", action="store_true", help="measure the mypyc-compiled wheel (built once)"
    )
    parser.add_argument("--memory-child", choices=("shipped", "scaled"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.compiled:  # again, in a process that imports the compiled build first
        rest = [a for a in (sys.argv[1:] if argv is None else argv) if a != "--compiled"]
        env = {**os.environ, "PYTHONPATH": str(compiled_site())}
        return subprocess.run([sys.executable, __file__, *rest], env=env, check=False).returncode
    if args.memory_child:
        print(json.dumps(memory_child(args.memory_child, args.seed)))
        return 0
    results = run(args)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
