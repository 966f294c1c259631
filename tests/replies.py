"""Every reply the engine gives over the question sets, as one JSON object on stdout.

Run by ``test_compiled.py`` under two builds of the same sources (plain Python, and the
mypyc-compiled wheel): the two outputs must be equal, byte for byte.

    python tests/replies.py
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml

from briefbot import knowledge
from briefbot.engine.core import Engine
from briefbot.engine.types import Answer, TimeStyle
from briefbot.evaluation import evaluate, read_cases

HERE = Path(__file__).parent
# Before, during and after the meeting: each tense of the time answers.
NOWS = (
    datetime(2025, 1, 10, 9, 0, tzinfo=UTC),
    datetime(2025, 1, 16, 11, 0, tzinfo=UTC),
    datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
)
ODD_INPUTS = ("", "qui a parlé " * 400, "🤔🔥", "who\x00 spoke\x07 at\x1b[31m the opening?")


def dump(answer: Answer) -> str:
    return json.dumps(
        {**answer.to_dict(), "context": repr(answer.context), "asks": repr(answer.asks)},
        ensure_ascii=False,
        sort_keys=True,
    )


def main() -> None:
    out: dict[str, str] = {}
    lexicon = knowledge.lexicon()
    shipped = Engine(knowledge.load(), lexicon, plans_kept=0)
    port = Engine(knowledge.load(HERE / "kb_port"), lexicon, plans_kept=0)
    for path in sorted(HERE.glob("*.yaml")):
        engine = port if path.name == "port-questions.yaml" else shipped
        cases = read_cases(yaml.safe_load(path.read_text("utf-8")), path.name)
        for i, now in enumerate(NOWS):
            for n, outcome in enumerate(evaluate(engine, cases, now).outcomes):
                out[f"{path.name}|{i}|{n}"] = dump(outcome.answer)
        for n, case in enumerate(cases[:60]):  # the other time style and a language hint
            question = case.turns[0].question
            answer = engine.answer(
                question, now=NOWS[1], time_style=TimeStyle.DISCORD, lang_hint="fr"
            )
            out[f"{path.name}|discord|{n}"] = dump(answer)
    for n, text in enumerate(ODD_INPUTS):
        out[f"odd|{n}"] = dump(shipped.answer(text, now=NOWS[1]))
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main()
