"""Stopping a command that reads lines, on SIGTERM or Ctrl-C, without losing the log.

``briefbot console`` and ``briefbot ask --jsonl`` block on a line read, in the
main thread, between turns of the event loop that writes the question log. A
signal raised as an exception in the middle of that event loop would tear it
down under the log's writer; so the handler raises only while a line is being
read (the read is then simply abandoned), and otherwise asks the reading loop
to stop before its next line. Either way the store is flushed and closed as
the command unwinds.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import Any

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Stopper:
    """Installs SIGTERM and SIGINT handlers for a line-reading loop."""

    def __init__(self) -> None:
        self.received: int | None = None
        self._reading = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> Stopper:
        for sig in SIGNALS:
            self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    @property
    def stopped(self) -> bool:
        """Whether a signal asked the loop to stop."""
        return self.received is not None

    @property
    def exit_status(self) -> int:
        """The shell's status for the signal received (0 if none, or Ctrl-C)."""
        return 128 + self.received if self.received == signal.SIGTERM else 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A blocking read that a signal may interrupt (Ctrl-C: KeyboardInterrupt,
        SIGTERM: SystemExit with the shell's status)."""
        self._reading = True
        try:
            yield
        finally:
            self._reading = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.received = signum
        if self._reading:
            if signum == signal.SIGINT:
                raise KeyboardInterrupt
            raise SystemExit(128 + signum)
