"""The one exception hierarchy of briefbot.

::

    BriefbotError                 anything briefbot raises on purpose
    ├── ConfigError               a BRIEFBOT_* / DISCORD_* setting is missing or malformed
    ├── KnowledgeError            the knowledge base cannot be loaded or is invalid
    ├── StorageError              the store (SQLite or PostgreSQL) cannot be used
    └── HealthError               ``briefbot health``: the running bot is not alive

Front ends catch ``BriefbotError`` at their edge, print its message (never a
traceback) and exit non-zero. Low-level errors are wrapped with
``raise ... from exc`` so the cause stays in debug logs.
"""

from __future__ import annotations


class BriefbotError(Exception):
    """Base class: a failure with a message meant for the person running briefbot."""


class ConfigError(BriefbotError):
    """A setting is missing or malformed; the message names the variable."""


class KnowledgeError(BriefbotError):
    """The knowledge base is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"knowledge base invalid ({count} problem{'s' if count != 1 else ''}):"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class StorageError(BriefbotError):
    """The store could not be opened, migrated or written."""


class HealthError(BriefbotError):
    """The running bot's heartbeat is missing (when required) or stale."""
