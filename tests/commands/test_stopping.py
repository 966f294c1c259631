"""Signals stop a line-reading command between lines, or interrupt the read itself."""

from __future__ import annotations

import os
import signal

import pytest

from briefbot.commands.stopping import Stopper


def test_a_signal_between_reads_only_asks_to_stop() -> None:
    """Outside a read, SIGTERM raises nothing: the loop sees ``stopped`` and unwinds."""
    with Stopper() as stopper:
        os.kill(os.getpid(), signal.SIGTERM)
        assert stopper.stopped
    assert stopper.exit_status == 128 + signal.SIGTERM


def test_a_signal_during_a_read_interrupts_it() -> None:
    """Inside a read, SIGTERM is a SystemExit with the shell's status; Ctrl-C a
    KeyboardInterrupt (which leaves with status 0)."""
    with Stopper() as stopper, pytest.raises(SystemExit) as caught, stopper.reading():
        os.kill(os.getpid(), signal.SIGTERM)
    assert caught.value.code == 128 + signal.SIGTERM
    with Stopper() as stopper, pytest.raises(KeyboardInterrupt), stopper.reading():
        os.kill(os.getpid(), signal.SIGINT)
    assert stopper.exit_status == 0


def test_the_previous_handlers_come_back() -> None:
    """Leaving the block restores whatever handled the signals before."""
    before = signal.getsignal(signal.SIGTERM)
    with Stopper():
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before
