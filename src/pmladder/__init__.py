"""pmladder: turn a career ladder written in YAML into a handout, slide charts and tables.

The public API is what `__all__` lists; everything else is private and may change.
Names load on first use (PEP 562), so `import pmladder` costs almost nothing: the command
line starts, and takes Ctrl-C quietly, before YAML, click or the renderers are imported.
matplotlib and ReportLab load only when a function that needs them is first called.
"""

# Nothing is imported here at all (not even typing): see pmladder/__main__.py.
TYPE_CHECKING = False
__version__ = "0.1.0"

# public name -> the module that defines it
_WHERE = {
    **dict.fromkeys(("chart_bytes", "flowables", "render_chart", "render_pdf", "render_radar", "write_pdf"), ".api"),
    **dict.fromkeys(("InputError", "LadderError", "MissingGlyphsWarning", "OutputError", "PacketError",
                     "PmladderError", "RenderError", "StyleError", "UnknownRoleError"), ".errors"),
    "load_ladder": ".load.ladder",
    **dict.fromkeys(("Style", "load_style"), ".load.style"),
    **dict.fromkeys(("Change", "Dimension", "IntroSection", "Ladder", "Role", "Track"), ".model"),
}

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
    "UnknownRoleError",
    "chart_bytes",
    "flowables",
    "load_ladder",
    "load_style",
    "render_chart",
    "render_pdf",
    "render_radar",
    "write_pdf",
]


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'pmladder' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_WHERE[name], __name__), name)
    globals()[name] = value  # the next lookup is a plain one
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


if TYPE_CHECKING:  # what the names are, for type checkers and editors
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
        UnknownRoleError,
    )
    from .load.ladder import load_ladder
    from .load.style import Style, load_style
    from .model import Change, Dimension, IntroSection, Ladder, Role, Track
