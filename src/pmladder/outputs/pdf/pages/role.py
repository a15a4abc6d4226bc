"""A role's page: its heading band, what it does beside where it stands (radar) and leads,
then its profile with what changes at the next level (all from content.role_page)."""

from __future__ import annotations

from reportlab.platypus import Spacer

from .... import content
from ....model import Role
from ....scene.radar import radar_scene
from ..context import Context
from ..flowables import Chips, Columns, HeadBand, Headed, stack_height
from ..paint import LazySceneFlowable
from ..textblocks import Grid

AFTER_TABLE = 8  # points between a table and what follows it in the profile
# The profile starts under the role's heading when its first two rows fit there (a group's
# heading and its first dimension): its heading then never ends a page without the table.
PROFILE_START_ROWS = 2


def role_page(ctx: Context, role: Role, width: float, room: float | None, anchors: tuple = ()) -> list:
    """A role's page: what it does and shows beside its radar and promotion paths, then one
    table with its profile and, beside it, only what changes at the next level. `room`: the
    height of the frame's pages (None: unknown); `anchors` go where its heading does."""
    ladder, p = ctx.ladder, ctx.palette
    page_content = content.role_page(ladder, role)
    track_colour = p.track_colour(page_content.track)
    chips = [(c.text, c.bold, None if c.track is None else p.track_colour(c.track)) for c in page_content.chips]
    head = HeadBand(ctx.para(role.title, "h1"), Chips(chips, ctx.fonts, p), p.surface, track_colour, room)
    story: list = [*anchors, head, Spacer(1, 4)]
    story += [ctx.para(page_content.summary, "lead")] if page_content.summary else []

    # Two columns: what the role does | where it stands (radar) and where it leads. The
    # skills go on whichever side leaves the shorter page.
    doing, skills = bullet_section(ctx, page_content.responsibilities), bullet_section(ctx, page_content.skills)
    for section in page_content.sections:  # the role's own headed lists follow what it does
        doing += bullet_section(ctx, section)
    radar: list = []
    if page_content.radar:
        radar.append(LazySceneFlowable(
            lambda w, rid=role.id: radar_scene(ladder, [rid], ctx.style, width=w, height=w * 0.56, title=False,
                                          fonts=ctx.fonts)))
    promotion = promotion_section(ctx, page_content.promotion)
    profile = profile_section(ctx, page_content.profile, width, room)
    left_w, right_w = width * 0.54 - 12, width * 0.46 - 12
    if right_w < 170:  # a narrow frame (a caller's two-column story): one column, radar full width
        return story + doing + skills + radar + promotion + profile

    def body(standing: list) -> Columns:
        if not doing and not skills:  # nothing to say what the role does: where it stands reads first,
            # across the page (the radar keeps its column's width)
            return Columns(standing, [], share=0.54 if radar and radar[0] in standing else 1.0, gap=24, rule=p.rule)
        a, b, c = (stack_height(f, w) for f, w in ((doing, left_w), (skills, left_w), (standing, right_w)))
        if max(a, b + c) < max(a + b, c):
            return Columns(doing, standing + skills, share=0.54, gap=24, rule=p.rule)
        return Columns(doing + skills, standing, share=0.54, gap=24, rule=p.rule)

    # The heading band and lead stay with the start of the columns below them.
    page = [Headed(story, body(radar + promotion), room)] + profile
    if radar and stack_height(page, width) > ctx.frame_height:
        # The radar draws the dots the table already lists: a page it would push over
        # (larger type, more dimensions) stays one page without it.
        slim = [Headed(story, body(promotion), room)] + profile
        if stack_height(slim, width) <= ctx.frame_height:
            return slim
    return page


def bullet_section(ctx: Context, section: content.Bullets | None) -> list:
    if section is None:
        return []
    return [ctx.para(section.heading, "h3"), *(ctx.para(item, "bullet", bullet="\u2022") for item in section.items)]


def promotion_section(ctx: Context, promotion: content.Promotion) -> list:
    story: list = [ctx.para(promotion.heading, "h3")]
    for line in promotion.lines:
        where = line.level.replace(" ", "\u00a0") + (f", {line.track}" if line.track else "")
        segments = [(f"{line.label}: ", True, None), (f"{line.role.title} ", False, None),
                    (f"({where})", False, ctx.palette.muted)]
        story.append(ctx.para(segments, "bullet", bullet="\u2022"))
    if promotion.top_note:
        story.append(ctx.para(promotion.top_note, "body"))
    return story


def profile_section(ctx: Context, profile: content.Profile, width: float, room: float | None) -> list:
    """The role's profile and, beside it, what changes at the next level (content.profile)."""
    if not profile.tables:
        return [ctx.para(profile.note, "body")] if profile.note else []
    story: list = []
    for table in profile.tables:
        grid = profile_table(ctx, table, width, room)
        note = [ctx.para(table.note, "caption")] if table.note else []
        if story:
            story += [Spacer(1, AFTER_TABLE), *note, grid]
        else:
            story.append(Headed([ctx.para(profile.title, "h2"), *note], grid, room, min_rows=PROFILE_START_ROWS))
    if profile.unchanged:
        story += [Spacer(1, AFTER_TABLE), *(ctx.para(caption, "caption") for caption in profile.unchanged)]
    return story


def profile_table(ctx: Context, table: content.ProfileTable, width: float, room: float | None) -> Grid:
    """The role's values beside each next role's. Long cells (table.names_above) have no name
    column: each dimension's name heads the role's own cell, "(continued)" over a split row's rest."""
    named = not table.names_above
    columns = 1 + len(table.nexts)
    if named:
        # Wide enough for every name (and the column's heading) on one line where that takes
        # under 30% of the width; else for the longest word (up to 40%: in a narrow frame a
        # word split in two reads worse than a narrower value column).
        names = [table.corner, *(row.dimension.name for row in table.rows)]
        longest = max(ctx.fonts.width(name, 8.5, True) for name in names) + 12
        name_w = longest if longest <= width * 0.3 else min(width * 0.4, max(width * 0.22, ctx.longest_word(names) + 12))
        widths = [name_w] + [(width - name_w) / columns] * columns
    else:
        widths = [width / columns] * columns

    def head(other: Role, arrow: bool):  # the level is on the chips and in the matrix
        return ctx.para(("\u2192 " if arrow else "") + other.title, "cell-head")

    rows = [[*([ctx.para(table.corner, "cell-head")] if named else []), head(table.role, False),
             *(head(n, True) for n in table.nexts)]]
    compact = set()
    for heading, row in content.headed(table.rows):
        if heading:
            rows.append(ctx.group_row(heading, len(widths) - 1))
        if row.dimension.is_rating and not row.dimension.points:
            compact.add(len(rows))
        name, own = ctx.para(row.dimension.name, "cell-bold"), ctx.value_para(row.value)
        firsts = [name, own] if named else [[name, *(own if isinstance(own, list) else [own])]]
        rows.append([*firsts, *(ctx.change_para(cell, table) for cell in row.next_values)])
    look = ctx.headed_look(pad_top=2.5, pad_bottom=3, compact_rows=frozenset(compact))
    return Grid(rows, widths, look, room=room)
