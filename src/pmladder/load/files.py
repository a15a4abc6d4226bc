"""Reading an input file: every reader in pmladder goes through `read_regular`.

Only regular files are read. A FIFO would block the run forever, a device like /dev/zero
never ends, and a sparse file can claim gigabytes it does not hold on disk; each is refused
by its type or size before any byte is read, with a one-line message naming the file.
"""

from __future__ import annotations

import os
import stat

MB = 1024 * 1024
# How much each kind of input may hold (ladders and styles: the YAML reader's MAX_BYTES); far above real files, far below what exhausts memory.
FONT_BYTES = 64 * MB  # the largest CJK font collections are ~20-45 MB
IMAGE_BYTES = 16 * MB  # a logo
PDF_BYTES = 64 * MB  # each of the team's PDFs merged into a packet


class UnreadableFile(Exception):
    """An input file that is missing, not a regular file, too big or unreadable.

    `reason` is the message without the file name, for callers that place the name themselves.
    """

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def check_regular(path: str | os.PathLike, limit: int) -> int:
    """The size of a regular file of at most `limit` bytes, or UnreadableFile; reads nothing."""
    shown = os.fspath(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UnreadableFile(shown, "no such file") from None
    except OSError as exc:
        raise UnreadableFile(shown, f"cannot be read: {exc.strerror or exc}") from None
    return _checked_size(shown, info, limit)


def _checked_size(shown: str, info: os.stat_result, limit: int) -> int:
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(shown, _kind(info.st_mode))
    if info.st_size > limit:
        raise UnreadableFile(shown, f"file is {info.st_size:,} bytes; the limit is {limit:,} bytes")
    return info.st_size


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or UnreadableFile.

    The file is opened without blocking and its type checked on the open descriptor, so a
    FIFO swapped in after a check cannot hang the run either.
    """
    shown = os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile(shown, "no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(shown, "is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFile(shown, f"cannot be read: {exc.strerror or exc}") from None
    try:
        _checked_size(shown, os.fstat(fd), limit)
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(shown, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew after the check
        raise UnreadableFile(shown, f"file is over {limit:,} bytes; the limit is {limit:,} bytes")
    return data
