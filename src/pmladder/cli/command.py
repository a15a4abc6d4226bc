"""How every command runs: library errors as `Error: ...` lines (exit 1), usage errors (exit 2),
Ctrl-C (exit 130), the library's warnings, standard output that fails; and the `cli` group itself."""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import warnings

import click

from .. import __version__
from ..errors import OutputError, PmladderError

EXIT_STATUS = """\b
Exit status:
  0    done
  1    a problem with an input or output file (Error: ...)
  2    a mistake in the command line
  130  interrupted (Ctrl-C)"""


class _Interrupted(KeyboardInterrupt):
    """Ctrl-C, with what the run had already written when it came."""


class _Run:
    """State of the command being run: whether a Ctrl-C arrived (libraries may swallow it)."""

    interrupted = False


def _on_sigint(signum, frame):
    _Run.interrupted = True
    raise KeyboardInterrupt


class _Command(click.Command):
    """Reports library errors as `Error: ...` (exit 1) and Ctrl-C as exit 130, never a traceback."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("epilog", EXIT_STATUS)
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The whole first sentence in the command list, not one cut at 45 characters."""
        first = (self.help or "").split("\n\n")[0].replace("\n", " ").strip()
        return first.split(". ")[0].rstrip(".")

    def invoke(self, ctx):
        _Run.interrupted = False
        own_handler = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, _on_sigint) if own_handler else None
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = super().invoke(ctx)
            _report_warnings(caught)
            return result
        except KeyboardInterrupt as exc:
            click.echo(str(exc) if isinstance(exc, _Interrupted) else "Interrupted; nothing was written.", err=True)
            ctx.exit(130)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # `pmladder matrix | head`: the reader has all it wanted
            _silence_stdout()
            ctx.exit(1)
        except Exception as exc:
            if _Run.interrupted:  # a library turned our KeyboardInterrupt into another error
                click.echo("Interrupted; nothing was written.", err=True)
                ctx.exit(130)
            if isinstance(exc, PmladderError):
                for line in exc.lines:
                    click.echo(f"Error: {line}", err=True)
                ctx.exit(1)
            if os.environ.get("PMLADDER_DEBUG"):  # a bug of ours: say so in one line, never a traceback
                raise
            click.echo(f"Error: internal error ({type(exc).__name__}: {str(exc)[:200]}); nothing was written. "
                       "Please report it; PMLADDER_DEBUG=1 shows the details.", err=True)
            ctx.exit(1)
        finally:
            if own_handler:
                signal.signal(signal.SIGINT, previous)


def _report_warnings(caught) -> None:
    seen = set()
    for warning in caught:
        message = str(warning.message)
        if warning.category.__module__.startswith("pmladder") and message not in seen:
            seen.add(message)
            click.echo(f"Warning: {message}", err=True)


def _silence_stdout() -> None:
    """After standard output failed, point it at /dev/null so Python's exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):  # not a real file (a test runner)
        pass


def _say(text: str) -> None:
    """A line on standard output; a full disk or closed pipe there is reported, not a crash."""
    try:
        click.echo(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        raise OutputError(f"standard output: cannot be written: {exc.strerror or exc}") from None


class _Group(click.Group):
    command_class = _Command

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort as exc:  # Ctrl-C while click parsed the command line
            interrupted = isinstance(exc.__cause__, KeyboardInterrupt)
            click.echo("Interrupted." if interrupted else "Aborted!", err=True)
            sys.exit(130 if interrupted else 1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `pmladder --help | head -1`
            _silence_stdout()
            sys.exit(1)
        except OSError as exc:  # `pmladder --help > /dev/full`: click printed help or the version
            _silence_stdout()
            click.echo(f"Error: standard output: cannot be written: {exc.strerror or exc}", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_STATUS)
@click.version_option(__version__, prog_name="pmladder", help="Show the version and exit.")
def cli():
    """Turn a career ladder written in YAML into a printed handout, a slide chart, a web page, a
    workbook, JSON and development reports.

    Without a LADDER argument every command uses the built-in Product Management ladder.
    Commands that write take -o PATH ('-' for standard output) and -f FORMAT.
    """


_OWN_PROCESS = "pmladder's own process"  # the context object main() runs the commands with



def _freeze_imports() -> None:
    """Keep the garbage collector off the objects every import just made (hundreds of
    thousands for matplotlib or ReportLab, none of them garbage): each full collection, and
    the one at exit, would walk them all again. (The entry point, pmladder.__main__, has
    already made young collections rarer.) Only in the pmladder process itself: neither the
    library nor `cli` called from another program (or a test runner) does this to it."""
    if click.get_current_context().find_root().obj == _OWN_PROCESS:
        import gc

        gc.freeze()
