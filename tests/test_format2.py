"""Format 2: named scale points, dimension groups, statement lists, per-track dimensions, named
levels, a role's own sections; and the public frameworks transcribed into it."""

from __future__ import annotations

import pytest

from conftest import ROOT
from pmladder import LadderError, load_ladder
from pmladder.model import ScalePoint

FRAMEWORKS = ROOT / "data" / "frameworks"

TWO_TRACKS = """\
schema: 2
ladder:
  title: T
tracks:
  - {id: ic, name: IC}
  - {id: mgmt, name: Management}
"""


def errors(text: str, write) -> list[str]:
    path = write(text)
    with pytest.raises(LadderError) as info:
        load_ladder(path)
    return [line.replace(f"{path}:", "") for line in info.value.lines]


class TestNamedScales:
    TEXT = TWO_TRACKS + """\
scales:
  - id: adoption
    points:
      - {name: Adopts, meaning: Learns the team's tools.}
      - Specializes
      - Masters
dimensions:
  - {id: tech, name: Technology, kind: rating, scale: adoption}
  - {id: craft, name: Craft, kind: rating, scale: [Follows, Enforces, Defines, Changes]}
  - {id: plain, name: Plain, kind: rating}
roles:
  - {id: a, title: A, level: 1, track: ic, dimensions: {tech: Specializes, craft: 4, plain: 5}}
  - {id: b, title: B, level: 2, track: ic, dimensions: {tech: masters, craft: Defines}}
"""

    def test_points_have_names_and_values_may_be_given_by_name(self, write):
        ladder = load_ladder(write(self.TEXT))
        tech, craft, plain = ladder.dimensions
        assert tech.points == (ScalePoint(1, "Adopts", "Learns the team's tools."), ScalePoint(2, "Specializes"),
                               ScalePoint(3, "Masters"))
        assert (tech.scale, craft.scale, plain.scale, plain.points) == (3, 4, 5, ())
        a, b = ladder.roles
        assert (a.values["tech"], b.values["tech"], a.values["craft"], b.values["craft"]) == (2, 3, 4, 3)
        assert craft.point(4).name == "Changes" and plain.point(3) is None

    def test_an_unknown_point_name_lists_the_names(self, write):
        text = self.TEXT.replace("tech: masters", "tech: Expert")
        assert errors(text, write) == [
            "19: roles[1].dimensions.tech: expected a whole number from 1 to 3 or one of: Adopts, Specializes, "
            "Masters; got 'Expert'"]

    def test_unknown_scale_duplicate_point_and_too_few_points(self, write):
        """...each said once: the roles' values on a broken scale are not checked against a guess."""
        text = self.TEXT.replace("scale: adoption", "scale: adopton").replace("- Masters", "- adopts") \
            .replace("[Follows, Enforces, Defines, Changes]", "[Only]")
        assert errors(text, write) == [
            "12: scales[0].points[2]: point name 'adopts' is already point 1",
            "14: dimensions[0].scale: unknown scale 'adopton' (did you mean 'adoption'?)",
            "15: dimensions[1].scale: expected 2 to 10 named points, got 1",
        ]


class TestGroupsAndTracks:
    TEXT = TWO_TRACKS + """\
groups:
  - {id: results, name: Results, description: What gets done.}
  - {id: people, name: People, tracks: [mgmt]}
dimensions:
  - {id: coaching, name: Coaching, group: people}
  - {id: impact, name: Impact, group: results}
  - {id: code, name: Code, group: results, tracks: ic}
roles:
  - id: dev
    title: Developer
    level: 1
    track: ic
    dimensions:
      impact: [Ships features, Fixes bugs]
      code: Clean code
  - id: lead
    title: Lead
    level: 1
    track: mgmt
    reports_to: [boss, dev]
    dimensions:
      impact: A team's results
      coaching: [Gives feedback]
  - {id: boss, title: Boss, level: 2, track: mgmt}
"""

    def test_dimensions_come_in_group_order_with_their_tracks(self, write):
        ladder = load_ladder(write(self.TEXT))
        assert [(d.id, d.group, d.tracks) for d in ladder.dimensions] == [
            ("impact", "results", ()), ("code", "results", ("ic",)), ("coaching", "people", ("mgmt",))]
        assert ladder.group("results").description == "What gets done."
        dev = ladder.role("dev")
        assert dev.values["impact"] == ("Ships features", "Fixes bugs")
        assert [d.id for d in ladder.dimensions_for(ladder.roles_in(ladder.track("ic")))] == ["impact", "code"]

    def test_reports_to_takes_several_roles_at_its_level_or_above(self, write):
        assert load_ladder(write(self.TEXT)).role("lead").reports_to == ("boss", "dev")
        text = self.TEXT.replace("title: Lead\n    level: 1", "title: Lead\n    level: 3") \
            .replace("level: 2, track: mgmt}", "level: 4, track: mgmt, reports_to: [lead, led]}")
        assert errors(text, write) == [
            "26: roles[1].reports_to[1]: 'dev' is at level 1, below this role's level 3; a role reports to a role "
            "at its level or above",
            "30: roles[2].reports_to[0]: 'lead' is at level 3, below this role's level 4; a role reports to a role "
            "at its level or above",
            "30: roles[2].reports_to[1]: unknown role 'led' (did you mean 'lead'?)",
        ]

    def test_a_role_on_another_track_cannot_give_a_track_only_dimension(self, write):
        text = self.TEXT.replace("      coaching: [Gives feedback]", "      coaching: [Gives feedback]\n      code: x") \
            .replace("      code: Clean code", "      coaching: Pairs")
        assert errors(text, write) == [
            "21: roles[0].dimensions.coaching: dimension 'coaching' is for track mgmt only; this role is on "
            "track 'ic'",
            "30: roles[1].dimensions.code: dimension 'code' is for track ic only; this role is on track 'mgmt'",
        ]

    def test_groups_require_every_dimension_to_name_one(self, write):
        text = self.TEXT.replace("{id: impact, name: Impact, group: results}", "{id: impact, name: Impact}") \
            .replace("group: people}", "group: peple}")
        assert errors(text, write) == [
            "11: dimensions[0].group: unknown group 'peple' (did you mean 'people'?)",
            "12: dimensions[1].group: required field is missing",
        ]

    def test_a_dimension_cannot_leave_its_groups_tracks(self, write):
        text = self.TEXT.replace("{id: coaching, name: Coaching, group: people}",
                                 "{id: coaching, name: Coaching, group: people, tracks: [ic, mgmt]}")
        assert errors(text, write) == [
            "11: dimensions[0].tracks: track ic is not one of its group's tracks (mgmt)"]


class TestLevelsSectionsAndIntro:
    TEXT = TWO_TRACKS.replace("  title: T\n", "  title: T\n  intro:\n    - heading: Read this\n"
                                           "      items: [First point, Second point]\n") + """\
levels:
  - {level: 1, name: Junior}
  - {level: 3, track: mgmt, name: M3, description: Leads managers.}
  - {level: 3, name: Staff}
roles:
  - id: dev
    title: Developer
    level: 1
    track: ic
    sections:
      - heading: Anti-patterns
        items: [Works alone, Hides problems]
  - {id: m, title: Manager, level: 2, track: mgmt}
"""

    def test_level_names_per_track_and_levels_without_roles(self, write):
        ladder = load_ladder(write(self.TEXT))
        assert ladder.level_name(1, "ic") == "Junior"
        assert (ladder.level_name(3, "mgmt"), ladder.level_name(3, "ic"), ladder.level_name(2, "mgmt")) == \
            ("M3", "Staff", "Level 2")
        assert ladder.levels == (1, 2, 3)  # level 3 has no role yet
        assert ladder.role("dev").sections[0] == ("Anti-patterns", ("Works alone", "Hides problems"))
        assert ladder.role("dev").summary is None
        assert ladder.intro[0].items == ("First point", "Second point") and ladder.intro[0].paragraphs == ()

    def test_a_level_named_twice_and_an_unknown_track(self, write):
        text = self.TEXT.replace("{level: 3, name: Staff}", "{level: 1, name: Entry}\n  - {level: 2, track: icc, name: X}")
        assert errors(text, write) == [
            "13: levels[2]: level 1 is already named 'Junior'",
            "14: levels[3].track: unknown track 'icc' (did you mean 'ic'?)",
        ]

    def test_a_section_needs_a_heading_and_items(self, write):
        text = self.TEXT.replace("items: [Works alone, Hides problems]", "items: []")
        assert errors(text, write) == ["21: roles[0].sections[0].items: expected at least one item"]


def test_schema_1_files_refuse_format_2_features(write):
    text = "schema: 1\nladder: {title: T}\nlevels:\n  - {level: 1, name: Junior}\nroles:\n  - {id: a, title: A, level: 1}\n"
    assert errors(text, write) == [
        "4: levels: named levels is a format 2 feature, and this file says schema: 1 (write schema: 2)"]
    assert load_ladder(write(text.replace("schema: 1", "schema: 2"))).level_name(1) == "Junior"
    assert load_ladder(write(text.replace("schema: 1\n", ""))).schema == 2


def test_engineering_ladders_transcription_names_every_point():
    """jorgef/engineeringladders: 'Designs' and 'Owns' are points of the System scale."""
    ladder = load_ladder(FRAMEWORKS / "engineering-ladders.yaml")
    system = next(d for d in ladder.dimensions if d.id == "system")
    assert [p.name for p in system.points] == ["Enhances", "Designs", "Owns", "Evolves", "Leads"]
    d4 = ladder.role("d4")
    assert {d.id: d.point(d4.values[d.id]).name for d in ladder.dimensions} == {
        "technology": "Evangelizes", "system": "Owns", "people": "Mentors", "process": "Challenges", "influence": "Team"}
    assert [len(ladder.roles_in(t)) for t in ladder.tracks] == [7, 4, 4, 3]


def test_dropbox_transcription_groups_behaviours_and_limits_competencies_to_tracks():
    ladder = load_ladder(FRAMEWORKS / "dropbox-engineering.yaml")
    assert [g.name for g in ladder.groups] == ["Expectations", "Results", "Direction", "Talent", "Culture", "Craft"]
    ic3 = ladder.role("ic3")
    assert len(ic3.values["ownership"]) == 7 and ic3.values["ownership"][-1].startswith("I proactively create")
    assert ladder.level_name(3, "swe") == "IC3" and ladder.level_name(3, "em") == "M3"
    operational = next(d for d in ladder.dimensions if d.id == "operational-excellence")
    assert operational.tracks == ("em",) and "operational-excellence" not in ic3.values


def test_gitlab_transcription_has_named_levels_and_two_managers():
    ladder = load_ladder(FRAMEWORKS / "gitlab-product.yaml")
    pm = ladder.role("pm")
    assert pm.reports_to == ("director", "gmp") and pm.summary is None
    assert [ladder.level_name(r.level, r.track) for r in ladder.roles_in(ladder.track("ic"))] == \
        ["Intermediate", "Senior", "Principal"]


# ---------------------------------------------------------------- what the outputs show

WIRED = TWO_TRACKS + """\
groups:
  - {id: results, name: Results}
  - {id: people, name: People, tracks: [mgmt]}
dimensions:
  - {id: impact, name: Impact, group: results}
  - {id: tech, name: Technology, kind: rating, group: results, scale: [Adopts, Masters, Creates]}
  - {id: coaching, name: Coaching, group: people}
levels:
  - {level: 1, track: ic, name: IC1}
  - {level: 1, track: mgmt, name: M1}
roles:
  - id: dev
    title: Developer
    level: 1
    track: ic
    next: lead
    dimensions: {impact: [Ships features, Fixes bugs], tech: Masters}
    sections:
      - {heading: Anti-patterns, items: [Works alone]}
  - id: lead
    title: Lead
    level: 1
    track: mgmt
    dimensions: {impact: A team's results, tech: 3, coaching: [Gives feedback]}
"""


def test_content_groups_rows_names_points_and_drops_other_tracks_rows(write):
    from pmladder import content

    ladder = load_ladder(write(WIRED))
    by_track = content.matrix(ladder, per_table=1)
    ic_rows = by_track.groups[0].rows
    assert [r.dimension.id for r in ic_rows] == ["impact", "tech"]  # no Coaching row for the IC track
    assert [(h, r.dimension.id) for h, r in content.headed(content.whole_matrix(ladder).rows)] == [
        ("Results", "impact"), (None, "tech"), ("People", "coaching")]
    dev_tech = ic_rows[1].cells[0]
    assert (dev_tech.text, dev_tech.point.name) == ("●●○ Masters", "Masters")
    assert ic_rows[0].cells[0].statements == ("Ships features", "Fixes bugs")
    page = content.role_page(ladder, ladder.role("dev"))
    assert [c.text for c in page.chips][1:] == ["IC1", "IC"]
    assert page.sections == (content.Bullets("Anti-patterns", ("Works alone",)),)
    assert [c.dimension.id for c in content.worksheet(ladder, ladder.role("dev")).expected] == ["impact", "tech"]


def test_markdown_keeps_statement_lists_in_their_cell_and_names_points(write):
    from pmladder.outputs.tables import to_csv, to_markdown

    ladder = load_ladder(write(WIRED))
    md = to_markdown(ladder).splitlines()
    assert md[0] == "| Dimension | Developer (IC1) | Lead (M1) |"
    assert md[2] == "| **Results** | | |"
    assert md[3] == "| Impact | • Ships features<br>• Fixes bugs | A team's results |"
    assert md[4] == "| Technology (1–3) | ●●○ Masters | ●●● Creates |"
    assert md[5:] == ["| **People** | | |", "| Coaching |  | • Gives feedback |"]
    csv = to_csv(ladder).splitlines()
    assert csv[4:] == ["Results,group,,", 'Impact,text,"Ships features', 'Fixes bugs",A team\'s results',
                       "Technology,rating,2,3", "Technology,point,Masters,Creates", "People,group,,",
                       "Coaching,text,,Gives feedback"]


def test_handout_and_radar_show_every_format_2_feature(write, tmp_path):
    from conftest import norm, pdf_texts
    from pmladder import render_pdf
    from pmladder.load.style import load_style
    from pmladder.scene.radar import radar_scene

    ladder = load_ladder(write(WIRED.replace("{id: impact, name: Impact, group: results}",
                                             "{id: impact, name: Impact, group: results}\n"
                                             "  - {id: scope, name: Scope, kind: rating, group: results, "
                                             "scale: [Low, High]}\n  - {id: pace, name: Pace, kind: rating, "
                                             "group: results}")))
    text = norm("".join(pdf_texts(render_pdf(ladder))))
    for shown in ("Results", "People", "Masters", "Creates", "IC1", "M1", "Anti-patterns", "Worksalone",
                  "•Shipsfeatures", "•Fixesbugs", "•Givesfeedback"):
        assert norm(shown) in text, shown
    labels = [item.text for item in radar_scene(ladder, ["dev"], load_style(None)).items
              if getattr(item, "kind", "") == "axis-label"]
    assert "Masters" in labels


def test_the_shipped_example_uses_every_format_2_feature():
    ladder = load_ladder(ROOT / "data" / "examples" / "design-two-track.yaml")
    assert len(ladder.tracks) == 2 and [g.id for g in ladder.groups] == ["craft", "collaboration", "leadership"]
    assert all(d.points for d in ladder.rating_dimensions)
    assert any(isinstance(v, tuple) for r in ladder.roles for v in r.values.values())
    assert {d.id: d.tracks for d in ladder.dimensions if d.tracks} == {
        "systems": ("ic",), "hiring": ("mgmt",), "growth": ("mgmt",)}
    assert ladder.level_name(3, "ic") == "D3 Senior" and ladder.level_name(3, "mgmt") == "M3"
    assert 5 in ladder.levels and not ladder.roles_in(ladder.track("mgmt"))[-1].level == 5  # M5: no role yet
    assert ladder.role("senior").sections and ladder.role("associate").reports_to == ("manager", "senior-manager")
    assert ladder.intro[0].items


def test_a_next_role_on_another_track_shows_no_value_for_a_dimension_not_its_own():
    from pmladder import content

    ladder = load_ladder(ROOT / "data" / "examples" / "design-two-track.yaml")
    (table,) = content.role_page(ladder, ladder.role("senior")).profile.tables
    hiring = next(row for row in table.rows if row.dimension.id == "hiring")
    to_staff, to_manager = hiring.next_values
    assert to_staff.is_missing and to_manager.statements  # not "No change" for a designer


@pytest.mark.parametrize("text, expected", [
    ("ladder:\n\ttitle: Tabs\nroles: []\n", [
        "2: YAML syntax error: a tab in the indentation; YAML indents with spaces only, so replace the tab with "
        "spaces (column 1)",
        "2:     \u2192title: Tabs",
        "2:     ^"]),
    ("ladder:\n  title: A\n subtitle: B\nroles: []\n", [
        "3: YAML syntax error: the indentation does not match the lines above; line this line up with the other "
        "keys of its mapping (or the other items of its list) (column 2)",
        "3:      subtitle: B",
        "3:      ^"]),
    ("ladder:\n  title: Lead: Platform\nroles: []\n", [
        "2: YAML syntax error: a ': ' where no value can start; check the indentation against the line above, "
        "and quote a value that contains ': ' (title: \"Lead: Platform\") (column 14)",
        "2:       title: Lead: Platform",
        "2:                  ^"]),
])
def test_yaml_mistakes_are_explained_with_the_line_and_a_caret(write, text, expected):
    assert errors(text, write) == expected


def test_the_next_level_table_prints_only_the_statements_that_change(write):
    """The PDF's "what changes" cell holds the new and the fallen-away statements, not the whole list."""
    from conftest import norm, pdf_texts
    from pmladder import render_pdf

    ladder = load_ladder(write(TWO_TRACKS + """\
dimensions:
  - {id: impact, name: Impact}
roles:
  - {id: a, title: Alpha, level: 1, track: ic, next: b,
     dimensions: {impact: [Keeps the build green, Fixes bugs, Asks for help early]}}
  - {id: b, title: Beta, level: 2, track: ic,
     dimensions: {impact: [Keeps the build green, Fixes bugs, Leads a small project]}}
"""))
    pages = [norm(t) for t in pdf_texts(render_pdf(ladder))]
    alpha = next(p for p in pages if norm("What changes at the next level") in p and norm("→ Beta") in p)
    alpha = alpha[alpha.index(norm("What changes at the next level")):]
    alpha = alpha[:alpha.find(norm("Promotion paths"))]  # Beta's part, when it shares the page
    assert norm("New at this level") in alpha and norm("Leads a small project") in alpha
    assert norm("No longer expected") in alpha and norm("Asks for help early") in alpha
    assert alpha.count(norm("Keeps the build green")) == 1  # the role's own list, not repeated


def test_a_statement_in_new_words_is_printed_as_revised_in_the_handout_and_the_web_page(write):
    """Not as "No longer expected" beside a near copy of itself under "New at this level"."""
    from conftest import norm, pdf_texts
    from pmladder import render_pdf
    from pmladder.outputs.html.page import render_html

    ladder = load_ladder(write(TWO_TRACKS + """dimensions:
  - {id: impact, name: Impact}
roles:
  - {id: a, title: Alpha, level: 1, track: ic, next: b,
     dimensions: {impact: [I model integrity and have a high standard for my work, Fixes bugs]}}
  - {id: b, title: Beta, level: 2, track: ic,
     dimensions: {impact: [I model integrity and a high standard for my work, Fixes bugs, Leads a small project]}}
"""))
    pages = [norm(t) for t in pdf_texts(render_pdf(ladder))]
    alpha = next(p for p in pages if norm("What changes at the next level") in p and norm("→ Beta") in p)
    alpha = alpha[alpha.index(norm("What changes at the next level")):]
    alpha = alpha[:alpha.find(norm("Promotion paths"))]
    assert norm("Revised") in alpha and norm("\u0394I model integrity and a high standard for my work") in alpha
    assert norm("New at this level") in alpha and norm("+Leads a small project") in alpha
    assert norm("No longer expected") not in alpha
    page = render_html(ladder).decode("utf-8")
    assert ('<span class="diff-head">Revised</span><ul class="statements revised">'
            "<li>I model integrity and a high standard for my work</li></ul>") in page
    assert "No longer expected" not in page


def test_a_statement_list_rewritten_at_the_next_level_is_printed_once_on_the_role_page(write):
    """When no statement carries over, the next role's cell lists its new statements and one
    line for the rest: the role's own statements, beside it, are not printed a second time."""
    from conftest import norm, pdf_texts
    from pmladder import render_pdf

    ladder = load_ladder(write(TWO_TRACKS + """dimensions:
  - {id: impact, name: Impact}
roles:
  - {id: a, title: Alpha, level: 1, track: ic, next: b,
     dimensions: {impact: [Keeps the build green, Asks for help early]}}
  - {id: b, title: Beta, level: 2, track: ic,
     dimensions: {impact: [Leads a small project, Reviews the team's designs]}}
"""))
    pages = [norm(t) for t in pdf_texts(render_pdf(ladder))]
    alpha = next(p for p in pages if norm("What changes at the next level") in p and norm("→ Beta") in p)
    assert norm("Leads a small project") in alpha
    assert norm("Every statement for Beta is new: none of those for Alpha carry over.") in alpha
    assert norm("No longer expected") not in alpha and norm("New at this level") not in alpha
    assert alpha.count(norm("Asks for help early")) == 1
