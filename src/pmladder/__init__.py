"""pmladder: turn a career ladder written in YAML into a handout, slide charts and tables.

The public API is what `__all__` lists; everything else is private and may change.
matplotlib and ReportLab load only when a function that needs them is first called.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import chart_bytes, flowables, render_chart, render_pdf, render_radar, write_pdf
from .errors import (
    InputError,
    LadderError,
    MissingGlyphsWarning,
    OutputError,
    PacketError,
    PmladderError,
    RenderError,
    StyleError,
)
from .load.ladder import load_ladder
from .load.style import Style, load_style
from .model import Change, Dimension, IntroSection, Ladder, Role, Track

__all__ = [
    "__version__",
    "Change",
    "Dimension",
    "InputError",
    "IntroSection",
    "Ladder",
    "LadderError",
    "MissingGlyphsWarning",
    "OutputError",
    "PacketError",
    "PmladderError",
    "RenderError",
    "Role",
    "Style",
    "StyleError",
    "Track",
    "chart_bytes",
    "flowables",
    "load_ladder",
    "load_style",
    "render_chart",
    "render_pdf",
    "render_radar",
    "write_pdf",
]
