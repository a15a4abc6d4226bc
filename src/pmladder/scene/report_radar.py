"""The development report's radar as a scene, the same for the PDF and the web page: the role's
and each target's expectations as dashed outlines, the person's and the manager's ratings as
filled shapes, each in its own colour of the style's palette."""

from __future__ import annotations

from ..content.report import Radar
from ..load.style import Style
from ..text.fonts import FontSet
from .elements import Scene
from .radar import RadarSeries, series_radar_scene


def report_radar_scene(radar: Radar, style: Style, *, width: float, height: float, fonts: FontSet,
                       min_text: float = 7.0) -> Scene:
    p = style.palette
    colours = {"role": p.muted, "self": p.accent, "manager": p.track_colour(1)}
    targets = iter((p.primary, *(p.track_colour(k) for k in range(2, 8))))
    series = [RadarSeries(entry.label, entry.values, next(targets) if entry.kind == "target" else colours[entry.kind],
                          dashed=entry.kind in ("role", "target"))
              for entry in radar.series]
    return series_radar_scene(radar.dimensions, series, style, width=width, height=height, fonts=fonts,
                              point_names=True, gaps=True, min_text=min_text)
