"""The command line's entry point (`pmladder` and `python -m pmladder`).

It imports nothing but `sys` and `gc` before its `try`: a Ctrl-C while click, YAML and the
rest of pmladder are still loading ends quietly with status 130, never with a traceback.
"""

import gc
import sys


def main() -> None:
    # Collect young objects every 50,000 allocations instead of every 700, from the first
    # import on: imports make objects by the hundred thousand and free none, and layout makes
    # and frees them by the hundred thousand, nearly all by reference counting (peak memory of
    # a 200-role handout is unchanged). 2-3% of `pmladder pdf` (benchmarks/bench.py). This
    # process is pmladder's own: the library, and `cli` run in-process, leave gc alone.
    gc.set_threshold(50_000, 20, 100)
    try:
        from .cli import main as run
    except KeyboardInterrupt:  # pressed while the libraries were still loading
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    try:
        run()
    finally:
        # The run is over (its outputs written and closed): frozen, the objects it leaves are
        # out of the collector's reach, so the interpreter's collection at exit does not walk
        # every one of them (~3 ms of `pmladder pdf`, benchmarks/bench.py).
        gc.freeze()


if __name__ == "__main__":
    main()
