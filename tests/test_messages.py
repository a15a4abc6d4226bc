"""Messages a person can act on (issue 13), each with its exact text."""

from __future__ import annotations

from pmladder.cli import cli


def errors(runner, path) -> list[str]:
    result = runner.invoke(cli, ["validate", path])
    assert result.exit_code == 1
    return result.output.splitlines()


def test_an_id_typed_twice_comes_before_the_unknown_role_it_caused(write, runner):
    # The second role was meant to be 'b': its id typed as 'a' is why 'b' is unknown.
    path = write("ladder: {title: T}\nroles:\n  - id: a\n    title: A\n    level: 1\n    next: [b]\n"
                 "  - id: a\n    title: B\n    level: 2\n")
    assert errors(runner, path) == [
        f"Error: {path}:7: roles[1].id: duplicate role id 'a' (first given at line 3)",
        f"Error: {path}:6: roles[0].next[0]: unknown role 'b'; expected one of: a",
    ]


def test_unknown_role_track_and_dimension_ids_get_did_you_mean(write, runner):
    path = write("ladder: {title: T}\ntracks: [{id: ic, name: IC}, {id: mgmt, name: M}]\n"
                 "dimensions: [{id: scope, name: S}]\nroles:\n"
                 "  - {id: senior, title: S, track: ic, level: 2}\n"
                 "  - id: a\n    title: A\n    track: icc\n    level: 1\n    next: [senoir]\n    reports_to: senior\n"
                 "    dimensions: {scpoe: x}\n")
    assert errors(runner, path) == [
        f"Error: {path}:8: roles[1].track: unknown track 'icc' (did you mean 'ic'?)",
        f"Error: {path}:10: roles[1].next[0]: unknown role 'senoir' (did you mean 'senior'?)",
        f"Error: {path}:12: roles[1].dimensions.scpoe: unknown field (did you mean 'scope'?)",
    ]
