"""Onboarding packets: the ladder excerpt with the team's own PDFs merged around it (pypdf)."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Sequence
from pathlib import Path

from ...errors import PacketError
from ...load.files import PDF_BYTES, UnreadableFile, read_regular


def _read(path: str | os.PathLike):
    """A PdfReader for one of the team's PDFs, or a PacketError naming the file."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    shown = os.fspath(path)
    try:
        data = read_regular(path, PDF_BYTES)
    except UnreadableFile as exc:
        raise PacketError(str(exc)) from None
    if not data.lstrip()[:5] == b"%PDF-":
        raise PacketError(f"{shown}: not a PDF file")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise PacketError(f"{shown}: is encrypted; merge an unencrypted copy")
        if not len(reader.pages):
            raise PacketError(f"{shown}: has no pages")
    except PacketError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise PacketError(f"{shown}: not a readable PDF ({exc})") from None
    return reader


def _title(reader, path: str | os.PathLike) -> str:
    """An inserted document's outline entry: its PDF title, else its file name."""
    try:
        title = (reader.metadata or {}).get("/Title")
    except Exception:  # a broken info dictionary only costs us the nicer name
        title = None
    title = str(title).strip() if title else ""
    return title or Path(path).name


def check_inputs(paths: Sequence[str | os.PathLike]) -> None:
    """Fail before any rendering if one of the team's PDFs is missing or unreadable."""
    for path in paths:
        _read(path)


def merge(ladder_pdf: bytes, prepend: Sequence[str | os.PathLike] = (), append: Sequence[str | os.PathLike] = ()) -> bytes:
    """One PDF: the `prepend` files, the ladder's pages (with its outline), then `append`, in order.

    Each inserted document gets an outline entry beside the ladder's own entries.
    """
    from pypdf import PdfReader, PdfWriter

    documents = [(reader, _title(reader, p)) for p, reader in ((p, _read(p)) for p in prepend)]
    ladder = PdfReader(io.BytesIO(ladder_pdf))
    tail = [(reader, _title(reader, p)) for p, reader in ((p, _read(p)) for p in append)]
    writer = PdfWriter()
    for reader, title in documents:
        writer.append(reader, outline_item=title, import_outline=False)
    writer.append(ladder, import_outline=True)
    for reader, title in tail:
        writer.append(reader, outline_item=title, import_outline=False)
    if ladder.metadata:
        writer.add_metadata({k: v for k, v in ladder.metadata.items() if k in ("/Title", "/Author", "/Subject", "/Keywords")})
    if "/Lang" in ladder.root_object:  # the packet speaks the ladder's language
        from pypdf.generic import NameObject, TextStringObject

        writer.root_object[NameObject("/Lang")] = TextStringObject(str(ladder.root_object["/Lang"]))
    # A file identifier derived from every input keeps packets byte-identical for the same inputs.
    # PRIVATE API: pypdf (4.0-7.x) has no public setter for the trailer's /ID; the writer writes
    # `_ID` when set. Its only public route, PdfWriter(clone_from=ladder), takes the ladder's own
    # identifier, and putting the inserted documents' outline entries before the cloned ones needs
    # add_outline_item(before=), which pypdf 7.1 ignores unless `before` is the last entry.
    # pyproject bounds pypdf below 8.
    from pypdf.generic import ArrayObject, ByteStringObject

    digest = hashlib.md5(ladder_pdf, usedforsecurity=False)
    for path in [*prepend, *append]:
        digest.update(Path(path).read_bytes())
    ident = ByteStringObject(digest.digest())
    writer._ID = ArrayObject((ident, ident))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
