"""Text normalization for what people type in chat.

Two steps, kept apart on purpose: :func:`clean` makes a question safe to
handle (Discord markup, mentions, control characters), and :func:`fold` turns
it into the comparable form the matcher works on (no case, no accents, no
apostrophes or punctuation, no letters held down).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Discord mentions and mass pings: <@123>, <@!123>, <@&123>, <#123>, @everyone, @here.
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b", re.IGNORECASE)
_CUSTOM_EMOJI = re.compile(r"<a?:\w+:\d+>")
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
# Markdown a reader does not see as words: struck-out text (~~…~~, taken back by its
# writer) and a link's text with its address ([free nitro](https://…), bait).
_STRUCK = re.compile(r"~~[^~]*~~")
_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")
# A fenced code block (closed or not) is pasted text, not the question around it.
_CODE_BLOCK = re.compile(r"```.*?(?:```|$)", re.DOTALL)
# In a message that is only code, what is asked is in its strings: the fence's language
# tag and the names of functions called ("print(") are code, not words of the question.
_CODE_SYNTAX = re.compile(r"```[A-Za-z0-9_+-]*\n|```|\b[A-Za-z_][\w.]*\(")
# HTML: a script or style element says nothing; other tags are dropped, their text kept.
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_SPACES = re.compile(r"[^\S\n]+")
# A line break ends a sentence, as chat lines are written: blank lines and the spaces
# around it are one break.
_LINES = re.compile(r"\s*\n\s*")
_ASCII_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
# Three or more of the same letter ("quanddd", "whennn") are one letter held down.
_HELD = re.compile(r"([^\W\d])\1{2,}")
# Any character three times, looked for first: five times cheaper, and rarely there.
_TRIPLED = re.compile(r"(.)\1\1")
_NON_WORD = re.compile(r"[\W_]+")
# The same for ASCII text, as a table of bytes: every one not a letter or a digit is a space.
_ASCII_NON_WORD = bytes(c if chr(c).isalnum() else ord(" ") for c in range(256))

# Ligatures and letters NFKD does not split into base + accent.
_LETTERS_FROM = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o"}
_LETTERS = str.maketrans(_LETTERS_FROM)
_LIGATURES = re.compile("[" + "".join(_LETTERS_FROM) + "]")
# The accents NFKD splits off Latin letters, dropped by one pattern (the other combining
# marks are tested one character at a time).
_LATIN_ACCENTS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]"
)


def clean(text: str) -> str:
    """Strip mentions, custom emoji, links, code, HTML tags and control characters;
    collapse spaces, keeping one line break where lines break (it ends a sentence).

    The result is what a question "says": it is what gets matched, and it
    never carries a ping into a reply. A code block is dropped when there is
    text around it (it is quoted material, not the question), kept otherwise.
    """
    if "```" in text:
        outside = _CODE_BLOCK.sub(" ", text)
        text = outside if has_letters(outside) else _CODE_SYNTAX.sub(" ", text)
    if "<" in text:  # each pattern only where its first character is (the common case: none)
        text = _TAG.sub(" ", _SCRIPT.sub(" ", text))
        text = _CUSTOM_EMOJI.sub(" ", text)
    if "<" in text or "@" in text:
        text = _MENTION.sub(" ", text)
    if "~~" in text:
        text = _STRUCK.sub(" ", text)
    if "](" in text:
        text = _LINK.sub(" ", text)
    if "://" in text:
        text = _URL.sub(" ", text)
    # Printable text (the common case) has no control character, and no space but " ".
    if text.isprintable():
        if "  " in text:
            text = _SPACES.sub(" ", text)
        return text.strip()
    if text.isascii():  # the only control characters are these
        text = _ASCII_CONTROL.sub(" ", text)
    else:
        text = "".join(
            " " if unicodedata.category(ch)[0] == "C" and ch != "\n" else ch for ch in text
        )
    text = _SPACES.sub(" ", text)
    return (_LINES.sub("\n", text) if "\n" in text else text).strip()


def strip_accents(text: str) -> str:
    """Drop accents: "défense" -> "defense"."""
    if text.isascii():
        return text  # the common case in chat, and 20x cheaper than decomposing
    # after NFKD, which makes some of these letters of other characters ("𐞢" is "ø")
    bare = _LATIN_ACCENTS.sub("", unicodedata.normalize("NFKD", text))
    if _LIGATURES.search(bare):
        bare = bare.translate(_LETTERS)
    if bare.isascii():
        return bare  # accented Latin letters only (the common case): no character to test
    # What is left is mostly punctuation (’ « » –): each distinct character tested once
    if not any(unicodedata.combining(ch) for ch in set(bare) if not ch.isascii()):
        return bare
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


# One question is folded by the language detector, the screen and the matcher.
@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The comparable form: lower case, no accents, words separated by one space.

    Apostrophes split words, so French elisions (l', qu', d', c') become
    separate short words that the matcher treats as stop words.
    """
    # Lower-case again after NFKD: compatibility forms can decompose to capitals.
    text = strip_accents(text.lower()).lower().replace("%", " percent ")
    if text.isascii():  # the common case: a table, ten times cheaper than the pattern
        text = " ".join(text.encode().translate(_ASCII_NON_WORD).decode().split())
    else:
        text = _NON_WORD.sub(" ", text).strip()
    return _HELD.sub(r"\1", text) if _TRIPLED.search(text) else text


def has_held(text: str) -> bool:
    """Whether a letter is held down somewhere in ``text`` ("quanddd"): what ``fold``
    folds away."""
    return bool(_TRIPLED.search(text) and _HELD.search(text))


def has_letters(text: str) -> bool:
    """True when ``text`` holds at least one letter or digit of any script."""
    return any(ch.isalnum() for ch in text)
