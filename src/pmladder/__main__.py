"""`python -m pmladder`: the command line, with Ctrl-C during start-up ending quietly too."""

import sys

try:
    from .cli import main
except KeyboardInterrupt:  # pressed while the libraries were still loading
    sys.exit(130)

main()
