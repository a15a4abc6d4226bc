"""The development report's radar as a scene, the same for the PDF and the web page: the role's
and each target's expectations as dashed outlines, the person's and the manager's ratings as
filled shapes, each in its own colour of the style's palette."""

from __future__ import annotations

from ..content.report import Radar
from ..load.style import Style
from ..text.fonts import FontSet
from .elements import Scene
from .radar import RadarSeries, series_radar_scene

# The role's outline in short thin dashes, each target's in longer, heavier ones (then dash-dot):
# outlines in two dark colours alone look alike, on paper above all. The legend shows the same.
ROLE_LINE = ((2.0, 2.0), 1.0)
TARGET_LINES = (((6.0, 3.0), 1.8), ((6.0, 2.0, 1.5, 2.0), 1.6))


def report_radar_scene(radar: Radar, style: Style, *, width: float, height: float, fonts: FontSet,
                       min_text: float = 7.0) -> Scene:
    p = style.palette
    colours = {"role": p.muted, "self": p.accent, "manager": p.track_colour(1)}
    targets = iter((p.primary, *(p.track_colour(k) for k in range(2, 8))))
    series, k = [], 0
    for entry in radar.series:
        if entry.kind in ("role", "target"):
            dash, weight = ROLE_LINE if entry.kind == "role" else TARGET_LINES[k % len(TARGET_LINES)]
            k += entry.kind == "target"
            series.append(RadarSeries(entry.label, entry.values, next(targets) if entry.kind == "target"
                                      else colours["role"], dashed=True, dash=dash, weight=weight))
            continue
        # A rating left out leaves the shape open there: the legend says which.
        missing = [d.name for d in radar.dimensions if d.id not in entry.values]
        title = f"{entry.label} ({radar.unrated}: {', '.join(missing)})" if missing else entry.label
        series.append(RadarSeries(title, entry.values, colours[entry.kind]))
    return series_radar_scene(radar.dimensions, series, style, width=width, height=height, fonts=fonts,
                              point_names=True, gaps=True, min_text=min_text)
