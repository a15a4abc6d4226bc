"""The pmladder command line: a thin click layer over the library.

One grammar for every command that writes: `-o/--output PATH` ('-' is standard output),
`--output-dir DIR` where several ladders are taken, `-f/--format NAME` with the choices of the
outputs registry (absent: the suffix of -o, else the command's default). Everything a run would
do wrong with its outputs (a suffix that contradicts the format, an output that is one of the
run's inputs, two outputs on one path, binary output to a terminal) is refused before any work.
Library errors become `Error: ...` lines and exit status 1; usage errors exit 2; Ctrl-C 130.
Heavy libraries are imported inside the commands that need them, so `--help`, `validate`
and the other light commands start fast.

The modules: `command` (the group, how a command runs), `options` (shared options), `plan`
(outputs planned and checked before any work, written, batches), and the commands by kind:
`ladder_info`, `data` (tables and data), `renderers` (chart, pdf, html), `assessment`.
"""

from __future__ import annotations

import signal

from . import assessment, data, ladder_info, renderers  # noqa: F401  (each registers its commands on `cli`)
from .command import _OWN_PROCESS, cli

__all__ = ["cli", "main"]


def main() -> None:  # the console script and python -m pmladder
    try:
        cli(obj=_OWN_PROCESS)
    finally:
        # The work is done (or reported): a Ctrl-C now would only print a traceback at exit.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
