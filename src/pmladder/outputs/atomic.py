"""Writing output files: the one place that touches the destination, always atomically.

Bytes go to a temporary file beside the target, are flushed to disk, then renamed over it;
any failure or Ctrl-C before the rename removes the temporary file and leaves a previous output
untouched. Only regular files are written: a named pipe or a device would block or swallow the
output, so it is refused (standard output is '-').
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from ..errors import OutputError

STDOUT = "-"


def write_output(target: str | os.PathLike, data: bytes, *, overwrite: bool = True) -> str:
    """Write `data` to `target` ('-' is standard output); return the path written, as shown."""
    if os.fspath(target) == STDOUT:
        return _write_stdout(data)
    path = Path(target)
    shown = str(path)
    try:
        if path.is_symlink():
            # Replace the file the link points to; renaming over the link would make it a file.
            path = Path(os.path.realpath(path))
        check_target(target)
        if not overwrite and path.exists():
            raise OutputError(f"{shown}: already exists (use --force to overwrite)")
        for folder in (path.parent, *path.parent.parents):
            if folder.exists():  # mkdir would only say "File exists"
                if not folder.is_dir():
                    raise OutputError(f"{shown}: cannot create its folder: {folder} is a file")
                break
        path.parent.mkdir(parents=True, exist_ok=True)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{shown}: cannot create its folder: {exc.strerror or exc}") from None
    temp = None
    try:
        # The name is shortened so a target name near the 255-byte limit still gets a temporary file.
        fd, temp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = 0o666 & ~_umask()
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else mode)
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot be written: {exc.strerror or exc}") from None
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass
    return shown


_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket"}


def check_target(target: str | os.PathLike) -> None:
    """Refuse a destination that is a folder or exists and is not a regular file (a pipe or a
    device would block or swallow the output). Cheap: callers check every target before work."""
    shown = os.fspath(target)
    try:
        mode = os.stat(target).st_mode  # follows a symlink: its target is what would be written
    except OSError:  # missing (to be created), or a folder path that write_output reports
        return
    if stat.S_ISDIR(mode):
        raise OutputError(f"{shown}: is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise OutputError(f"{shown}: is {_KINDS.get(stat.S_IFMT(mode), 'not a file')}, not a regular file")


def _write_stdout(data: bytes) -> str:
    """Standard output; a closed pipe propagates (the caller ends quietly), any other failure
    (a full disk behind `> file`) is an OutputError."""
    try:
        sys.stdout.flush()  # text already printed comes first
        stream = sys.stdout.buffer
        rest = memoryview(data)
        while rest:  # a pipe whose reader left mid-write takes part of it and says so only then
            rest = rest[stream.write(rest):]
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"standard output: cannot be written: {exc.strerror or exc}") from None
    return STDOUT


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
