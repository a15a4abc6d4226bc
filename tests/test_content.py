"""The content layer: what every output shows, as plain data (no PDF, no layout)."""

from __future__ import annotations

from conftest import DEFAULT_LADDER, POLISH_JAPANESE, TWO_TRACK, make_ladder
from pmladder import load_ladder
from pmladder.content import contents, excerpt_roles, matrix, profile, role_index, role_page, whole_matrix
from pmladder.content.cells import Cell, change_cell
from pmladder.model import Dimension
from pmladder.outputs.tables import to_csv, to_markdown

RATING = {"id": "depth", "name": "Depth", "kind": "rating"}
SCOPE = {"id": "scope", "name": "Scope"}


def ladder_of(roles, dimensions=(SCOPE, RATING), **extra):
    return load_ladder({"ladder": {"title": "T", **extra}, "dimensions": list(dimensions), "roles": roles})


def role(id, level, values, next=(), **extra):
    return {"id": id, "title": id.upper(), "level": level, "summary": "s", "dimensions": values,
            "next": list(next), **extra}


class TestProfile:
    def test_next_role_shows_its_value_where_it_differs_and_no_change_where_not(self):
        ladder = ladder_of([role("a", 1, {"scope": "team", "depth": 2}, ["b"]),
                            role("b", 2, {"scope": "team", "depth": 4})])
        found = profile(ladder, ladder.role("a"))
        assert found.title == "What changes at the next level"
        [table] = found.tables
        assert [r.title for r in table.nexts] == ["B"]
        scope, depth = table.rows
        assert scope.value.text == "team" and scope.next_values[0].text == "No change"
        assert depth.value.dots == ("●●", "○○○")
        assert depth.next_values[0].dots == ("●●●●", "○") and depth.next_values[0].step_text == "+2"

    def test_a_step_down_is_a_real_minus(self):
        cell = Cell(Dimension("d", "D", "rating"), 3, step=-1)
        assert cell.step_text == "\u22121"

    def test_a_third_next_role_gets_a_table_of_only_what_changes(self):
        ladder = ladder_of([role("a", 1, {"scope": "team", "depth": 2}, ["b", "c", "d"]),
                            role("b", 2, {"scope": "team", "depth": 2}),
                            role("c", 2, {"scope": "org", "depth": 2}),
                            role("d", 2, {"scope": "team", "depth": 3})])
        first, second = profile(ladder, ladder.role("a")).tables
        assert [n.id for n in first.nexts] == ["b", "c"] and len(first.rows) == 2
        assert [n.id for n in second.nexts] == ["d"]
        assert [r.dimension.id for r in second.rows] == ["depth"]

    def test_next_roles_with_nothing_changed_are_named(self):
        ladder = ladder_of([role("a", 1, {"scope": "x"}, ["b"]), role("b", 2, {"scope": "x"})])
        assert profile(ladder, ladder.role("a")).unchanged == (
            "B: The dimensions stay the same; the step is in scope and expectations above.",)

    def test_without_any_value_a_note_stands_in_for_the_tables(self):
        ladder = ladder_of([role("a", 1, {}, ["b"]), role("b", 2, {})])
        found = profile(ladder, ladder.role("a"))
        assert found.tables == () and found.note.startswith("The dimensions stay the same")
        top = profile(ladder, ladder.role("b"))
        assert top.tables == () and top.note is None

    def test_dimensions_no_role_on_the_page_has_are_left_out(self):
        ladder = ladder_of([role("a", 1, {"scope": "x"}, ["b"]), role("b", 2, {"scope": "y"}),
                            role("c", 3, {"depth": 1})])
        [table] = profile(ladder, ladder.role("a")).tables
        assert [r.dimension.id for r in table.rows] == ["scope"]

    def test_a_top_role_shows_its_profile(self):
        ladder = ladder_of([role("a", 1, {"scope": "x"})])
        found = profile(ladder, ladder.role("a"))
        assert found.title == "Profile" and found.tables[0].nexts == ()


class TestRolePage:
    def test_chips_sections_and_promotion_in_the_ladders_words(self):
        ladder = load_ladder(POLISH_JAPANESE)
        first = ladder.ordered_roles[0]
        page = role_page(ladder, first)
        assert page.chips[0].text == first.short and page.chips[0].bold
        assert page.chips[1].text == f"Poziom {first.level}"
        assert page.responsibilities.heading == "Obowiązki"
        assert page.promotion.heading == "Ścieżki awansu"
        assert page.profile.title == "Co zmienia się na kolejnym poziomie"
        assert all(line.label in ("Prowadzi do", "Raportuje do") for line in page.promotion.lines)

    def test_the_top_of_a_track_says_so(self):
        ladder = load_ladder(DEFAULT_LADDER)
        page = role_page(ladder, ladder.ordered_roles[-1])
        assert page.promotion.top_note == "This is the top of its track."
        assert role_page(ladder, ladder.ordered_roles[0]).promotion.top_note is None

    def test_a_radar_only_with_three_rating_axes_and_a_rating(self):
        two = ladder_of([role("a", 1, {"depth": 2})])
        assert not role_page(two, two.role("a")).radar
        dims = [SCOPE] + [{"id": f"r{i}", "name": f"R{i}", "kind": "rating"} for i in range(3)]
        three = ladder_of([role("a", 1, {"r0": 2}), role("b", 2, {"scope": "x"})], dims)
        assert role_page(three, three.role("a")).radar
        assert not role_page(three, three.role("b")).radar

    def test_the_track_chip_carries_its_column(self):
        ladder = load_ladder(TWO_TRACK)
        second = ladder.roles_in(ladder.tracks[1])[0]
        page = role_page(ladder, second)
        assert page.track == 1 and page.chips[-1] == (ladder.tracks[1].name, False, 1)


class TestMatrix:
    def test_tracks_stay_whole_and_pack_while_they_fit(self):
        ladder = load_ladder(make_ladder(6, tracks=3))  # 2 roles per track
        groups = matrix(ladder, per_table=4).groups
        assert [g.caption for g in groups] == ["Track 1 \u00b7 Track 2", "Track 3"]
        assert [len(g.columns) for g in groups] == [4, 2]

    def test_a_track_too_big_for_one_table_splits_evenly(self):
        ladder = load_ladder(make_ladder(7, tracks=1))
        groups = matrix(ladder, per_table=4).groups
        assert [g.caption for g in groups] == ["Roles (1/2)", "Roles (2/2)"]
        assert [len(g.columns) for g in groups] == [4, 3]

    def test_a_track_whose_name_ends_in_a_bracket_still_packs(self):
        data = make_ladder(4, tracks=2)
        data["tracks"][1]["name"] = "Management (people)"
        groups = matrix(load_ladder(data), per_table=4).groups
        assert [g.caption for g in groups] == ["Track 1 \u00b7 Management (people)"]

    def test_text_rows_and_rating_rows(self):
        ladder = load_ladder(DEFAULT_LADDER)
        group = whole_matrix(ladder)
        rows = [r for run in group.runs for r in run]
        assert [r.dimension for r in rows if not r.dimension.is_rating] == list(ladder.text_dimensions)
        assert [r.dimension for r in rows if r.dimension.is_rating] == list(ladder.rating_dimensions)
        assert [c.role for c in group.columns] == list(ladder.ordered_roles)

    def test_headings_in_the_ladders_words(self):
        ladder = load_ladder(POLISH_JAPANESE)
        found = matrix(ladder, per_table=3)
        assert (found.heading, found.corner) == ("Macierz porównawcza", "Wymiar")
        assert found.groups[0].columns[0].level == "Poziom 1"


class TestTables:
    def test_markdown_headings_use_the_ladders_labels(self):
        ladder = load_ladder(POLISH_JAPANESE)
        header = to_markdown(ladder).splitlines()[0]
        first = ladder.ordered_roles[0]
        assert header.startswith(f"| Wymiar | {first.title} (Poziom {first.level}) |")
        assert "Dimension" not in header

    def test_markdown_in_english_by_default(self):
        assert to_markdown(load_ladder(DEFAULT_LADDER)).startswith("| Dimension | Associate Product Manager (Level 1) |")

    def test_csv_keys_stay_keys_and_ratings_stay_numbers(self):
        ladder = load_ladder(POLISH_JAPANESE)
        rows = to_csv(ladder).splitlines()
        assert rows[0].startswith("dimension,kind,")
        rating = next(d for d in ladder.dimensions if d.is_rating)
        line = next(r for r in rows if r.startswith(rating.name + ",rating,"))
        assert "●" not in line and line.split(",")[2].isdigit()


class TestDocument:
    def test_an_excerpt_holds_the_roles_and_where_they_lead(self):
        ladder = load_ladder(DEFAULT_LADDER)
        first = ladder.ordered_roles[0]
        assert [r.id for r in excerpt_roles(ladder, [first.id])] == [first.id, *first.next]

    def test_contents_in_reading_order(self):
        ladder = load_ladder(DEFAULT_LADDER)
        entries = contents(ladder, worksheet=True)
        assert [e.key for e in entries if e.level == 0] == ["introduction", "overview", "roles", "matrix", "worksheets"]
        assert [e.title for e in entries if e.key.startswith("role-")] == [r.title for r in ladder.ordered_roles]

    def test_the_role_index_names_level_and_track(self):
        ladder = load_ladder(TWO_TRACK)
        role = ladder.roles_in(ladder.tracks[1])[0]
        [entry] = role_index(ladder, [role])
        assert entry.details.endswith(f"Level {role.level} \u00b7 {ladder.tracks[1].name}")


class TestStatementDifferences:
    """What changes at the next level, for a statement list, is what comes and what goes."""

    def ladder(self, before, after):
        return ladder_of([role("a", 1, {"scope": before}, ["b"]), role("b", 2, {"scope": after})])

    def test_only_new_and_fallen_away_statements_are_shown(self):
        ladder = self.ladder(["Ships features", "Fixes bugs", "Asks for help"],
                             ["Ships features", "Fixes bugs", "Leads a project"])
        [table] = profile(ladder, ladder.role("a")).tables
        [row] = table.rows
        [cell] = row.next_values
        assert cell.added == ("Leads a project",) and cell.dropped == ("Asks for help",)
        assert "Ships features" not in cell.text and cell.text == "+ Leads a project\n\u2212 Asks for help"
        assert (table.added, table.dropped) == ("New at this level", "No longer expected")
        assert row.value.statements == ("Ships features", "Fixes bugs", "Asks for help")  # the role's own, whole

    def test_a_list_rewritten_whole_says_so_in_one_line_instead_of_listing_it_again(self):
        """Frameworks that reword every behaviour per level (Dropbox's) would otherwise print
        the role's whole list twice in one row: once as its own, once as "no longer expected"."""
        ladder = self.ladder(["Ships features", "Asks for help"], ["Leads a project", "Mentors others"])
        dimension = ladder.dimensions[0]
        cell = change_cell(dimension, ("Ships features", "Asks for help"), ("Leads a project", "Mentors others"),
                           "No change", "Replaces every statement of A")
        assert cell.added == ("Leads a project", "Mentors others") and cell.dropped == ()
        assert cell.replaced == "Replaces every statement of A" and cell.is_difference
        assert cell.text == "+ Leads a project\n+ Mentors others\nReplaces every statement of A"

    def test_a_table_rewritten_in_every_row_says_so_once_over_it(self):
        ladder = self.ladder(["Ships features", "Asks for help"], ["Leads a project", "Mentors others"])
        [table] = profile(ladder, ladder.role("a")).tables
        assert table.note == "Every statement for B is new: none of those for A carry over."
        [cell] = table.rows[0].next_values
        assert cell.added == ("Leads a project", "Mentors others") and cell.replaced is None
        assert cell.text == "+ Leads a project\n+ Mentors others"

    def test_a_list_kept_whole_leaves_the_table_without_the_note(self):
        """One list unchanged ("No change"), another rewritten: not "every statement is new"."""
        ladder = ladder_of([role("a", 1, {"scope": ["x", "y"], "reach": ["p"]}, ["b"]),
                            role("b", 2, {"scope": ["x", "y"], "reach": ["q"]})],
                           dimensions=(SCOPE, {"id": "reach", "name": "Reach"}))
        [table] = profile(ladder, ladder.role("a")).tables
        assert table.note is None
        assert {row.dimension.id: row.next_values[0].text for row in table.rows} == {
            "scope": "No change", "reach": "+ q\nReplaces every statement of A"}

    def test_a_row_that_keeps_a_statement_leaves_the_table_without_the_note(self):
        ladder = ladder_of([role("a", 1, {"scope": ["x", "y"], "reach": ["p"]}, ["b"]),
                            role("b", 2, {"scope": ["x", "z"], "reach": ["q"]})],
                           dimensions=(SCOPE, {"id": "reach", "name": "Reach"}))
        [table] = profile(ladder, ladder.role("a")).tables
        assert table.note is None
        replaced = {row.dimension.id: row.next_values[0].replaced for row in table.rows}
        assert replaced == {"scope": None, "reach": "Replaces every statement of A"}

    def test_the_replaced_line_comes_from_the_ladders_labels(self):
        ladder = ladder_of([role("a", 1, {"scope": ["x"]}, ["b"]), role("b", 2, {"scope": ["y"]})],
                           labels={"replaced_table": "Alles neu bei {next}, nichts von {role}"})
        assert profile(ladder, ladder.role("a")).tables[0].note == "Alles neu bei B, nichts von A"

    def test_long_cells_put_the_names_above_and_short_ones_keep_their_column(self):
        long = self.ladder(["A statement of some forty characters, " * 3] * 3, ["Another one"])
        assert profile(long, long.role("a")).tables[0].names_above
        shipped = load_ladder()
        assert not any(t.names_above for r in shipped.roles for t in profile(shipped, r).tables)

    def test_a_statement_in_other_words_is_revised_not_dropped_and_new(self):
        """Dropbox's IC2 says "I model integrity and a high standard..." where IC1 says "...and
        have a high standard...": it read as "No longer expected: I model integrity". A
        statement sharing less of its words stays what it is: a new expectation, one dropped."""
        ladder = self.ladder(["I model integrity and have a high standard of excellence for my work",
                              "I am learning to interview and assess candidates"],
                             ["I model integrity and a high standard of excellence for my work",
                              "I actively contribute to interviewing and assessing candidates"])
        [cell] = profile(ladder, ladder.role("a")).tables[0].rows[0].next_values
        assert cell.revised == ("I model integrity and a high standard of excellence for my work",)
        assert cell.added == ("I actively contribute to interviewing and assessing candidates",)
        assert cell.dropped == ("I am learning to interview and assess candidates",)
        assert cell.lists_headed and cell.replaced is None  # one carries over, revised
        assert [kind for kind, _ in cell.changes] == ["added", "revised", "dropped"]
        assert cell.text.splitlines() == [
            "+ I actively contribute to interviewing and assessing candidates",
            "\u0394 I model integrity and a high standard of excellence for my work",
            "\u2212 I am learning to interview and assess candidates"]

    def test_each_statement_is_revised_once_the_closest_first(self):
        ladder = self.ladder(["I write clear design documents for my team"],
                             ["I write clear design documents for my team and org", "I write design documents for my team"])
        [cell] = profile(ladder, ladder.role("a")).tables[0].rows[0].next_values
        # Both share most words with the one before (0.89, then 0.93): the closer, though listed
        # second, is its revision, the other a new statement.
        assert cell.revised == ("I write design documents for my team",)
        assert cell.added == ("I write clear design documents for my team and org",) and cell.dropped == ()

    def test_a_change_of_degree_is_revised_and_chinese_is_compared_character_by_character(self):
        """"Small" to "large": the statement goes on, changed, under "Revised" (the role's own
        column shows it as it was). Chinese has no spaces: compared as one word, it never paired."""
        ladder = self.ladder(["I lead small interviews", "负责团队的产品路线图。"],
                             ["I lead large interviews", "负责部门的产品路线图。"])
        [cell] = profile(ladder, ladder.role("a")).tables[0].rows[0].next_values
        assert cell.revised == ("I lead large interviews", "负责部门的产品路线图。") and not cell.added and not cell.dropped

    def test_the_same_statements_reordered_are_no_change(self):
        ladder = self.ladder(["x", "y"], ["y", "x"])
        [cell] = profile(ladder, ladder.role("a")).tables[0].rows[0].next_values
        assert cell.text == "No change" and not cell.is_difference

    def test_headings_come_from_the_ladders_labels(self):
        ladder = ladder_of([role("a", 1, {"scope": ["x"]}, ["b"]), role("b", 2, {"scope": ["y"]})],
                           labels={"added_statements": "Neu", "dropped_statements": "Entfällt",
                                   "revised_statements": "Neu formuliert"})
        table = profile(ladder, ladder.role("a")).tables[0]
        assert (table.added, table.dropped, table.revised) == ("Neu", "Entfällt", "Neu formuliert")

    def test_text_against_text_stays_both_texts(self):
        ladder = self.ladder("team", "organisation")
        [row] = profile(ladder, ladder.role("a")).tables[0].rows
        assert (row.value.text, row.next_values[0].text) == ("team", "organisation")
        assert not row.next_values[0].is_difference

    def test_a_rating_step_keeps_the_points_name(self):
        ladder = ladder_of([role("a", 1, {"d": 1}, ["b"]), role("b", 2, {"d": 3})],
                           dimensions=({"id": "d", "name": "D", "kind": "rating", "scale": ["Low", "Mid", "High"]},))
        [cell] = profile(ladder, ladder.role("a")).tables[0].rows[0].next_values
        assert cell.step_text == "+2" and cell.point.name == "High" and cell.text == "●●● High"


def test_the_shipped_ladder_never_rates_a_promotion_lower():
    """A Senior PM must not read that promotion means less customer insight."""
    ladder = load_ladder(DEFAULT_LADDER)
    drops = [(r.id, n.id, d.id) for r in ladder.roles for n in ladder.next_roles(r) for d in ladder.rating_dimensions
             if isinstance(r.values.get(d.id), int) and isinstance(n.values.get(d.id), int)
             and n.values[d.id] < r.values[d.id]]
    assert drops == []


def test_the_handout_date_comes_from_source_date_epoch_else_today():
    import datetime

    from pmladder.content import cover, handout_date

    assert handout_date({"SOURCE_DATE_EPOCH": "1767225600"}) == datetime.date(2026, 1, 1)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    assert handout_date({}) == today and handout_date({"SOURCE_DATE_EPOCH": "soon"}) == today
    assert handout_date({"SOURCE_DATE_EPOCH": "9" * 12}).year == 9999  # bounded, no overflow
    ladder = load_ladder(DEFAULT_LADDER)
    assert cover(ladder, datetime.date(2026, 1, 1)).dated == "Version 2026.1 \u00b7 2026-01-01"


def test_statements_where_the_role_compared_with_has_none_are_all_new():
    dim = Dimension(id="design", name="Design")
    cell = change_cell(dim, None, ("Designs a module",), "No change")
    assert cell.is_difference and cell.added == ("Designs a module",) and not cell.dropped
    assert cell.text == "+ Designs a module"


def test_a_short_title_equal_to_the_level_name_is_one_chip():
    ladder = load_ladder({"ladder": {"title": "T"}, "levels": [{"level": 1, "name": "IC1"}], "dimensions": [SCOPE],
                          "roles": [{"id": "ic1", "title": "Engineer", "short": "IC1", "level": 1,
                                     "dimensions": {"scope": "team"}}]})
    assert [chip.text for chip in role_page(ladder, ladder.role("ic1")).chips] == ["IC1"]


def test_a_progression_splits_into_tables_of_whole_tracks_without_empty_levels():
    """The handout's progression puts as many tracks side by side as the page holds; a level
    none of a table's tracks has is left out of that table, not printed as an empty row."""
    from pmladder.content import progression

    ladder = load_ladder({"ladder": {"title": "T"}, "dimensions": [SCOPE],
                          "tracks": [{"id": f"t{i}", "name": f"Track {i}"} for i in range(3)],
                          "roles": [role(f"r{i}", i + 1, {"scope": f"x{i}"}, track=f"t{i % 3}") for i in range(6)]})
    [whole] = progression(ladder).competencies
    first, second = whole.in_parts(2)
    assert (first.columns, second.columns) == (("Track 0", "Track 1"), ("Track 2",))
    assert [row.level for row in first.rows] == [1, 2, 4, 5] and [row.level for row in second.rows] == [3, 6]
    assert [len(row.cells) for row in first.rows + second.rows] == [2, 2, 2, 2, 1, 1]
    # Each table names a level by its own tracks' names for it, not by those of the others
    named = load_ladder({"ladder": {"title": "T"}, "dimensions": [SCOPE],
                         "tracks": [{"id": "ic", "name": "IC"}, {"id": "m", "name": "M"}],
                         "levels": [{"level": 3, "track": "ic", "name": "IC3"}, {"level": 3, "track": "m", "name": "M3"}],
                         "roles": [role("e", 3, {"scope": "x"}, track="ic"), role("l", 3, {"scope": "y"}, track="m")]})
    [both] = progression(named).competencies
    assert [row.name for row in both.rows] == ["IC3 \u00b7 M3"]
    assert [[row.name for row in part.rows] for part in both.in_parts(1)] == [["IC3"], ["M3"]]
    assert whole.in_parts(3) == (whole,)
