"""The ladder diagram's promotion arrows, routed through the gaps between rows and columns so
that none crosses a box."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from ..model import Ladder, Role
from .diagram_grid import Grid, Sizing, Slot
from .elements import Line


class _Route:
    """An arrow that turns: up (or down) into the channel beside its start row, along it, through
    a column gap when it skips rows, and into its target from below (or above).

    A box with another box of its cell above it leaves by its side instead, and one with a box
    below it is entered by its side: up the column gap beside the stack, never through a box."""

    def __init__(self, a: Slot, b: Slot, slots: list[Slot]):
        self.a, self.b = a, b
        up = b.row >= a.row
        self.start_y = a.rect.top if up else a.rect.y
        self.end_y = b.rect.y if b.row > a.row else b.rect.top
        self.first = a.row if up else a.row - 1  # channel k lies between rows k and k+1
        self.last = b.row - 1 if b.row > a.row else b.row
        self.vertical = None  # the column boundary it climbs along, when it skips rows
        if abs(b.row - a.row) > 1 or b.row < a.row:
            self.vertical = a.column + 1 if b.column > a.column else a.column
        # The column boundary it leaves (enters) by, beside a stacked box.
        self.exit = _side(a, b) if up and _stacked(a, slots, above=True) else None
        self.entry = _side(b, a) if b.row > a.row and _stacked(b, slots, above=False) else None

    @property
    def boundaries(self) -> set[int]:
        return {k for k in (self.vertical, self.exit, self.entry) if k is not None}


def _stacked(slot: Slot, slots: list[Slot], *, above: bool) -> bool:
    """Is another box of `slot`'s cell above (or below) it, in the way of an arrow?"""
    for other in slots:
        if other is slot or (other.row, other.column) != (slot.row, slot.column):
            continue
        if other.rect.x < slot.rect.right and slot.rect.x < other.rect.right:
            if (other.rect.y >= slot.rect.top - 0.01) if above else (other.rect.top <= slot.rect.y + 0.01):
                return True
    return False


def _side(box: Slot, other: Slot) -> int:
    """The column boundary beside `box` towards `other` (the right one for the same column)."""
    return box.column if other.column < box.column else box.column + 1


class _Room(NamedTuple):
    """How much room an arrow keeps, in points."""

    head: float  # the arrowhead's length
    clear: float  # from a box it passes
    reach: float  # from the box it enters, where it turns: its head and a straight run before it
    lane_gap: float  # between two arrows along one channel


def _room(sizing: Sizing) -> _Room:
    u = max(sizing.scale, 0.6)
    head = 6.5 * u
    # Never under 4 pt clear, nor 3 pt of line before the head: less is lost in print.
    return _Room(head, max(4.0, 4.0 * u), head + max(3.0, 3.0 * u), max(3.0, 4.0 * u))


def channel_room(sizing: Sizing, ladder: Ladder) -> float:
    """The least gap between two rows of boxes: 12 pt, or the room the arrows that turn in it
    need (clear of the boxes, and their heads after a straight run), whichever is more."""
    levels, columns = ladder.levels, ladder.columns
    column = {role.id: c for c, track in enumerate(columns) for role in ladder.roles_in(track)}
    row = {role.id: levels.index(role.level) for role in ladder.roles}
    lanes: dict[int, int] = defaultdict(int)
    for role in ladder.roles:
        for n in role.next:
            a, b = row[role.id], row[n]
            if a == b or (column[role.id] == column[n] and b == a + 1):
                continue  # side to side, or straight up
            first, last = (a, b - 1) if b > a else (a - 1, b)
            lanes[first] += 1
            if last != first:
                lanes[last] += 1
    if not lanes:
        return 12.0
    room = _room(sizing)
    return max(12.0, room.clear + room.reach + (max(lanes.values()) - 1) * room.lane_gap)


def promotion_arrows(sizing: Sizing, roles: tuple[Role, ...], slots: list[Slot], grid: Grid) -> list[Line]:
    """An arrow for every `next` of `roles` (in their order): first the straight ones between
    neighbours on one row, then those that turn."""
    s = sizing.scale
    by_id = {slot.role.id: slot for slot in slots}
    edges = [(by_id[role.id], by_id[n]) for role in roles for n in role.next]
    width = sizing.style.chart.arrow_width * max(s, 0.6)
    room = _room(sizing)
    head = room.head

    def arrow(points) -> Line:
        return Line(tuple(_dedupe(points)), sizing.style.palette.muted, width, arrow=True, head=head)

    arrows: list[Line] = []
    routed = []
    for a, b in edges:
        if _side_by_side(a, b, slots):  # same level, nothing between: side to side
            left, right = (a, b) if a.rect.x < b.rect.x else (b, a)
            y = (max(left.rect.y, right.rect.y) + min(left.rect.top, right.rect.top)) / 2
            start, end = (left.rect.right, right.rect.x) if a is left else (right.rect.x, left.rect.right)
            arrows.append(arrow([(start, y), (end, y)]))
        else:
            routed.append(_Route(a, b, slots))
    sideways = {(r.a.role.id, r.b.role.id) for r in routed if r.exit is not None or r.entry is not None}
    ports = _ports([(r.a, r.b) for r in routed], spacing=max(10.0, 28 * s), sideways=sideways)

    # Channel k is the gap between rows k and k+1, bounded by the boxes actually in them.
    def channel(k: int) -> tuple[float, float]:
        low = max((sl.rect.top for sl in slots if sl.row == k), default=grid.y0)
        high = min((sl.rect.y for sl in slots if sl.row == k + 1), default=grid.y1)
        return low, high

    def turns(route: _Route) -> bool:
        sx, ex = ports[(route.a.role.id, route.b.role.id)]
        return abs(sx - ex) > 0.01 or bool(route.boundaries)

    # Lanes: routes that share a channel each get their own line within it.
    h_lanes: dict[int, list[_Route]] = defaultdict(list)
    v_lanes: dict[int, list[_Route]] = defaultdict(list)
    for route in routed:
        h_lanes[route.first].append(route)
        if route.last != route.first:
            h_lanes[route.last].append(route)
        for boundary in route.boundaries:
            v_lanes[boundary].append(route)

    def spread(users: list[_Route], route: _Route, centre: float, room: float) -> float:
        if len(users) == 1:
            return centre
        k = next(i for i, user in enumerate(users) if user is route)
        return centre - room / 2 + room * k / (len(users) - 1)

    def level(k: int, route: _Route) -> float:
        """The height of `route`'s line along channel k: clear of the boxes it passes, and far
        enough below (above) the box it enters for its head to show after a straight run."""
        low, high = channel(k)
        lanes = {id(u): spread(h_lanes[k], u, (low + high) / 2, (high - low) * 0.5) for u in h_lanes[k]}
        users = [u for u in h_lanes[k] if turns(u)]  # a straight arrow crosses at any height
        if route not in users:
            return lanes[id(route)]
        lo = low + (room.reach if any(u.b.row == k and u.b.row < u.a.row for u in users) else room.clear)
        hi = high - room.reach
        ys = [lanes[id(u)] for u in users]
        if not all(lo - 1e-6 <= y <= hi + 1e-6 for y in ys) or \
                any(abs(y - z) < room.lane_gap - 1e-6 for i, y in enumerate(ys) for z in ys[i + 1:]):
            # Too close to a box or to each other: spread evenly over the room allowed.
            ys = [(lo + hi) / 2] if len(users) == 1 else \
                [lo + (hi - lo) * i / (len(users) - 1) for i in range(len(users))]
        return ys[users.index(route)]

    def lane(boundary: int, route: _Route) -> float:
        users = v_lanes[boundary]
        return spread(users, route, grid.x0 + boundary * grid.col_w, min(grid.gap_h * 0.5, 4 * len(users)))

    for route in routed:
        a, b = route.a.rect, route.b.rect
        sx, ex = ports[(route.a.role.id, route.b.role.id)]
        y_first = level(route.first, route)
        if route.exit is None:
            points = [(sx, route.start_y)]
        else:  # out of the side, into the column gap
            vx = lane(route.exit, route)
            points = [(a.right if vx > a.cx else a.x, a.cy), (vx, a.cy)]
        points.append((points[-1][0], y_first))
        y = y_first
        if route.vertical is not None:
            vx = lane(route.vertical, route)
            y = level(route.last, route)
            points += [(vx, y_first), (vx, y)]
        if route.entry is None:
            points += [(ex, y), (ex, route.end_y)]
        else:  # up the column gap, into the side
            vx = lane(route.entry, route)
            points += [(vx, y), (vx, b.cy), (b.right if vx > b.cx else b.x, b.cy)]
        arrows.append(arrow(points))
    return arrows


def _ports(edges: list[tuple[Slot, Slot]], spacing: float,
           sideways: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[float, float]]:
    """Where each arrow leaves and enters its boxes (x positions).

    An arrow to the box straight above uses both centres, so the ladder's spine is a straight
    line; arrows that turn leave and arrive beside the centre, on the side they head for.
    """
    ports: dict[tuple[tuple[str, str], bool], float] = {}  # (edge, leaving?) -> x
    straight: dict[tuple[str, str], float] = {}
    for a, b in edges:
        low, high = max(a.rect.x, b.rect.x), min(a.rect.right, b.rect.right)
        if (b.row == a.row + 1 and a.column == b.column and high - low >= min(20.0, a.rect.w / 3)
                and (a.role.id, b.role.id) not in sideways):
            # Boxes that overlap horizontally: one vertical line through the middle of the overlap.
            straight[(a.role.id, b.role.id)] = (low + high) / 2
    ends: dict[str, list[tuple[Slot, Slot, bool]]] = defaultdict(list)  # box -> (box, other, outgoing)
    for a, b in edges:
        ends[a.role.id].append((a, b, True))
        ends[b.role.id].append((b, a, False))
    for items in ends.values():
        for outgoing in (True, False):
            group = [(box, other) for box, other, out in items if out is outgoing]
            if not group:
                continue
            box = group[0][0]

            def key(other: Slot, box: Slot = box, outgoing: bool = outgoing) -> tuple[str, str]:
                """The edge between `box` and `other`, as (from, to)."""
                return (box.role.id, other.role.id) if outgoing else (other.role.id, box.role.id)

            centre_taken = any(key(o) in straight for _, o in group)
            right = sorted((o for _, o in group if key(o) not in straight and o.rect.cx >= box.rect.cx), key=lambda o: o.rect.cx)
            left = sorted((o for _, o in group if key(o) not in straight and o.rect.cx < box.rect.cx), key=lambda o: -o.rect.cx)
            # Beside the centre's arrow a fifth of the box away at least: two heads close
            # together read as one double arrow.
            wide = spacing if not centre_taken else max(spacing, box.rect.w / 5)
            step = min(wide, box.rect.w / (2 * (max(len(left), len(right)) + 1)))
            for _, other in group:
                if key(other) in straight:
                    ports[(key(other), outgoing)] = straight[key(other)]
            for side, others in ((1, right), (-1, left)):
                for k, other in enumerate(others):
                    offset = (k + 1) * step if centre_taken or len(others) > 1 or left and right else 0.0
                    ports[(key(other), outgoing)] = box.rect.cx + side * offset
    return {(a.role.id, b.role.id): (ports[((a.role.id, b.role.id), True)], ports[((a.role.id, b.role.id), False)])
            for a, b in edges}


def _side_by_side(a: Slot, b: Slot, slots: list[Slot]) -> bool:
    """Two boxes on one row with nothing between them: a straight arrow joins their sides."""
    if a.row != b.row:
        return False
    low, high = sorted((a.rect.right, b.rect.right))
    return not any(
        s.row == a.row and s is not a and s is not b and low - 1 < s.rect.cx < high + 1 for s in slots
    )


def _dedupe(points):
    out = []
    for point in points:
        if not out or (abs(out[-1][0] - point[0]) > 0.01 or abs(out[-1][1] - point[1]) > 0.01):
            out.append(point)
    return out
