"""pmladder: turn a career ladder written in YAML into a handout, slide charts and tables.

The public API is what `__all__` lists; everything else is private and may change.
matplotlib and ReportLab load only when a function that needs them is first called.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import LadderError, OutputError, PmladderError, RenderError, StyleError
from .loader import load_ladder
from .model import Change, Dimension, IntroSection, Ladder, Role, Track
from .style import Style, load_style

__all__ = [
    "__version__",
    "Change",
    "Dimension",
    "IntroSection",
    "Ladder",
    "LadderError",
    "OutputError",
    "PmladderError",
    "RenderError",
    "Role",
    "Style",
    "StyleError",
    "Track",
    "load_ladder",
    "load_style",
]
