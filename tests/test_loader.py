"""The ladder format: valid ladders load into the model; each kind of mistake gets its line."""

from __future__ import annotations

import tracemalloc

import pytest

from conftest import DEFAULT_LADDER, LINE_BUDGET, POLISH_JAPANESE, ROOT, TWO_TRACK, ladder_text, lines_executed
from pmladder import LadderError, load_ladder

ROLE = """\
- id: a
  title: Alpha
  level: 1
  summary: First.
"""


def errors(path) -> list[str]:
    with pytest.raises(LadderError) as info:
        load_ladder(path)
    return info.value.lines


class TestValidLadders:
    def test_default_ladder_has_the_seven_product_roles_in_order(self):
        ladder = load_ladder()
        assert [r.title for r in ladder.ordered_roles] == [
            "Associate Product Manager",
            "Product Manager",
            "Senior Product Manager",
            "Group Product Manager",
            "Director of Product",
            "VP of Product",
            "Chief Product Officer",
        ]
        assert [r.level for r in ladder.ordered_roles] == [1, 2, 3, 4, 5, 6, 7]
        assert ladder.name == "product-management"

    def test_default_ladder_is_complete(self):
        """Every role has responsibilities, skills and a value for every dimension."""
        ladder = load_ladder(DEFAULT_LADDER)
        assert len(ladder.intro) >= 3
        assert ladder.rating_dimensions and ladder.text_dimensions
        for role in ladder.roles:
            assert role.responsibilities and role.skills, role.id
            assert set(role.values) == {d.id for d in ladder.dimensions}, role.id

    def test_example_ladders_load(self):
        for path in (TWO_TRACK, POLISH_JAPANESE):
            ladder = load_ladder(path)
            assert len(ladder.tracks) == 2
            assert any(set(r.next) & {x.id for x in ladder.roles if x.track != r.track} for r in ladder.roles)

    def test_model_is_immutable(self):
        ladder = load_ladder()
        with pytest.raises(AttributeError):
            ladder.title = "changed"
        with pytest.raises(TypeError):
            ladder.roles[0].values["scope"] = "changed"

    def test_short_label_is_derived_when_absent(self, write):
        ladder = load_ladder(write(ladder_text(ROLE + "- id: b\n  title: Director of Product Design\n  level: 2\n  summary: S.\n")))
        assert [r.short for r in ladder.roles] == ["Alpha", "DPD"]

    def test_yaml_text_and_mappings_load_too(self):
        text = ladder_text(ROLE)
        assert load_ladder(text=text).roles[0].title == "Alpha"
        assert load_ladder(text.encode()).roles[0].title == "Alpha"
        assert load_ladder({"ladder": {"title": "T"}, "roles": [{"id": "x", "title": "X", "level": 1, "summary": "s"}]}).title == "T"

    def test_blank_line_starts_a_new_paragraph(self, write):
        extra = "  intro:\n    - heading: About\n      body: |\n        One\n        line.\n\n        Two.\n"
        ladder = load_ladder(write(ladder_text(ROLE, extra)))
        assert ladder.intro[0].paragraphs == ("One line.", "Two.")

    def test_changes_lists_only_differing_dimensions(self):
        ladder = load_ladder()
        pm, spm = ladder.role("pm"), ladder.role("spm")
        changes = ladder.changes(pm, spm)
        assert changes and all(c.before != c.after for c in changes)
        deltas = [c.delta for c in changes if c.dimension.is_rating]
        assert all(d is not None and d != 0 for d in deltas)

    def test_anchors_and_merge_keys_are_plain_data(self, write):
        text = ladder_text(
            "- &base\n  id: a\n  title: Alpha\n  level: 1\n  summary: First.\n"
            "- <<: *base\n  id: b\n  level: 2\n"
        )
        ladder = load_ladder(write(text))
        assert [(r.id, r.title, r.level) for r in ladder.roles] == [("a", "Alpha", 1), ("b", "Alpha", 2)]


class TestRejected:
    """Each mistake is reported as FILE:LINE: path: message."""

    def test_wrong_type_names_the_field_and_value(self, write):
        path = write(ladder_text(ROLE.replace("level: 1", "level: three")))
        assert errors(path) == [f"{path}:6: roles[0].level: expected a whole number, got 'three'"]

    def test_every_problem_is_reported_at_once_in_line_order(self, write):
        """...except a duplicated id, which comes first: it often explains the errors after it."""
        path = write(ladder_text(ROLE + "- id: a\n  titel: B\n  level: 0\n  summary: s\n"))
        assert errors(path) == [
            f"{path}:8: roles[1].id: duplicate role id 'a' (first given at line 4)",
            f"{path}:8: roles[1].title: required field is missing",
            f"{path}:9: roles[1].titel: unknown field (did you mean 'title'?)",
            f"{path}:10: roles[1].level: expected a whole number from 1 to 99, got 0",
        ]

    def test_yaml_syntax_error_has_line_and_column(self, write):
        path = write("ladder:\n  title: [unclosed\nroles: []\n")
        (line,) = errors(path)
        assert line.startswith(f"{path}:3: YAML syntax error:") and "column" in line

    @pytest.mark.parametrize(
        "text, expected",
        [
            ("", "1: the file is empty; expected a mapping of fields"),
            ("- a\n- b\n", "1: expected a mapping with 'ladder' and 'roles', got a list"),
            ("ladder: {title: X}\nladder: {title: Y}\nroles: []\n", "2: duplicate key 'ladder' (first given at line 1)"),
            ("ladder: {title: X}\n", "1: roles: required field is missing"),
            ("ladder: {title: X}\nroles: []\n", "2: roles: expected at least one role"),
            ("schema: 3\nladder: {title: X}\nroles: []\n", "1: schema: expected a whole number from 1 to 2, got 3"),
        ],
    )
    def test_document_shape(self, write, text, expected):
        path = write(text)
        assert errors(path)[0] == f"{path}:{expected}"

    def test_invalid_utf8_names_the_line(self, tmp_path):
        path = tmp_path / "bad.yaml"
        path.write_bytes(b"ladder:\n  title: \xff\n")
        assert errors(path) == [f"{path}:2: not valid UTF-8 (byte 0xff)"]

    def test_control_characters_are_refused(self, tmp_path):
        path = tmp_path / "ctl.yaml"
        path.write_bytes(b'ladder:\n  title: "a\x01"\nroles: []\n')
        assert errors(path) == [f"{path}:2: not readable as YAML: control character 0x0001 is not allowed"]

    def test_unknown_references(self, write):
        path = write(ladder_text(ROLE + "  next: [zz, senoir]\n  reports_to: boss\n"
                                 "- {id: senior, title: S, level: 2}\n"))
        assert errors(path) == [
            f"{path}:8: roles[0].next[0]: unknown role 'zz'; expected one of: a, senior",
            f"{path}:8: roles[0].next[1]: unknown role 'senoir' (did you mean 'senior'?)",
            f"{path}:9: roles[0].reports_to: unknown role 'boss'; expected one of: a, senior",
        ]

    def test_cycle_in_promotion_paths(self, write):
        """Only sideways moves between tracks can close a cycle: every other step goes up."""
        path = write("ladder: {title: T}\ntracks: [{id: ic, name: IC}, {id: m, name: M}]\nroles:\n"
                     "  - {id: a, title: A, level: 2, track: ic, next: b}\n"
                     "  - {id: b, title: B, level: 2, track: m, next: a}\n")
        assert errors(path) == [f"{path}:4: roles[0].next: promotion paths form a cycle: a -> b -> a"]

    def test_next_and_reports_to_must_point_up(self, write):
        path = write(ladder_text(ROLE + "  next: [b]\n- id: b\n  title: B\n  level: 2\n  next: [a, c]\n"
                                 "  reports_to: a\n- {id: c, title: C, level: 2}\n"))
        assert errors(path) == [
            f"{path}:12: roles[1].next[0]: 'a' is at level 1, below this role's level 2; next names promotions "
            "(a move to another track may stay at the same level)",
            f"{path}:12: roles[1].next[1]: 'c' is at level 2, the same as this role's level 2; next names "
            "promotions (a move to another track may stay at the same level)",
            f"{path}:13: roles[1].reports_to: 'a' is at level 1, below this role's level 2; a role reports to "
            "a role at its level or above",
        ]

    def test_unknown_track_and_missing_track(self, write):
        path = write("ladder: {title: T}\ntracks:\n  - {id: ic, name: IC}\nroles:\n"
                     "  - {id: a, title: A, level: 1, summary: s, track: mgr}\n  - {id: b, title: B, level: 1, summary: s}\n")
        assert errors(path) == [
            f"{path}:5: roles[0].track: unknown track 'mgr'; expected one of: ic",
            f"{path}:6: roles[1].track: required field is missing",
        ]

    def test_dimension_values(self, write):
        extra = "dimensions:\n  - {id: scope, name: Scope}\n  - {id: craft, name: Craft, kind: rating, scale: 4}\n"
        text = "ladder: {title: T}\n" + extra + "roles:\n  - id: a\n    title: A\n    level: 1\n    summary: s\n" \
            "    dimensions:\n      craft: 5\n      scpoe: wide\n"
        path = write(text)
        assert errors(path) == [
            f"{path}:11: roles[0].dimensions.craft: expected a whole number from 1 to 4, got 5",
            f"{path}:12: roles[0].dimensions.scpoe: unknown field (did you mean 'scope'?)",
        ]

    def test_bad_id(self, write):
        path = write(ladder_text(ROLE.replace("id: a", "id: Senior PM")))
        assert errors(path) == [
            f"{path}:4: roles[0].id: expected a role id of lowercase letters, digits, '-' and '_' (at most 64), got 'Senior PM'"
        ]

    def test_object_tags_are_refused_and_nothing_runs(self, write, tmp_path):
        marker = tmp_path / "ran"
        path = write(f'!!python/object/apply:os.system ["touch {marker}"]\n')
        assert errors(path) == [f"{path}:1: YAML tag '!!python/object/apply:os.system' is not allowed: only plain data is read"]
        assert not marker.exists()

    def test_huge_values_are_shortened_in_messages(self, write):
        path = write(ladder_text(ROLE.replace("level: 1", "level: " + "x" * 5000)))
        (line,) = errors(path)
        assert len(line) < 200 and line.endswith("...'")

    def test_missing_file_and_folder(self, tmp_path):
        assert errors(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]
        assert errors(tmp_path) == [f"{tmp_path}: is a folder, not a file"]


class TestLimits:
    def test_alias_bomb_fails_fast_with_bounded_memory(self, write):
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        previous = "a"
        for name in "bcdefghijk":
            lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
            previous = name
        path = write("\n".join(lines) + "\n")
        problems = []
        lines = lines_executed(lambda: problems.extend(errors(path)))  # a count: no load makes it fail
        tracemalloc.start()
        errors(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert problems == [f"{path}:1: more than 100,000 values once aliases are expanded"]
        assert lines <= LINE_BUDGET and peak < 100 * 2**20, (lines, peak)

    def test_deep_nesting_is_refused_not_a_recursion_error(self, write):
        path = write("[" * 5000 + "]" * 5000 + "\n")
        assert errors(path) == [f"{path}:1: nesting deeper than 50 levels"]

    def test_oversized_file(self, tmp_path):
        path = tmp_path / "big.yaml"
        path.write_bytes(b"#" * (5 * 1024 * 1024 + 1))
        assert errors(path) == [f"{path}: file is 5,242,881 bytes; the limit is 5,242,880 bytes"]

    def test_absurd_level(self, write):
        path = write(ladder_text(ROLE.replace("level: 1", "level: " + "1" + "0" * 100)))
        assert errors(path)[0].startswith(f"{path}:6: roles[0].level: expected a whole number from 1 to 99, got 1000")

    def test_too_many_roles(self, write):
        roles = "".join(f"- {{id: r{i}, title: R, level: 1, summary: s}}\n" for i in range(201))
        path = write(ladder_text(roles))
        assert errors(path) == [f"{path}:4: roles: 201 roles; the limit is 200"]

    def test_problem_count_is_capped(self, write):
        roles = "".join(f"- {{id: r{i}, title: R, level: x, summary: s}}\n" for i in range(200))
        problems = errors(write(ladder_text(roles)))
        assert len(problems) == 51 and problems[-1].endswith("stopped after 50 problems")


class TestLabels:
    def test_intro_lines_join_with_a_space_but_not_between_japanese_characters(self):
        from pmladder.load.ladder_meta import paragraphs

        body = "First line\nsecond line.\n\n日本語の文は\n続きます。\nNext"
        assert paragraphs(body) == ("First line second line.", "日本語の文は続きます。 Next")

    def test_labels_translate_and_fill_placeholders_literally(self, write):
        extra = '  labels:\n    level: "Poziom {n}"\n    page: "{n}/{total} {x}"\n'
        ladder = load_ladder(write(ladder_text(ROLE, extra)))
        assert ladder.label("level", n=3) == "Poziom 3"
        assert ladder.label("page", n=1, total=9) == "1/9 {x}"  # unknown braces stay as written
        assert ladder.label("skills") == "Skills"

    def test_unknown_label_key_is_an_error(self, write):
        path = write(ladder_text(ROLE, "  labels:\n    levle: Poziom\n"))
        assert errors(path) == [f"{path}:4: ladder.labels.levle: unknown field (did you mean 'level'?)"]

    def test_every_label_is_documented(self):
        from pmladder.model import DEFAULT_LABELS

        docs = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
        assert all(f"| `{key}` |" in docs for key in DEFAULT_LABELS)


def test_fast_and_reference_yaml_composers_agree():
    """libyaml's events, composed by us, give the same located values as PyYAML's own composer,
    or leave the file to it; so every message and line stays the reference one."""
    from pmladder.load import reader as _yaml

    paths = [*ROOT.glob("data/**/*.yaml"), *ROOT.glob("styles/*.yaml"), *ROOT.glob("tests/corpus/*/*.yaml")]
    compared = 0
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
        try:
            fast = _yaml._compose_fast(text)
        except _yaml.YamlProblem as problem:
            with pytest.raises(_yaml.YamlProblem) as reference:
                _yaml._compose_checked(text)
            assert (reference.value.line, reference.value.message) == (problem.line, problem.message), path
            continue
        if fast is _yaml._SLOW:
            continue
        if fast is None:
            assert _yaml._compose_checked(text) is None, path
            continue
        try:
            reference = _yaml._Converter().convert(_yaml._compose_checked(text))
        except _yaml.YamlProblem:
            with pytest.raises(_yaml.YamlProblem):
                _yaml._Converter().convert(fast)
            continue
        assert _yaml._Converter().convert(fast) == reference, path
        compared += 1
    assert compared > 50


# What the seed text says of each role, as words the role's text must carry (in our own words).
SEED_FACTS = {
    "apm": ["first step", "research", "data", "coordinat", "cross-functional", "requirements", "senior"],
    "pm": ["success", "product line", "vision", "priorit", "engineering", "design", "marketing", "customers",
           "business", "strategy", "roadmap", "stakeholder"],
    "spm": ["several products", "portfolio", "strategic initiatives", "long-term", "mentor", "decision"],
    "gpm": ["mentor", "strategic goals", "vision", "cross-functional", "launch", "resources", "performance",
            "senior leadership", "innovation", "execution"],
    "director": ["leadership", "business goals", "budget", "organizational change", "executive", "metrics", "vision"],
    "vp": ["entire product", "overarching", "priorities", "company objectives", "innovation", "continuous improvement",
           "stakeholders"],
    "cpo": ["ceo", "c-suite", "vision", "revenue growth", "competitive", "leadership", "business acumen"],
}


@pytest.mark.parametrize("role_id", sorted(SEED_FACTS))
def test_default_ladder_keeps_every_fact_of_the_seed(role_id):
    role = load_ladder().role(role_id)
    text = " ".join([role.title, role.summary, *role.responsibilities, *role.skills, *map(str, role.values.values())])
    assert [word for word in SEED_FACTS[role_id] if word not in text.lower()] == []


def test_default_introduction_keeps_the_seed_facts():
    intro = " ".join(p for section in load_ladder().intro for p in section.paragraphs).lower()
    for word in ("developed", "market", "technology", "user experience", "business", "demand", "growth",
                 "customer", "agile", "digital transformation", "strategic", "analytical", "interpersonal",
                 "hierarchy", "authority"):
        assert word in intro, word


def _parsed(path):
    """What the YAML reader makes of a file: its Value tree, or the located problem."""
    from pmladder.load import reader

    try:
        return reader.parse(path.read_bytes(), str(path))
    except reader.YamlProblem as exc:
        return ("problem", exc.line, exc.message)


YAML_FILES = sorted(
    [*ROOT.glob("data/**/*.yaml"), *ROOT.glob("styles/*.yaml"), *ROOT.glob("tests/corpus/**/*.yaml")]
)


@pytest.mark.skipif(not hasattr(__import__("yaml"), "CSafeLoader"), reason="PyYAML built without libyaml")
def test_libyaml_and_pure_python_parsers_read_every_file_alike(monkeypatch):
    """libyaml's parser (used where PyYAML has it) and PyYAML's own feed the one composer: the
    same data, lines and messages for every example, style and corpus file, good or bad."""
    import yaml

    assert len(YAML_FILES) > 100
    with_libyaml = [_parsed(path) for path in YAML_FILES]
    monkeypatch.delattr(yaml, "CSafeLoader")
    without = [_parsed(path) for path in YAML_FILES]
    for path, fast, pure in zip(YAML_FILES, with_libyaml, without):
        assert fast == pure, path
    assert sum(isinstance(result, tuple) and result[0] == "problem" for result in without) > 10
