"""What every output shows, worked out once from the model: role pages, what changes at the
next level, matrix groups, contents, all in the ladder's own words (its `labels`).

Plain data, no layout and no renderer: the PDF, the Markdown/CSV tables and every output to
come render this and decide nothing about content.
"""

from .cells import CHANGE_MARKS, Cell
from .document import (
    DEFAULT_PARTS,
    EXCERPT_PARTS,
    PARTS,
    Cover,
    Entry,
    IndexEntry,
    TrackNote,
    Worksheet,
    contents,
    cover,
    document_language,
    excerpt_caption,
    excerpt_roles,
    handout_date,
    handout_parts,
    language_runs,
    part_error,
    role_index,
    role_key,
    track_notes,
    version_line,
    worksheet,
    worksheet_key,
)
from .matrix import Matrix, MatrixGroup, MatrixRow, RoleColumn, headed, matrix, whole_matrix
from .progression import LevelRow, Placed, Progression, ProgressionView, progression, uses_progression
from .roles import Bullets, Chip, Profile, ProfileRow, ProfileTable, Promotion, RolePage, profile, role_page

__all__ = [
    "DEFAULT_PARTS", "EXCERPT_PARTS", "PARTS", "TrackNote", "handout_parts", "part_error", "track_notes",
    "Bullets", "Chip", "excerpt_caption", "role_key", "language_runs", "version_line", "worksheet_key",
    "CHANGE_MARKS", "Cell", "Cover", "Entry", "IndexEntry", "Matrix", "MatrixGroup", "MatrixRow", "Profile", "ProfileRow",
    "ProfileTable", "Promotion", "RoleColumn", "RolePage", "Worksheet", "contents", "cover", "document_language", "excerpt_roles",
    "LevelRow", "Placed", "Progression", "ProgressionView", "progression", "uses_progression",
    "handout_date", "headed", "matrix", "profile", "role_index", "role_page", "whole_matrix", "worksheet",
]
