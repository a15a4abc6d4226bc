"""Writing output files: the one place that touches the destination, always atomically.

Bytes go to a temporary file beside the target, are flushed to disk, then renamed over it;
any failure or Ctrl-C removes the temporary file and leaves a previous output untouched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from ..errors import OutputError

STDOUT = "-"


def write_output(target: str | os.PathLike, data: bytes, *, overwrite: bool = True) -> str:
    """Write `data` to `target` ('-' is standard output); return the path written, as shown."""
    if os.fspath(target) == STDOUT:
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
        return STDOUT
    path = Path(target)
    shown = str(path)
    try:
        if path.is_symlink():
            # Replace the file the link points to; renaming over the link would make it a file.
            path = Path(os.path.realpath(path))
        if path.is_dir():
            raise OutputError(f"{shown}: is a folder; give a file name")
        if not overwrite and path.exists():
            raise OutputError(f"{shown}: already exists (use --force to overwrite)")
        if path.exists() and not path.is_file():
            return _write_special(path, shown, data)
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


def _write_special(path: Path, shown: str, data: bytes) -> str:
    """A device or a named pipe (/dev/null, /dev/stdout, a FIFO): written to, never replaced."""
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot be written: {exc.strerror or exc}") from None
    return shown


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
