"""A chart's size in pixels, and its bounds: read by the chart command before matplotlib loads."""

from __future__ import annotations

import re

SIZES = {"slide": (1920, 1080), "square": (1080, 1080)}
MAX_PX = 10000  # a side of a chart, as asked for with --size or grown to keep titles readable
MAX_PIXELS = 25_000_000  # a chart's area (5000x5000): 10000x10000 of a full ladder took 25 s and 520 MB


def parse_size(size: str | tuple[int, int] | None) -> tuple[int, int]:
    """`slide`, `square` or `WxH` in pixels."""
    if size is None:
        return SIZES["slide"]
    if isinstance(size, tuple):
        return size
    if size in SIZES:
        return SIZES[size]
    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", size.strip().lower())
    if not match:
        raise ValueError(f"expected slide, square or WxH in pixels (like 800x600), got {size!r}")
    w, h = int(match.group(1)), int(match.group(2))
    if not (100 <= w <= MAX_PX and 100 <= h <= MAX_PX):
        raise ValueError(f"width and height must be from 100 to {MAX_PX} pixels, got {size!r}")
    if w * h > MAX_PIXELS:
        raise ValueError(f"at most {MAX_PIXELS:,} pixels in all (like 5000x5000), got {size!r}")
    return w, h
