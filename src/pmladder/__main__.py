"""The command line's entry point (`pmladder` and `python -m pmladder`).

It imports nothing but `sys` before its `try`: a Ctrl-C while click, YAML and the rest of
pmladder are still loading ends quietly with status 130, never with a traceback.
"""

import sys


def main() -> None:
    try:
        from .cli import main as run
    except KeyboardInterrupt:  # pressed while the libraries were still loading
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
