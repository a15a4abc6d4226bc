"""How much a ladder file may hold. Below these every command finishes in seconds; past them a
file is refused at load (a 1,000-role chart or handout took a minute). The limits on one value
(a name, a text, a list) are in checks, those on scales and dimensions in dimensions."""

MAX_ROLES = 200
MAX_CHARACTERS = 1_000_000  # of all text together, a named rating's point name once per role: about 600 pages (2,000,000 took 11 s)
MAX_TRACKS = 20
MAX_NEXT = 10  # roles one role leads to (or reports to)
MAX_INTRO = 50  # introduction sections
MAX_SECTIONS = 20  # a role's own sections
MAX_LEVEL_NAMES = 200
MAX_LEVEL = 99
