"""The starter ladder that `pmladder init` writes: the default ladder with guidance on top."""

from __future__ import annotations

import re

from ..resources import default_ladder_path

GUIDANCE = """\
# yaml-language-server: $schema=ladder.schema.json
# A career ladder for pmladder. Start from this copy of the Product Management ladder:
# rename the roles, rewrite the text, add or drop dimensions, then check your work with
#     pmladder validate THIS_FILE
# and make the handout with
#     pmladder pdf THIS_FILE
#
# The format, field by field: docs/format.md in the pmladder repository. In short:
# - ladder.title is required; subtitle, organization, version, language and intro are optional.
#   language is the BCP 47 tag of the language you write in (pl, de, ja, en-GB): the web page
#   and the PDFs declare it; ladder.labels translates the words pmladder prints itself.
# - tracks (optional) split the ladder into columns, e.g. individual contributor and manager;
#   when you define tracks, every role needs `track: <id>`.
# - dimensions are the rows of the comparison matrix: `kind: text` (the default) or
#   `kind: rating` with `scale: 5`; each role gives a value per dimension id.
# - roles need id (lowercase letters, digits, - and _), title, level (1 = entry) and summary;
#   `next` lists the roles someone in this role can be promoted to.
# Text is plain text: a blank line starts a new paragraph; <b> and & print as written.
#
# Editors: the first line points VS Code's YAML extension (and other editors that use
# yaml-language-server) at the format's schema, so they complete and check fields as you type.
# Write that file next to this one with: pmladder schema -o ladder.schema.json
#
# Format 2 (schema: 2, below) also takes, when your framework has them: named points on a scale
# (`scale: [Adopts, Specializes, Masters]`, then `technology: Masters`), `groups:` of dimensions,
# a list of statements as a dimension's value, `tracks: [ic]` on a dimension, `levels:` with
# names (IC3, M3), a role's own `sections:`, and several roles in `reports_to`.

"""


def starter_text() -> str:
    # The starter declares the current format, so the fields above are open to it.
    ladder = default_ladder_path().read_text(encoding="utf-8").replace("\nschema: 1\n", "\nschema: 2\n", 1)
    # Said outright, so a ladder rewritten in another language is one word from declaring it.
    line = "  language: en  # the language you write in (BCP 47: pl, de, ja, en-GB)\n"
    ladder, found = re.subn(r"(\nladder:\n  title: [^\n]*\n)", lambda m: m.group(1) + line, ladder, count=1)
    return GUIDANCE + (ladder if found else ladder.replace("\nladder:\n", "\nladder:\n" + line, 1))
