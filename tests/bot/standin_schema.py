"""Request bodies checked against Discord's own OpenAPI description.

``discord_api/openapi.json`` is the part of Discord's description covering the
endpoints briefbot calls (see ``discord_api/extract.py``). ``Schemas.check``
finds the operation a request is for and validates its JSON body with a small
validator over the JSON Schema keywords that part uses (``KEYWORDS``; a test
fails if the description starts using another). Each failure is a
``Problem``, reported like Discord reports an invalid form body.

Three choices of ours, beside the description:

- **Unknown fields are refused.** Discord silently drops a field it does not
  know, so a misspelt one (``allowed_mention``) is lost without a word; the
  stand-in refuses it (code ``STANDIN_UNKNOWN_FIELD``) so that tests see it.
- **The description's gaps are filled** (``DESCRIPTION_GAPS``): fields
  discord.py sends and Discord accepts that the description leaves out.
- **Snowflakes may be JSON integers.** discord.py sends some ids (in
  ``message_reference``) as numbers, which Discord accepts, though the
  description types snowflakes as strings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from standin_rules import Path as At
from standin_rules import Problem

SPEC = Path(__file__).with_name("discord_api") / "openapi.json"

# What the validator understands (of ``format``, only ``snowflake`` is checked: the
# others name encodings Discord checks loosely); annotations are read and ignored.
KEYWORDS = frozenset(
    {
        "$ref", "type", "const", "enum", "oneOf", "anyOf", "allOf",
        "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
        "items", "minItems", "maxItems", "uniqueItems",
        "properties", "required", "additionalProperties", "maxProperties",
    }
)  # fmt: skip
ANNOTATIONS = frozenset({"title", "description", "x-discord-union", "contentEncoding"})

# Fields discord.py sends and Discord accepts that the description leaves out.
DESCRIPTION_GAPS: dict[str, dict[str, Any]] = {
    "RichEmbed": {"flags": {"type": ["integer", "null"], "minimum": 0}},  # always sent, 0
    "ApplicationCommandUpdateRequest": {"nsfw": {"type": ["boolean", "null"]}},
    # discord.py's Interaction.response.edit_message sends tts (false).
    "IncomingWebhookUpdateForInteractionCallbackRequestPartial": {
        "tts": {"type": ["boolean", "null"]}
    },
}

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "null": (type(None),),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "array": (list,),
    "object": (dict,),
}
_MAX_SNOWFLAKE = 2**64 - 1


def _is(instance: Any, json_type: str) -> bool:
    if isinstance(instance, bool) and json_type in ("integer", "number"):
        return False
    return isinstance(instance, _JSON_TYPES[json_type])


def _same(a: Any, b: Any) -> bool:
    """JSON equality: ``true`` is not ``1``."""
    return a == b and isinstance(a, bool) == isinstance(b, bool)


@dataclass(frozen=True)
class Operation:
    """One endpoint of the description: its path as a regex, and its body schema."""

    method: str
    path: str
    pattern: re.Pattern[str]
    body: Any  # the JSON schema of the request body, or None if it takes none


class Schemas:
    """The vendored description, ready to check request bodies against."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.components: dict[str, Any] = spec["components"]["schemas"]
        for name, fields in DESCRIPTION_GAPS.items():
            self.components[name]["properties"].update(fields)
        self.operations: list[Operation] = []
        for path, entry in spec["paths"].items():
            regex = re.sub(r"\\\{[^/{}]+\\\}", "[^/]+", re.escape(path))
            for method, operation in entry.items():
                if method == "parameters":
                    continue
                body = (operation.get("requestBody") or {}).get("content", {})
                schema = body.get("application/json", {}).get("schema")
                self.operations.append(
                    Operation(method.upper(), path, re.compile(f"^{regex}$"), schema)
                )

    def operation(self, method: str, path: str) -> Operation | None:
        """The described endpoint a request is for (literal segments such as ``@me``
        beat parameters), or None when briefbot's part of the description lacks it."""
        found = [o for o in self.operations if o.method == method and o.pattern.match(path)]
        return min(found, key=lambda o: o.path.count("{"), default=None)

    def check(self, method: str, path: str, body: Any) -> list[Problem]:
        """What Discord's description finds wrong with ``body`` (None: no body sent)."""
        operation = self.operation(method, path)
        if operation is None:
            return []
        if operation.body is None:
            if body is None:
                return []
            return [Problem((), "STANDIN_NO_BODY", f"{operation.path} takes no body.")]
        if body is None:
            return [Problem((), "BASE_TYPE_REQUIRED", "This endpoint needs a JSON body.")]
        return self.validate(operation.body, body, ())

    # -- the validator ---------------------------------------------------------

    def validate(self, schema: Any, instance: Any, at: At) -> list[Problem]:
        """Every problem of ``instance`` against ``schema``, with where it is."""
        schema = self._resolve(schema)
        if _snowflake(schema, instance):
            return []
        problems: list[Problem] = []
        types = schema.get("type")
        if types is not None:
            names = [types] if isinstance(types, str) else types
            if not any(_is(instance, name) for name in names):
                wanted = " or ".join(names)
                return [Problem(at, "BASE_TYPE_BAD_TYPE", f"Must be of type {wanted}.")]
        for part in schema.get("allOf", ()):
            problems += self.validate(part, instance, at)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                problems += self._union(key, schema[key], instance, at)
        problems += _values(schema, instance, at)
        if isinstance(instance, list):
            problems += self._array(schema, instance, at)
        elif isinstance(instance, dict):
            problems += self._object(schema, instance, at)
        return problems

    def _union(self, key: str, branches: list[Any], instance: Any, at: At) -> list[Problem]:
        # Only branches of the instance's JSON type, and for objects of its "type"
        # field (Discord's unions are told apart by it), are checked in full: the
        # others cannot match (checking every branch made a message with buttons cost
        # ~8 ms to check instead of ~0.2 ms).
        found = [self.validate(b, instance, at) for b in branches if self._may_match(b, instance)]
        matching = sum(not problems for problems in found)
        if matching == 1 or (key == "anyOf" and matching > 1):
            return []
        if matching > 1:
            return [Problem(at, "UNION_TYPE_CHOICES", "Matches more than one of oneOf.")]
        if found:  # report the closest branch: fewest problems, then the deepest
            return min(found, key=lambda f: (len(f), -max(len(p.path) for p in f)))
        return [self._no_branch(branches, instance, at)]

    def _resolve(self, schema: Any) -> Any:
        return self.components[schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else schema

    def _may_match(self, branch: Any, instance: Any) -> bool:
        """False if ``branch`` cannot match: another JSON type, another constant, or
        another "type" field."""
        branch = self._resolve(branch)
        types = branch.get("type")
        if types is not None and not _snowflake(branch, instance):
            names = [types] if isinstance(types, str) else types
            if not any(_is(instance, name) for name in names):
                return False
        if "const" in branch:  # enums are written as a oneOf of consts
            return _same(instance, branch["const"])
        allowed = _discriminator(branch)
        if allowed is None or not isinstance(instance, dict) or "type" not in instance:
            return True
        return any(_same(instance["type"], value) for value in allowed)

    def _no_branch(self, branches: list[Any], instance: Any, at: At) -> Problem:
        """What to say when no branch is even of the right kind."""
        resolved = [self._resolve(b) for b in branches]
        if all("const" in b for b in resolved):
            choices = ", ".join(repr(b["const"]) for b in resolved)
            return Problem(at, "BASE_TYPE_CHOICES", f"Must be one of {choices}.")
        kinds = [_discriminator(b) for b in resolved]
        if isinstance(instance, dict) and "type" in instance and all(kinds):
            choices = ", ".join(repr(v) for values in kinds for v in values or ())
            return Problem((*at, "type"), "BASE_TYPE_CHOICES", f"Must be one of {choices}.")
        names = [b.get("type") for b in resolved]
        flat = [n for name in names for n in ([name] if isinstance(name, str) else name or [])]
        return Problem(at, "BASE_TYPE_BAD_TYPE", f"Must be of type {' or '.join(flat)}.")

    def _array(self, schema: Any, items: list[Any], at: At) -> list[Problem]:
        problems: list[Problem] = []
        if "maxItems" in schema and len(items) > schema["maxItems"]:
            limit = schema["maxItems"]
            problems.append(Problem(at, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer."))
        if "minItems" in schema and len(items) < schema["minItems"]:
            limit = schema["minItems"]
            problems.append(Problem(at, "BASE_TYPE_MIN_LENGTH", f"Must be {limit} or more."))
        if schema.get("uniqueItems"):
            seen = [json.dumps(item, sort_keys=True) for item in items]
            if len(set(seen)) != len(seen):
                problems.append(Problem(at, "BASE_TYPE_UNIQUE", "Items must be unique."))
        if "items" in schema:
            for index, item in enumerate(items):
                problems += self.validate(schema["items"], item, (*at, index))
        return problems

    def _object(self, schema: Any, fields: dict[str, Any], at: At) -> list[Problem]:
        problems = [
            Problem((*at, name), "BASE_TYPE_REQUIRED", "This field is required")
            for name in schema.get("required", ())
            if name not in fields
        ]
        if "maxProperties" in schema and len(fields) > schema["maxProperties"]:
            limit = schema["maxProperties"]
            problems.append(Problem(at, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer."))
        known = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        if not known and extra is None:
            return problems  # a free-form object, or one described by a union
        for name, value in fields.items():
            if name in known:
                problems += self.validate(known[name], value, (*at, name))
            elif isinstance(extra, dict):
                problems += self.validate(extra, value, (*at, name))
            elif extra is not True:
                message = "Unknown field: Discord ignores it (a misspelling?)."
                problems.append(Problem((*at, name), "STANDIN_UNKNOWN_FIELD", message))
        return problems


def _discriminator(schema: Any) -> list[Any] | None:
    """The values an object schema allows in its "type" field, if it says."""
    field = schema.get("properties", {}).get("type", {})
    if "enum" in field:
        return list(field["enum"])
    return [field["const"]] if "const" in field else None


def _snowflake(schema: Any, instance: Any) -> bool:
    """An id sent as a JSON integer where the description says snowflake string."""
    return (
        schema.get("format") == "snowflake"
        and _is(instance, "integer")
        and 0 <= instance <= _MAX_SNOWFLAKE
    )


def _values(schema: Any, instance: Any, at: At) -> list[Problem]:
    """``const``, ``enum`` and the keywords on strings and numbers."""
    problems: list[Problem] = []
    if "const" in schema and not _same(instance, schema["const"]):
        problems.append(Problem(at, "BASE_TYPE_CHOICES", f"Must be {schema['const']!r}."))
    if "enum" in schema and not any(_same(instance, v) for v in schema["enum"]):
        choices = ", ".join(map(repr, schema["enum"]))
        problems.append(Problem(at, "BASE_TYPE_CHOICES", f"Must be one of {choices}."))
    if isinstance(instance, str):
        if "maxLength" in schema and len(instance) > schema["maxLength"]:
            limit = schema["maxLength"]
            problems.append(
                Problem(at, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")
            )
        if "minLength" in schema and len(instance) < schema["minLength"]:
            limit = schema["minLength"]
            problems.append(
                Problem(at, "BASE_TYPE_MIN_LENGTH", f"Must be {limit} or more in length.")
            )
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            problems.append(Problem(at, "STRING_TYPE_REGEX", "Does not match the pattern."))
    elif _is(instance, "number"):
        if "minimum" in schema and instance < schema["minimum"]:
            problems.append(Problem(at, "NUMBER_TYPE_MIN", f"Must be >= {schema['minimum']}."))
        if "maximum" in schema and instance > schema["maximum"]:
            problems.append(Problem(at, "NUMBER_TYPE_MAX", f"Must be <= {schema['maximum']}."))
    return problems


@cache
def discord_schemas() -> Schemas:
    """The vendored description, read once per test run."""
    return Schemas(json.loads(SPEC.read_text(encoding="utf-8")))


def keywords_used(node: Any) -> set[str]:
    """Every schema keyword in a description (property names are not keywords)."""
    if isinstance(node, list):
        return set().union(*map(keywords_used, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = set(node) - {"properties"}
    for key, value in node.items():
        if key == "properties":
            found |= set().union(*map(keywords_used, value.values())) if value else set()
        elif key not in ("const", "enum"):
            found |= keywords_used(value)
    return found
