"""Building the knowledge base from already-parsed YAML documents, and validating it.

Parsing is pure: the caller (``briefbot.knowledge``) reads the files and hands
over ``{file name: parsed document}``. Every problem is collected and reported
at once, each naming the file, the entry and what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from briefbot.engine.checks import (
    ID,
    Problems,
    bilingual,
    line_of,
    per_lang,
    strings,
    template_problems,
    text,
)
from briefbot.engine.kb import Aspect, Cell, Facts, KnowledgeBase, Subject
from briefbot.engine.normalize import fold
from briefbot.engine.types import LANGS, Lang
from briefbot.engine.validate_facts import FACT_SECTIONS, parse_facts
from briefbot.engine.validate_identity import check_answers, default_zone, parse_identity
from briefbot.errors import KnowledgeError

# Each subject needs this many paraphrases per language, over all its cells:
# they are the evidence that finds it when a question does not name it.
MIN_PARAPHRASES = 8
TENSES = ("future", "now", "past")
REFERS = ("he", "it")
SCOPE_LANGS = ("any", *LANGS)


@dataclass(slots=True)
class _Collected:
    """The documents' sections, sorted by kind, before validation."""

    sections: dict[str, tuple[str, Any]] = field(default_factory=dict)
    subjects: list[tuple[str, int, Any]] = field(default_factory=list)
    aspects: list[tuple[str, int, Any]] = field(default_factory=list)
    concepts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    off_scope: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in SCOPE_LANGS})


def _answer(
    p: Problems, file: str, entry: str, raw: Any, tense: str | None
) -> dict[Lang, dict[str, str]]:
    out: dict[Lang, dict[str, str]] = {}
    if not isinstance(raw, Mapping):
        p.add(file, entry, "expected a mapping with 'fr' and 'en' templates", line_of(raw))
        return {lang: {"any": ""} for lang in LANGS}
    for lang in LANGS:
        value = raw.get(lang)
        if isinstance(value, str) and value.strip():
            out[lang] = {"any": value.strip()}
        elif isinstance(value, Mapping) and tense is not None:
            variants = {str(k): str(v).strip() for k, v in value.items()}
            unknown = set(variants) - set(TENSES)
            if unknown:
                p.add(
                    file,
                    f"{entry}.{lang}",
                    f"unknown tense variants {sorted(unknown)}",
                    line_of(raw, lang),
                )
            if not variants.get("future") or not variants.get("past"):
                p.add(
                    file,
                    f"{entry}.{lang}",
                    "tense variants need at least 'future' and 'past'",
                    line_of(raw, lang),
                )
            out[lang] = variants
        else:
            hint = (
                " (tense variants need 'tense:' on the cell)" if isinstance(value, Mapping) else ""
            )
            p.add(
                file,
                f"{entry}.{lang}",
                f"missing answer template{hint}",
                line_of(raw, lang) or line_of(raw),
            )
            out[lang] = {"any": ""}
    return out


def _cell(p: Problems, file: str, subject: str, n: int, raw: Any) -> Cell | None:
    if not isinstance(raw, Mapping):
        p.add(file, f"subject {subject}.cells[{n}]", "expected a mapping", line_of(raw))
        return None
    name = raw.get("id")
    line = line_of(raw)
    if not isinstance(name, str) or not ID.match(name):
        p.add(
            file,
            f"subject {subject}.cells[{n}]",
            f"'id' must be lower_snake_case, got {name!r}",
            line,
        )
        return None
    cid = f"{subject}.{name}"
    entry = f"cell {cid}"
    tense = text(raw.get("tense"))
    return Cell(
        id=cid,
        subject=subject,
        serves=strings(p, file, f"{entry}.serves", raw.get("serves", []), line=line),
        title=bilingual(p, file, f"{entry}.title", raw.get("title"), line=line),
        label=bilingual(p, file, f"{entry}.label", raw.get("label"), line=line),
        keywords=per_lang(p, file, f"{entry}.keywords", raw.get("keywords"), line=line),
        paraphrases=per_lang(p, file, f"{entry}.paraphrases", raw.get("paraphrases"), line=line),
        answer=_answer(p, file, f"{entry}.answer", raw.get("answer"), tense),
        tense=tense,
        not_said=raw.get("not_said") is True,
        at=text(raw.get("at")),
        file=file,
        line=line,
    )


def _subject(p: Problems, file: str, n: int, raw: Any) -> Subject | None:
    line = line_of(raw)
    if not isinstance(raw, Mapping):
        p.add(file, f"subjects[{n}]", "expected a mapping", line)
        return None
    sid = raw.get("id")
    if not isinstance(sid, str) or not ID.match(sid):
        p.add(file, f"subjects[{n}]", f"'id' must be lower_snake_case, got {sid!r}", line)
        return None
    entry = f"subject {sid}"
    cells_raw = raw.get("cells")
    if not isinstance(cells_raw, list) or not cells_raw:
        p.add(file, f"{entry}.cells", "expected a non-empty list of cells", line)
        cells_raw = []
    cells = tuple(
        c for n, raw_cell in enumerate(cells_raw, 1) if (c := _cell(p, file, sid, n, raw_cell))
    )
    default = f"{sid}.{raw.get('default')}"
    if cells and default not in {c.id for c in cells}:
        p.add(
            file,
            f"{entry}.default",
            f"names no cell of the subject: {raw.get('default')!r}",
            line_of(raw, "default") or line,
        )
    refer = raw.get("refer", "it")
    if refer not in REFERS:
        p.add(
            file,
            f"{entry}.refer",
            f"must be one of {list(REFERS)}, got {refer!r}",
            line_of(raw, "refer"),
        )
    return Subject(
        id=sid,
        title=bilingual(p, file, f"{entry}.title", raw.get("title"), line=line),
        concepts=strings(p, file, f"{entry}.concepts", raw.get("concepts", []), line=line),
        refer=str(refer),
        default=default,
        cells=cells,
        part_of=text(raw.get("part_of")),
        time=text(raw.get("time")),
        people=strings(p, file, f"{entry}.people", raw.get("people", []), line=line),
        person=text(raw.get("person")),
        item=text(raw.get("item")),
        items=text(raw.get("items")),
        file=file,
        line=line,
    )


def _aspect(p: Problems, file: str, n: int, raw: Any) -> Aspect | None:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
        p.add(file, f"aspects[{n}]", "expected a mapping with an 'id'", line_of(raw))
        return None
    entry = f"aspect {raw['id']}"
    line = line_of(raw)
    return Aspect(
        id=raw["id"],
        cues=strings(p, file, f"{entry}.cues", raw.get("cues"), line=line),
        weak_cues=strings(p, file, f"{entry}.weak_cues", raw.get("weak_cues", []), line=line),
        vague=raw.get("vague") is True,
    )


def _collect_list(p: Problems, out: _Collected, file: str, key: str, value: Any) -> None:
    if not isinstance(value, list):
        p.add(file, key, "expected a list", line_of(value))
        return
    target = out.subjects if key == "subjects" else out.aspects
    target.extend((file, n, item) for n, item in enumerate(value, 1))


def _collect_concepts(p: Problems, out: _Collected, file: str, key: str, value: Any) -> None:
    if not isinstance(value, Mapping):
        p.add(file, key, "expected a mapping of concept ids to phrase lists", line_of(value))
        return
    for cid, forms in value.items():
        line = line_of(value, cid)
        if cid in out.concepts:
            p.add(file, f"concepts.{cid}", "duplicate concept id", line)
        phrases = strings(p, file, f"concepts.{cid}", forms, line=line)
        out.concepts[str(cid)] = tuple(fold(f) for f in phrases)


def _collect_scope(p: Problems, out: _Collected, file: str, key: str, value: Any) -> None:
    if not isinstance(value, Mapping) or set(value) - set(SCOPE_LANGS):
        p.add(file, key, f"expected a mapping with keys among {list(SCOPE_LANGS)}", line_of(value))
        return
    for lang, words in value.items():
        phrases = strings(p, file, f"{key}.{lang}", words, line=line_of(value, lang))
        out.off_scope[lang].extend(fold(w) for w in phrases)


_SECTIONS = {
    "subjects": _collect_list,
    "aspects": _collect_list,
    "concepts": _collect_concepts,
    "off_scope": _collect_scope,
}


def _collect_section(
    p: Problems, out: _Collected, file: str, key: str, value: Any, *, line: int | None
) -> None:
    if key in FACT_SECTIONS or key == "bot":
        if key in out.sections:
            p.add(file, key, f"also defined in {out.sections[key][0]}", line)
        out.sections[key] = (file, value)
    elif key in _SECTIONS:
        _SECTIONS[key](p, out, file, key, value)
    else:
        known = sorted((*FACT_SECTIONS, "bot", *_SECTIONS))
        p.add(file, str(key), f"unknown section (the sections are {', '.join(known)})", line)


def _check_subject(
    p: Problems,
    subject: Subject,
    known: Mapping[str, Any],
    keys: frozenset[str],
    seen_paraphrases: dict[str, str],
) -> None:
    """References to other entries, templates and paraphrases of one subject."""
    facts: Facts = known["facts"]
    entry = f"subject {subject.id}"
    checks = (
        ("concepts", subject.concepts, known["concepts"]),
        ("people", subject.people, facts.people),
        ("part_of", (subject.part_of,) if subject.part_of else (), known["subjects"]),
        ("person", (subject.person,) if subject.person else (), facts.people),
        ("item", (subject.item,) if subject.item else (), known["items"]),
        ("items", (subject.items,) if subject.items else (), facts.lists),
        ("time", (subject.time,) if subject.time else (), facts.events),
    )
    for name, values, pool in checks:
        for value in values:
            if value not in pool:
                kind = {"items": "list", "time": "event"}.get(name, name.rstrip("s"))
                p.add(subject.file, f"{entry}.{name}", f"unknown {kind} {value!r}", subject.line)
    for lang in LANGS:
        count = sum(len(c.paraphrases[lang]) for c in subject.cells)
        if count < MIN_PARAPHRASES:
            p.add(
                subject.file,
                f"{entry}.cells",
                f"has {count} {lang} paraphrases, needs {MIN_PARAPHRASES}",
                subject.line,
            )
    for cell in subject.cells:
        _check_cell(p, cell, known, keys, seen_paraphrases)


def _check_cell(
    p: Problems,
    cell: Cell,
    known: Mapping[str, Any],
    keys: frozenset[str],
    seen_paraphrases: dict[str, str],
) -> None:
    """A cell's aspects, occasion, paraphrases (each under one cell only) and templates."""
    line = cell.line
    for aspect in cell.serves:
        if aspect not in known["aspects"]:
            p.add(cell.file, f"cell {cell.id}.serves", f"unknown aspect {aspect!r}", line)
    if cell.at is not None and cell.at not in known["subjects"]:
        p.add(cell.file, f"cell {cell.id}.at", f"unknown subject {cell.at!r}", line)
    if cell.tense is not None and cell.tense not in known["facts"].events:
        p.add(cell.file, f"cell {cell.id}.tense", f"unknown event {cell.tense!r}", line)
    for lang in LANGS:
        for phrase in cell.paraphrases[lang]:
            other = seen_paraphrases.setdefault(fold(phrase), cell.id)
            if other != cell.id:
                p.add(
                    cell.file,
                    f"cell {cell.id}",
                    f"paraphrase {phrase!r} also belongs to {other}",
                    line,
                )
        for tense, template in cell.answer[lang].items():
            for problem in template_problems(template, keys):
                p.add(cell.file, f"cell {cell.id}.answer.{lang}.{tense}", problem, line)


def _collect(p: Problems, documents: Mapping[str, Any]) -> _Collected:
    """The documents' sections, sorted by kind."""
    collected = _Collected()
    for file, doc in sorted(documents.items()):
        if not isinstance(doc, Mapping):
            p.add(file, "<file>", "expected a YAML mapping at the top level")
            continue
        for key, value in doc.items():
            _collect_section(p, collected, file, str(key), value, line=line_of(doc, key))
    return collected


def _subjects(p: Problems, collected: _Collected) -> list[Subject]:
    subjects: list[Subject] = []
    for file, n, raw in collected.subjects:
        subject = _subject(p, file, n, raw)
        if subject is None:
            continue
        if any(s.id == subject.id for s in subjects):
            p.add(file, f"subject {subject.id}", "duplicate id")
            continue
        subjects.append(subject)
    if not subjects:
        p.add("<knowledge>", "subjects", "no subjects defined")
    return subjects


def parse_knowledge(
    documents: Mapping[str, Any], placeholder_keys: Callable[[Facts], frozenset[str]]
) -> KnowledgeBase:
    """Validate parsed YAML documents and build the knowledge base.

    ``placeholder_keys`` gives the names templates may use for the parsed facts
    (``render.placeholder_keys``); it is passed in so this module does not
    depend on rendering. Raises :class:`KnowledgeError` listing every problem.
    """
    p = Problems()
    collected = _collect(p, documents)
    bot_file, bot = collected.sections.get("bot", ("<knowledge>", None))
    identity = parse_identity(p, bot_file, bot)
    facts = parse_facts(p, collected.sections, default_zone(p, bot_file, bot))
    concepts = collected.concepts
    for person in facts.people.values():
        if person.id in concepts:
            p.add("<knowledge>", f"concepts.{person.id}", "a concept has the id of a person")
        concepts[person.id] = tuple(fold(a) for a in (person.name, *person.aliases))

    aspects = [a for file, n, raw in collected.aspects if (a := _aspect(p, file, n, raw))]
    for aspect in aspects:
        for cue in (*aspect.cues, *aspect.weak_cues):
            if cue not in concepts:
                p.add("aspects", f"aspect {aspect.id}.cues", f"unknown concept {cue!r}")
    subjects = _subjects(p, collected)
    known = {
        "facts": facts,
        "concepts": concepts,
        "aspects": {a.id for a in aspects},
        "subjects": {s.id for s in subjects},
        "items": {
            i for lst in facts.lists.values() for item in lst.items["fr"] for i in item["ids"]
        },
    }
    keys = placeholder_keys(facts)
    seen_paraphrases: dict[str, str] = {}
    for subject in subjects:
        _check_subject(p, subject, known, keys, seen_paraphrases)
    check_answers(p, bot_file, identity, {c.id for s in subjects for c in s.cells})
    if p.items:
        raise KnowledgeError(p.items)
    return KnowledgeBase(
        facts=facts,
        identity=identity,
        subjects=tuple(subjects),
        aspects=tuple(aspects),
        concepts=concepts,
        off_scope={k: tuple(v) for k, v in collected.off_scope.items()},
    )
