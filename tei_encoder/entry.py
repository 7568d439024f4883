"""The `tei-encoder` console script. It handles Ctrl-C (and SIGTERM, SIGHUP) from its first
moment: importing the command line (click, the stages' modules) takes a fifth of a second, and a
stop then printed a KeyboardInterrupt traceback and ended the process by the signal. Only the
standard library is imported before the handlers are set."""

from __future__ import annotations

import signal
import sys

_STARTUP_SIGNALS = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]


def _stopped_while_starting(signum: int, _frame) -> None:
    """Nothing is written yet: say it in the command line's words and exit 128 + the signal."""
    said = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    sys.stderr.write(f"tei-encoder: {said}\n")
    raise SystemExit(128 + signum)


def main() -> None:
    """Import the command line with the start-up handlers set, put the previous handlers back (the
    commands set their own: cli._Guarded, signals.stop_on_signals) and run it."""
    previous = {signum: signal.signal(signum, _stopped_while_starting) for signum in _STARTUP_SIGNALS}
    from .cli import main as command

    for signum, handler in previous.items():
        signal.signal(signum, signal.SIG_DFL if handler is None else handler)
    command()
