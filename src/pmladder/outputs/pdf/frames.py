"""Where a flowable stands in its frame: at the top of an empty one, or part-way down.

ReportLab does not tell a flowable; the handout knows its frames' height (`room`), a caller's
own document does not. Every flowable that splits differently at a frame's top asks here.
"""

from __future__ import annotations

_FUZZ = 1e-3  # points: what a frame's own arithmetic may lose between its top and its room


def at_top(avail_height: float, room: float | None) -> bool:
    """Whether a flowable offered `avail_height` is at the top of an empty frame of height `room`
    (None: unknown, taken as the top, so that what cannot fit is split rather than postponed)."""
    return room is None or avail_height >= room - _FUZZ


def split_at_top(flowable, avail_height: float, room: float | None) -> bool:
    """at_top, for a flowable's split(). Where the frame's height is unknown (a caller's own
    document), the first offer is taken as part-way down a frame, so what cannot fit moves on,
    and a later one as the top: ReportLab offers a flowable it postponed the next frame, and
    stops with a LayoutError if that one is refused too."""
    if room is not None:
        return at_top(avail_height, room)
    flowable.split_offers = getattr(flowable, "split_offers", 0) + 1
    return flowable.split_offers > 1
