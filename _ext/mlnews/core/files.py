"""Writing a file so that no reader ever meets half of it (no Sphinx: the build and the CLI share it)."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomically", "write_if_changed"]


def write_atomically(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same folder: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600): give it the mode open() would have,
        # or a web server running as another user could not read a feed or an image.
        os.chmod(temporary, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """:func:`write_atomically`, unless *path* holds *data* already; whether it wrote."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomically(path, data)
    return True


@functools.cache
def _umask() -> int:
    # The only way to read the umask is to set it; once per process, before any thread writes.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
