"""The style's logo (PNG, JPEG or SVG): read once per render, drawn in the header and on the cover."""

from __future__ import annotations

import warnings

from reportlab.platypus import Flowable

from ...errors import PmladderWarning


class Logo:
    """A logo that could be read (`ok`), its width over its height, and how to draw it."""

    def __init__(self, path: str | None):
        self.path, self.ok, self.aspect, self.drawing = path, False, 1.0, None
        if path:
            self._read(path)

    def _read(self, path: str) -> None:
        try:
            if path.lower().endswith(".svg"):
                from svglib.svglib import svg2rlg  # only teams with an SVG logo pay for it

                drawing = svg2rlg(path)
                if drawing is None or not drawing.width or not drawing.height:
                    raise ValueError("not a drawable SVG")
                self.drawing = drawing
                w, h = drawing.width, drawing.height
            else:
                from reportlab.lib.utils import ImageReader

                w, h = ImageReader(path).getSize()
            self.ok, self.aspect = True, w / h if h else 1.0
        except Exception:  # an unreadable image: leave it out rather than fail the handout
            warnings.warn(f"logo {path} could not be read; the handout has no logo", PmladderWarning, stacklevel=2)

    def draw(self, canv, x: float, y: float, height: float) -> float:
        """The logo `height` points tall with its lower left corner at (x, y); its width."""
        width = height * self.aspect
        if self.drawing is not None:  # SVG: vector graphics, scaled
            from reportlab.graphics import renderPDF

            canv.saveState()
            canv.translate(x, y)
            canv.scale(width / self.drawing.width, height / self.drawing.height)
            renderPDF.draw(self.drawing, canv, 0, 0)
            canv.restoreState()
        else:
            canv.drawImage(self.path, x, y, width, height, mask="auto")
        return width


class LogoFlowable(Flowable):
    """The logo at a given height, left-aligned."""

    def __init__(self, logo: Logo, height: float):
        super().__init__()
        self.logo = logo
        self.width, self.height = height * logo.aspect, height

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        self.logo.draw(self.canv, 0, 0, self.height)
