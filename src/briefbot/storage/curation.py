"""The curation loop, pure part: group failed questions by meaning and write them for eval.

Curators read the questions the bot could not answer, give each group a
topic, and add them to the eval set. Grouping by similarity keeps that list
short: "who spoke at teh opening" and "Who spoke at the opening?" are one line
to curate, not two. Texts are compared in the engine's folded form (no case,
accents or punctuation), within one language only, since the eval format
gives each question a single language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import yaml
from rapidfuzz import fuzz, process

from briefbot.engine.normalize import fold
from briefbot.storage.model import UnansweredGroup

# token_sort_ratio forgives typos and word order; 88 keeps "who spoke at the
# opening" apart from "who spoke at the closing" (87.5) and still joins
# "when is the next meeting" with "when's the next meeting" (89.4).
SIMILARITY = 88.0


@dataclass(slots=True)
class _Group:
    lang: str
    variants: list[str] = field(default_factory=list)
    count: int = 0
    downvoted: int = 0

    def freeze(self) -> UnansweredGroup:
        return UnansweredGroup(
            question=self.variants[0],
            lang=self.lang,
            count=self.count,
            variants=tuple(self.variants),
            downvoted=self.downvoted,
        )


def group_similar(
    texts: Iterable[tuple[str, str, int, int]], *, similarity: float = SIMILARITY
) -> list[UnansweredGroup]:
    """Group ``(text, lang, count, downvoted)`` rows whose texts say the same thing.

    Greedy and deterministic: texts are taken most frequent first, and each
    joins the first group of its language whose most frequent wording is at
    least ``similarity`` (0-100) alike, or starts a new group. Texts without a
    letter or digit (empty, emoji only) are left out: there is nothing to
    curate. Groups come back most asked first.
    """
    groups: list[_Group] = []
    keys: dict[str, list[str]] = {}  # lang -> folded wording heading each group
    members: dict[str, list[_Group]] = {}  # lang -> groups, parallel to keys[lang]
    for text, lang, count, downvoted in sorted(texts, key=lambda t: (-t[2], t[0], t[1])):
        key = fold(text)
        if not key:
            continue
        lang_keys = keys.setdefault(lang, [])
        lang_groups = members.setdefault(lang, [])
        best = process.extractOne(
            key, lang_keys, scorer=fuzz.token_sort_ratio, score_cutoff=similarity
        )
        if best is None:
            group = _Group(lang)
            groups.append(group)
            lang_keys.append(key)
            lang_groups.append(group)
        else:
            group = lang_groups[best[2]]
        group.variants.append(text)
        group.count += count
        group.downvoted += downvoted
    frozen = [group.freeze() for group in groups]
    frozen.sort(key=lambda g: (-g.count, g.question))
    return frozen


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar that loads back as exactly ``text``."""
    dumped: str = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf"))
    return dumped.rstrip("\n")


def to_eval_yaml(groups: Iterable[UnansweredGroup], *, generated: datetime, scope: str) -> str:
    """The groups in the ``briefbot eval`` format, expected topic left blank.

    Counts and the other wordings go in comments, not fields, so the file
    loads in ``briefbot eval`` as it is once the topics are filled in.
    """
    lines = [
        f"# Questions briefbot could not answer or that were voted 👎 ({scope}),",
        f"# exported {generated.isoformat(timespec='seconds')}.",
        "# Set each topic to a topic id, or none for off-topic questions, then add",
        "# the entries to an eval set. Similar wordings are grouped under one entry.",
        "questions:",
    ]
    entries = 0
    for group in groups:
        entries += 1
        variants = len(group.variants)
        note = f"asked {group.count} time{'s' if group.count != 1 else ''}"
        note += f", {variants} variant{'s' if variants != 1 else ''}"
        if group.downvoted:
            note += f", {group.downvoted} voted 👎"
        lines.append(f"  # {note}")
        lines.extend(f"  #   also: {_quoted(v)}" for v in group.variants[1:])
        lines.append(f"  - q: {_quoted(group.question)}")
        lines.append(f"    lang: {group.lang}")
        lines.append('    topic: ""')
    if not entries:
        lines[-1] = "questions: []"
    return "\n".join(lines) + "\n"
