"""docs/api.md's reference spells every public name exactly as `inspect.signature` has it.

A function reads `name(parameters) -> return`, a record (an immutable named tuple) its
constructor `Name(fields)`, an error `class Name(Base)` and, when it takes its own arguments,
`Name(parameters)`. Annotations read as written in the source; a default whose repr is longer
than 40 characters reads `…`. Add a public name, or change a signature, and this fails until
the reference says so.
"""

from __future__ import annotations

import inspect
import re
import typing

import pytest

import pmladder
from conftest import ROOT

API_MD = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
REFERENCE = API_MD.split("\n## Reference\n", 1)[1] if "\n## Reference\n" in API_MD else ""
PUBLIC = [name for name in pmladder.__all__ if name != "__version__"]


class _Raw(str):
    """Text that prints as itself where inspect would print a repr."""

    def __repr__(self):
        return str(self)


def _plain(value):
    if value is inspect.Parameter.empty:
        return value
    if isinstance(value, str):
        return _Raw(value)
    if isinstance(value, typing.ForwardRef):  # a named tuple's field annotation, as written
        return _Raw(value.__forward_arg__)
    return _Raw(getattr(value, "__name__", repr(value)))


def _spelled_signature(obj) -> str:
    sig = inspect.signature(obj)
    params = []
    for p in sig.parameters.values():
        default = p.default
        if default is not inspect.Parameter.empty and len(repr(default)) > 40:
            default = _Raw("\u2026")
        params.append(p.replace(annotation=_plain(p.annotation), default=default))
    return str(sig.replace(parameters=params, return_annotation=_plain(sig.return_annotation)))


def spellings(name: str) -> list[str]:
    obj = getattr(pmladder, name)
    if not inspect.isclass(obj):
        return [name + _spelled_signature(obj)]
    if issubclass(obj, tuple) and hasattr(obj, "_fields"):
        return [name + _spelled_signature(obj)]
    found = [f"class {name}({', '.join(base.__name__ for base in obj.__bases__)})"]
    if "__init__" in vars(obj):
        found.append(name + _spelled_signature(obj))
    return found


@pytest.mark.parametrize("name", PUBLIC)
def test_the_reference_spells_every_public_name(name):
    for spelled in spellings(name):
        assert f"`{spelled}`" in REFERENCE, f"docs/api.md's reference lacks `{spelled}`"


def test_the_reference_lists_only_public_names():
    listed = set(re.findall(r"^- `(?:class )?([A-Za-z_]\w*)\(", REFERENCE, re.M))
    assert listed == set(PUBLIC)


def test_an_unknown_role_is_an_error_a_caller_can_catch():
    ladder = pmladder.load_ladder()
    with pytest.raises(pmladder.UnknownRoleError) as caught:
        pmladder.render_pdf(ladder, roles=["nobody"])
    assert caught.value.role_id == "nobody" and str(caught.value).startswith("no role with id 'nobody'")
    assert isinstance(caught.value, pmladder.RenderError)
