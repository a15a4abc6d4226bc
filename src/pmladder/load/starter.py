"""The starter ladder that `pmladder init` writes: the default ladder with guidance on top."""

from __future__ import annotations

from ..resources import default_ladder_path

GUIDANCE = """\
# A career ladder for pmladder. Start from this copy of the Product Management ladder:
# rename the roles, rewrite the text, add or drop dimensions, then check your work with
#     pmladder validate THIS_FILE
# and make the handout with
#     pmladder pdf THIS_FILE
#
# The format, field by field: docs/format.md in the pmladder repository. In short:
# - ladder.title is required; subtitle, organization, version and intro are optional.
# - tracks (optional) split the ladder into columns, e.g. individual contributor and manager;
#   when you define tracks, every role needs `track: <id>`.
# - dimensions are the rows of the comparison matrix: `kind: text` (the default) or
#   `kind: rating` with `scale: 5`; each role gives a value per dimension id.
# - roles need id (lowercase letters, digits, - and _), title, level (1 = entry) and summary;
#   `next` lists the roles someone in this role can be promoted to.
# Text is plain text: a blank line starts a new paragraph; <b> and & print as written.

"""


def starter_text() -> str:
    return GUIDANCE + default_ladder_path().read_text(encoding="utf-8")
