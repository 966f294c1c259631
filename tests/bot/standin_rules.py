"""Discord's payload rules, as pure functions returning the problems they find.

The limits come from the Discord API documentation (message, embed, component,
autocomplete and application-command limits). One rule is ours, not Discord's:
every message-creating or -editing payload must carry ``allowed_mentions``, so
briefbot never pings by accident. ``form_error`` turns problems into the JSON
body Discord returns with HTTP 400.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from standin_model import JSON, LOCALES

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
MAX_ROWS = 5
MAX_BUTTONS_PER_ROW = 5
MAX_CUSTOM_ID = 100
MAX_BUTTON_LABEL = 80
MAX_CHOICES = 25
MAX_CHOICE_TEXT = 100
MAX_OPTIONS = 25
MAX_COMMANDS = 100
MAX_V2_COMPONENTS = 40

FLAG_SUPPRESS_EMBEDS = 1 << 2
FLAG_EPHEMERAL = 1 << 6
FLAG_SUPPRESS_NOTIFICATIONS = 1 << 12
FLAG_COMPONENTS_V2 = 1 << 15

# Chat-input names: lowercase letters, digits, "-", "_" and "'" (any script).
_COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")
_SELECT_TYPES = frozenset({3, 5, 6, 7, 8})

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One broken rule: where in the payload, Discord's error code, and its text.

    ``api_code`` is the JSON error code of the whole response: 50035 (Invalid
    Form Body) unless the problem stands alone, like 50006 (empty message).
    """

    path: Path
    code: str
    message: str
    api_code: int = 50035


def _too_long(path: Path, limit: int) -> Problem:
    return Problem(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _check_text(path: Path, value: Any, limit: int, *, required: bool = False) -> list[Problem]:
    if value is None or value == "":
        return [Problem(path, "BASE_TYPE_REQUIRED", "This field is required")] if required else []
    if not isinstance(value, str):
        return [Problem(path, "BASE_TYPE_STRING", "Must be a string.")]
    return [_too_long(path, limit)] if len(value) > limit else []


def _sub(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else None


def check_embeds(embeds: Any) -> list[Problem]:
    if not isinstance(embeds, list):
        return [Problem(("embeds",), "BASE_TYPE_ARRAY", "Must be an array.")]
    problems: list[Problem] = []
    if len(embeds) > MAX_EMBEDS:
        problems.append(_too_long(("embeds",), MAX_EMBEDS))
    total = 0
    for i, embed in enumerate(embeds):
        at: Path = ("embeds", i)
        texts = {
            "title": (_sub(embed, "title"), 256),
            "description": (_sub(embed, "description"), 4096),
        }
        for key, (value, limit) in texts.items():
            problems += _check_text((*at, key), value, limit)
            total += len(value) if isinstance(value, str) else 0
        footer, author = _sub(embed, "footer"), _sub(embed, "author")
        problems += _check_text((*at, "footer", "text"), _sub(footer, "text"), 2048)
        problems += _check_text((*at, "author", "name"), _sub(author, "name"), 256)
        for part in (_sub(footer, "text"), _sub(author, "name")):
            total += len(part) if isinstance(part, str) else 0
        fields = _sub(embed, "fields") or []
        if len(fields) > 25:
            problems.append(_too_long((*at, "fields"), 25))
        for j, fld in enumerate(fields):
            name, value = _sub(fld, "name"), _sub(fld, "value")
            problems += _check_text((*at, "fields", j, "name"), name, 256, required=True)
            problems += _check_text((*at, "fields", j, "value"), value, 1024, required=True)
            total += sum(len(v) for v in (name, value) if isinstance(v, str))
    if total > MAX_EMBED_TOTAL:
        problems.append(
            Problem(
                ("embeds",),
                "MAX_EMBED_SIZE_EXCEEDED",
                f"Embed size exceeds maximum size of {MAX_EMBED_TOTAL}",
            )
        )
    return problems


def _check_button(at: Path, button: JSON) -> list[Problem]:
    problems = _check_text((*at, "label"), button.get("label"), MAX_BUTTON_LABEL)
    if button.get("style") == 5:  # link buttons carry a url, never a custom_id
        problems += _check_text((*at, "url"), button.get("url"), 512, required=True)
    elif button.get("style") != 6:  # premium buttons carry a sku_id
        problems += _check_text(
            (*at, "custom_id"), button.get("custom_id"), MAX_CUSTOM_ID, required=True
        )
    if not button.get("label") and not button.get("emoji"):
        problems.append(Problem((*at, "label"), "BASE_TYPE_REQUIRED", "This field is required"))
    return problems


def _check_select(at: Path, select: JSON) -> list[Problem]:
    problems = _check_text(
        (*at, "custom_id"), select.get("custom_id"), MAX_CUSTOM_ID, required=True
    )
    problems += _check_text((*at, "placeholder"), select.get("placeholder"), 150)
    options = select.get("options") or []
    if len(options) > MAX_CHOICES:
        problems.append(_too_long((*at, "options"), MAX_CHOICES))
    for k, option in enumerate(options):
        for key in ("label", "value"):
            problems += _check_text((*at, "options", k, key), _sub(option, key), 100, required=True)
        problems += _check_text(
            (*at, "options", k, "description"), _sub(option, "description"), 100
        )
    return problems


def _walk_v2(components: Iterable[Any], at: Path) -> tuple[int, list[Problem]]:
    count, problems = 0, []
    for i, comp in enumerate(components):
        if not isinstance(comp, dict):
            continue
        count += 1
        here = (*at, i)
        problems += _check_text((*here, "custom_id"), comp.get("custom_id"), MAX_CUSTOM_ID)
        if comp.get("type") == 2:
            problems += _check_text((*here, "label"), comp.get("label"), MAX_BUTTON_LABEL)
        for key in ("components", "items"):
            sub_count, sub_problems = _walk_v2(comp.get(key) or [], (*here, key))
            count, problems = count + sub_count, problems + sub_problems
        if isinstance(comp.get("accessory"), dict):
            sub_count, sub_problems = _walk_v2([comp["accessory"]], (*here, "accessory"))
            count, problems = count + sub_count, problems + sub_problems
    return count, problems


def check_components(components: Any, flags: int = 0) -> list[Problem]:
    if not isinstance(components, list):
        return [Problem(("components",), "BASE_TYPE_ARRAY", "Must be an array.")]
    if flags & FLAG_COMPONENTS_V2:
        count, found = _walk_v2(components, ("components",))
        if count > MAX_V2_COMPONENTS:
            found.append(_too_long(("components",), MAX_V2_COMPONENTS))
        return found
    problems: list[Problem] = []
    if len(components) > MAX_ROWS:
        problems.append(_too_long(("components",), MAX_ROWS))
    for i, row in enumerate(components):
        at: Path = ("components", i)
        if _sub(row, "type") != 1:
            problems.append(Problem(at, "COMPONENT_LAYOUT_INVALID", "Top-level must be rows."))
            continue
        children = row.get("components") or []
        kinds = {_sub(child, "type") for child in children}
        if not children:
            problems.append(Problem((*at, "components"), "BASE_TYPE_REQUIRED", "Empty row."))
        elif kinds & _SELECT_TYPES and len(children) != 1:
            problems.append(_too_long((*at, "components"), 1))
        elif len(children) > MAX_BUTTONS_PER_ROW:
            problems.append(_too_long((*at, "components"), MAX_BUTTONS_PER_ROW))
        for j, child in enumerate(children):
            where: Path = (*at, "components", j)
            if _sub(child, "type") == 2:
                problems += _check_button(where, child)
            elif _sub(child, "type") in _SELECT_TYPES:
                problems += _check_select(where, child)
    return problems


def check_allowed_mentions(body: JSON) -> list[Problem]:
    if "allowed_mentions" not in body:
        return [
            Problem(
                ("allowed_mentions",),
                "STANDIN_ALLOWED_MENTIONS_REQUIRED",
                "allowed_mentions must be set explicitly on every message (briefbot rule)",
            )
        ]
    mentions = body["allowed_mentions"]
    if not isinstance(mentions, dict):
        return [Problem(("allowed_mentions",), "MODEL_TYPE_CONVERT", "Must be an object.")]
    parse = mentions.get("parse") or []
    problems = [
        Problem(("allowed_mentions", "parse", i), "BASE_TYPE_CHOICES", f"{p!r} is not valid.")
        for i, p in enumerate(parse)
        if p not in ("users", "roles", "everyone")
    ]
    for kind in ("users", "roles"):
        if kind in parse and mentions.get(kind):
            problems.append(
                Problem(
                    ("allowed_mentions", kind),
                    "SET_TYPE_ALREADY_CONTAINS_VALUE",
                    f'parse:["{kind}"] and {kind}: [ids] are mutually exclusive.',
                )
            )
    return problems


def check_message(
    body: Any,
    *,
    require_body: bool = True,
    allowed_flags: int = FLAG_SUPPRESS_EMBEDS | FLAG_SUPPRESS_NOTIFICATIONS | FLAG_COMPONENTS_V2,
) -> list[Problem]:
    """Rules for a message create or edit payload.

    ``require_body`` is False for edits, which may change only some fields.
    """
    if not isinstance(body, dict):
        return [Problem((), "MODEL_TYPE_CONVERT", "Body must be a JSON object.")]
    problems = check_allowed_mentions(body)
    problems += _check_text(("content",), body.get("content"), MAX_CONTENT)
    flags = int(body.get("flags") or 0)
    if flags & ~allowed_flags:
        problems.append(Problem(("flags",), "MESSAGE_FLAGS_INVALID", "Invalid message flags."))
    if body.get("embeds") is not None:
        problems += check_embeds(body["embeds"])
    if body.get("components") is not None:
        problems += check_components(body["components"], flags)
    if require_body and not is_visible(body):
        problems.append(Problem((), "EMPTY_MESSAGE", "Cannot send an empty message", 50006))
    return problems


def is_visible(body: JSON) -> bool:
    """Whether a message has something to show: content, embeds, components or files."""
    keys = ("content", "embeds", "components", "attachments", "sticker_ids", "poll")
    return any(body.get(key) for key in keys)


def check_autocomplete(data: Any) -> list[Problem]:
    choices = _sub(data, "choices")
    if not isinstance(choices, list):
        return [Problem(("data", "choices"), "BASE_TYPE_REQUIRED", "This field is required")]
    problems = [_too_long(("data", "choices"), MAX_CHOICES)] if len(choices) > MAX_CHOICES else []
    for i, choice in enumerate(choices):
        at: Path = ("data", "choices", i)
        problems += _check_text((*at, "name"), _sub(choice, "name"), MAX_CHOICE_TEXT, required=True)
        value = _sub(choice, "value")
        if isinstance(value, str):
            problems += _check_text((*at, "value"), value, MAX_CHOICE_TEXT)
        elif not isinstance(value, int | float) or isinstance(value, bool):
            problems.append(Problem((*at, "value"), "BASE_TYPE_REQUIRED", "This field is required"))
    return problems


def check_modal(data: Any) -> list[Problem]:
    problems = _check_text(("data", "custom_id"), _sub(data, "custom_id"), 100, required=True)
    problems += _check_text(("data", "title"), _sub(data, "title"), 45, required=True)
    components = _sub(data, "components") or []
    if not 1 <= len(components) <= 5:
        problems.append(Problem(("data", "components"), "BASE_TYPE_BAD_LENGTH", "Must be 1 to 5."))
    return problems


def _check_localized(
    at: Path, key: str, command: JSON, limit: int, *, required: bool, name: bool
) -> list[Problem]:
    problems = _check_text((*at, key), command.get(key), limit, required=required)
    value = command.get(key)
    if name and isinstance(value, str) and not _COMMAND_NAME.match(value):
        problems.append(Problem((*at, key), "APPLICATION_COMMAND_INVALID_NAME", "Invalid name."))
    for locale, text in (command.get(f"{key}_localizations") or {}).items():
        where = (*at, f"{key}_localizations", locale)
        if locale not in LOCALES:
            problems.append(Problem(where, "LOCALE_INVALID", f"Invalid locale {locale!r}."))
        problems += _check_text(where, text, limit, required=True)
        if name and isinstance(text, str) and not _COMMAND_NAME.match(text):
            problems.append(Problem(where, "APPLICATION_COMMAND_INVALID_NAME", "Invalid name."))
    return problems


def _check_options(at: Path, options: Sequence[Any]) -> list[Problem]:
    problems = [_too_long(at, MAX_OPTIONS)] if len(options) > MAX_OPTIONS else []
    seen_optional = False
    for i, option in enumerate(options):
        if not isinstance(option, dict):
            continue
        where = (*at, i)
        problems += _check_localized(where, "name", option, 32, required=True, name=True)
        problems += _check_localized(where, "description", option, 100, required=True, name=False)
        if option.get("required"):
            if seen_optional:
                problems.append(
                    Problem(
                        where,
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required options must be placed before non-required options",
                    )
                )
        else:
            seen_optional = True
        choices = option.get("choices") or []
        if len(choices) > MAX_CHOICES:
            problems.append(_too_long((*where, "choices"), MAX_CHOICES))
        if option.get("type") in (1, 2):
            problems += _check_options((*where, "options"), option.get("options") or [])
    return problems


def check_commands(commands: Any) -> list[Problem]:
    """Rules for a bulk overwrite of application commands."""
    if not isinstance(commands, list):
        return [Problem((), "BASE_TYPE_ARRAY", "Must be an array.")]
    problems = [_too_long((), MAX_COMMANDS)] if len(commands) > MAX_COMMANDS else []
    seen: set[tuple[int, str]] = set()
    for i, command in enumerate(commands):
        if not isinstance(command, dict):
            problems.append(Problem((i,), "MODEL_TYPE_CONVERT", "Must be an object."))
            continue
        kind = int(command.get("type") or 1)
        chat = kind == 1
        problems += _check_localized((i,), "name", command, 32, required=True, name=chat)
        if chat:
            problems += _check_localized(
                (i,), "description", command, 100, required=True, name=False
            )
            name = command.get("name")
            if isinstance(name, str) and name != name.lower():
                problems.append(
                    Problem((i, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Lowercase.")
                )
        elif command.get("description"):
            problems.append(Problem((i, "description"), "BASE_TYPE_BAD_LENGTH", "Must be empty."))
        problems += _check_options((i, "options"), command.get("options") or [])
        key = (kind, str(command.get("name")))
        if key in seen:
            problems.append(
                Problem((i, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Duplicate.")
            )
        seen.add(key)
    return problems


def form_error(problems: Sequence[Problem]) -> JSON:
    """The JSON body Discord answers a rejected payload with."""
    standalone = [p for p in problems if p.api_code != 50035]
    if standalone:
        return {"message": standalone[0].message, "code": standalone[0].api_code}
    errors: JSON = {}
    for problem in problems:
        node = errors
        for part in problem.path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": problem.code, "message": problem.message})
    return {"message": "Invalid Form Body", "code": 50035, "errors": errors}
