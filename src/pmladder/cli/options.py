"""Options and arguments shared by several commands."""

from __future__ import annotations

import click

from ..outputs import registry


class RoleIds(click.ParamType):
    """Role ids, comma-separated; the option may also be repeated (`--role a,b` = `--role a --role b`)."""

    name = "ROLE_ID,..."

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        ids = tuple(part.strip() for part in str(value).split(",") if part.strip())
        if not ids:
            self.fail("expected one or more role ids, separated by commas", param, ctx)
        return ids


class PartNames(click.ParamType):
    """Parts of the handout, comma-separated; the option may also be repeated."""

    name = "PART,..."

    def convert(self, value, param, ctx):
        from ..content import part_error

        if isinstance(value, tuple):
            return value
        names = tuple(part.strip() for part in str(value).split(",") if part.strip())
        if not names:
            self.fail("expected one or more parts, separated by commas", param, ctx)
        for name in names:
            if (problem := part_error(name)) is not None:
                self.fail(problem, param, ctx)
        return names


def _flat(groups) -> tuple[str, ...]:
    return tuple(role_id for group in groups for role_id in group)


def _one_role(ctx, param, value):
    if value is not None and ("," in value or not value.strip()):
        raise click.BadParameter("takes one role id", ctx, param)
    return value


ladder_argument = click.argument("ladder", required=False, type=click.Path(dir_okay=True, allow_dash=False))
style_option = click.option("--style", "style_name", metavar="NAME|PATH",
                            help="A built-in style name (see `pmladder styles`) or a style file.")
highlight_option = click.option("--highlight", metavar="ROLE_ID", callback=_one_role,
                                help="Mark one role as 'You are here' on the ladder diagram.")


def output_option(what: str):
    return click.option("-o", "--output", metavar="PATH",
                        help=f"Where to write {what} ('-' for standard output); its suffix may set the format.")


def format_option(output: str, default_note: str):
    table = registry.formats(output)
    listing = "; ".join(f"{f.name} ({f.description})" for f in table.values())
    return click.option("-f", "--format", "fmt", type=click.Choice(list(table)), metavar="NAME",
                        help=f"The file format: {listing}. Absent, the suffix of -o chooses, else {default_note}.")
