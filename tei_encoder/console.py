"""The `tei-encoder` console command's entry point, kept free of imports of its own.

Importing the command line (click, the options, the stages' modules) takes a tenth of a second or
more; a Ctrl-C in that time raised KeyboardInterrupt inside an import, before the command line's
own handler (cli._Guarded) existed, and Python printed a traceback. Here the imports are inside
the handler: an interrupt at any moment ends in one line, exit status 130.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the tei-encoder command line (cli.main); a Ctrl-C while it is being imported ends the
    run with the line "tei-encoder: interrupted" on stderr and exit status 130, as it does later."""
    try:
        from .cli import main as command_line

        command_line()
    except KeyboardInterrupt:  # cli._Guarded handles it once a command runs: here only the start-up
        os.write(2, b"tei-encoder: interrupted\n")
        sys.exit(130)
