"""The code knows no event: every word about one announcement lives in a knowledge base."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
# Words of the shipped announcement (knowledge/): its organisation, places, people,
# bodies and topic commands. Finding one in src/ means an event detail is in code.
EVENT_WORDS = re.compile(
    r"\b(nato|otan|brussels|bruxelles|belgi(um|que)|rutte|bauer|cavoli|vandier|saceur|sact"
    r"|ukraine|russia|mons|pressconference|press_conference)\b"
    r"|chiefs? of defen[cs]e|chefs? d.[ée]tat.major|military committee|comit[ée] militaire",
    re.IGNORECASE,
)


def test_no_word_of_the_shipped_event_in_src() -> None:
    """No file under src/ (code, comments, data notes) names the shipped announcement's
    organisation, places, people or commands."""
    found = [
        f"{path.relative_to(SRC)}:{n}: {match.group(0)}"
        for path in sorted(SRC.rglob("*"))
        if path.is_file() and path.suffix in {".py", ".md", ".txt", ".yaml", ".json", ""}
        for n, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1)
        if (match := EVENT_WORDS.search(line))
    ]
    assert found == []
