"""The Discord token as ``briefbot run`` and ``sync`` read it: surrounding whitespace
trimmed (a file written by ``echo`` ends with a newline), anything else that cannot be
in a token refused in one line that never shows the token."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefbot.config import Settings, read_token
from briefbot.errors import ConfigError

TOKEN = "MTEwMDAw.secret-looking.token_value"


@pytest.mark.parametrize("raw", [TOKEN, f"  {TOKEN}\n", f"\n{TOKEN}\r\n", f"\t{TOKEN} "])
def test_surrounding_whitespace_is_trimmed(raw: str, tmp_path: Path) -> None:
    """From the variable or from the file, spaces and line breaks around the token go."""
    secret = tmp_path / "discord_token"
    secret.write_text(raw, encoding="utf-8")
    assert read_token({"DISCORD_TOKEN": raw}) == TOKEN
    assert read_token({"DISCORD_TOKEN_FILE": str(secret)}) == TOKEN


@pytest.mark.parametrize(
    "raw",
    [
        "MTEwMDAw.secret-looking\n.token_value",  # a line break inside
        "MTEwMDAw.secret-looking.token_value\nsecond-line",
        f"Bot {TOKEN}",  # the header's prefix pasted along
        "MTEwMDAw.secret\tlooking",
        "MTEwMDAw.secret\x00looking",
        "MTEwMDAw.sécret-looking",
    ],
)
def test_a_token_with_characters_inside_it_cannot_have_is_refused(raw: str, tmp_path: Path) -> None:
    """Whitespace, control or non-ASCII characters inside: one line naming where the
    token came from, without the token or any part of it."""
    secret = tmp_path / "discord_token"
    secret.write_text(raw + "\n", encoding="utf-8")
    for env, source in (
        ({"DISCORD_TOKEN": raw}, "DISCORD_TOKEN"),
        ({"DISCORD_TOKEN_FILE": str(secret)}, "DISCORD_TOKEN_FILE"),
    ):
        with pytest.raises(ConfigError) as refused:
            read_token(env)
        message = str(refused.value)
        assert message.startswith(source) and "\n" not in message
        assert not any(part in message for part in raw.split() if len(part) > 3)


def test_a_token_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    """A token file in another encoding (or binary) is one line too, not a traceback."""
    secret = tmp_path / "discord_token"
    secret.write_bytes(b"MTEwMDAw.s\xe9cret\n")
    with pytest.raises(ConfigError, match=r"^DISCORD_TOKEN_FILE names .*inside the token"):
        read_token({"DISCORD_TOKEN_FILE": str(secret)})


def test_knowledge_poll_is_seconds_with_zero_for_sighup_only() -> None:
    """BRIEFBOT_KNOWLEDGE_POLL: 5 s unless set; 0 turns polling off; a negative or
    non-numeric value is refused, naming the variable."""
    assert Settings.from_env({}).knowledge_poll == 5.0
    assert Settings.from_env({"BRIEFBOT_KNOWLEDGE_POLL": "0"}).knowledge_poll == 0.0
    assert Settings.from_env({"BRIEFBOT_KNOWLEDGE_POLL": " 0.5 "}).knowledge_poll == 0.5
    for raw in ("-1", "soon"):
        with pytest.raises(ConfigError, match="BRIEFBOT_KNOWLEDGE_POLL"):
            Settings.from_env({"BRIEFBOT_KNOWLEDGE_POLL": raw})
