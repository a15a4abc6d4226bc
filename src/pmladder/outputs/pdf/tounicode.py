"""Characters beyond U+FFFF (emoji such as 🏆) copied back out of the PDF as themselves.

ReportLab writes a ToUnicode entry as `<%04X>`, so U+1F3C6 becomes `<1F3C6>`, which a PDF
reader takes as the bytes 1F 3C 6x: 🏆 pastes as "Ἴ" (U+1F3C). The CMap wants UTF-16 there,
a surrogate pair. Only a PDF that prints such a character is rewritten (through pypdf's
public clone), so every other handout keeps ReportLab's bytes.
"""

from __future__ import annotations

import io
import re

_ENTRY = re.compile(rb"(<[0-9A-Fa-f]{2,4}> )<([0-9A-Fa-f]{5,6})>")


def _utf16(match: re.Match) -> bytes:
    code = int(match.group(2), 16)
    if code > 0x10FFFF:
        return match.group(0)
    units = chr(code).encode("utf-16-be").hex().upper().encode()
    return match.group(1) + b"<" + units + b">"


def fixed_cmap(cmap: bytes) -> bytes:
    """A ToUnicode CMap with every code point beyond U+FFFF as its UTF-16 surrogate pair."""
    return _ENTRY.sub(_utf16, cmap)


def restore_astral(data: bytes) -> bytes:
    """The PDF with its fonts' ToUnicode maps fixed (see the module's docstring)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    seen: set[int] = set()

    def visit(resources) -> None:
        resources = resources.get_object() if resources is not None else None
        if not isinstance(resources, DictionaryObject) or id(resources) in seen:
            return
        seen.add(id(resources))
        for font in (resources.get("/Font") or DictionaryObject()).get_object().values():
            stream = font.get_object().get("/ToUnicode")
            if stream is not None:
                stream = stream.get_object()
                cmap = stream.get_data()
                fixed = fixed_cmap(cmap)
                if fixed != cmap:
                    stream.set_data(fixed)
        for xobject in (resources.get("/XObject") or DictionaryObject()).get_object().values():
            visit(xobject.get_object().get("/Resources"))

    for page in writer.pages:
        visit(page.get("/Resources"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
