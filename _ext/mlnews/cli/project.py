"""The project the CLI works on: its folder, its settings, and safe writes into it.

Everything the CLI writes goes through :class:`Project`: a path is resolved
(symlinks too) and refused unless it lies inside the project folder, and a set
of files is replaced all at once or not at all.
"""

from __future__ import annotations

import ast
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import USAGE, CliError

__all__ = ["Project", "atomic_replace", "read_text"]

_DEFAULT_EXCLUDES = [".*", "**/.*", "_build", "_ext", "bench", "tests", "test-artifacts", "README.md"]


def _conf_literals(conf: Path) -> dict[str, Any]:
    """Top-level ``name = <literal>`` assignments of ``conf.py``, read without running it."""
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"), str(conf))
    except (OSError, SyntaxError, UnicodeDecodeError) as error:
        raise CliError(f"{conf}: cannot read ({error})") from None
    values: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return values


def read_text(path: Path, strict: bool = True) -> str:
    """A file's UTF-8 text; a one-line error naming the file when it cannot be read.

    With ``strict=False`` undecodable bytes become U+FFFD (for files only read).
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CliError(f"{path}: cannot read ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig", errors="strict" if strict else "replace")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CliError(
            f"{path}: not valid UTF-8 (byte 0x{data[error.start]:02x} at line {line}); save it as UTF-8 and try again"
        ) from None


@dataclass
class Project:
    """An mlnews site: a folder with ``conf.py``."""

    root: Path
    settings: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: str | os.PathLike[str]) -> Project:
        """The project in *folder*; a usage error when it has no ``conf.py``."""
        root = Path(folder).resolve()
        conf = root / "conf.py"
        if not conf.is_file():
            raise CliError(f"{root}: not an mlnews project (no conf.py); use --root DIR", USAGE)
        return cls(root, _conf_literals(conf))

    def inside(self, path: str | os.PathLike[str], what: str = "path") -> Path:
        """*path* (relative to the root) resolved, or a usage error when it leaves the project."""
        resolved = (self.root / path).resolve()
        if not resolved.is_relative_to(self.root):
            raise CliError(f"{what} {os.fspath(path)!r} is outside the project folder {self.root}", USAGE)
        return resolved

    def relative(self, path: Path) -> str:
        """*path* as the author names it: relative to the root, with '/'."""
        return path.relative_to(self.root).as_posix()

    @property
    def bibfile(self) -> Path:
        """The bibliography the CLI writes: the first of ``bibtex_bibfiles``."""
        names = self.settings.get("bibtex_bibfiles") or ["refs.bib"]
        return self.inside(str(names[0]), "bibtex_bibfiles entry")

    @property
    def bibfiles(self) -> list[Path]:
        """Every bibliography of the site."""
        return [self.inside(str(n), "bibtex_bibfiles entry") for n in self.settings.get("bibtex_bibfiles") or ["refs.bib"]]

    @property
    def tags(self) -> list[str]:
        """The tag vocabulary (``mlnews_tags``); empty means any tag."""
        return [str(t) for t in self.settings.get("mlnews_tags") or []]

    @property
    def exclude_patterns(self) -> list[str]:
        """What Sphinx leaves out (``exclude_patterns``), so the checks leave it out too."""
        patterns = self.settings.get("exclude_patterns")
        return [str(p) for p in patterns] if isinstance(patterns, list) else list(_DEFAULT_EXCLUDES)


def atomic_replace(changes: Mapping[Path, str | bytes]) -> None:
    """Write every file of *changes* (text as UTF-8, or bytes as they are) or none.

    Each new text goes to a temporary file in the target's folder first (so
    :func:`os.replace` is atomic); only when all are written are they moved in
    place. Should a move fail, the files already moved get their old text back
    (and folders made for new files are removed again).
    """
    staged: list[tuple[Path, Path, bytes | None]] = []
    created: list[Path] = []
    try:
        for path, text in changes.items():
            old = path.read_bytes() if path.exists() else None
            missing = []
            folder = path.parent
            while not folder.exists():
                missing.append(folder)
                folder = folder.parent
            path.parent.mkdir(parents=True, exist_ok=True)
            created += reversed(missing)
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((path, Path(temp), old))
            with os.fdopen(handle, "wb") as stream:
                stream.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            if old is not None:
                os.chmod(temp, path.stat().st_mode & 0o7777)
            else:
                os.chmod(temp, 0o666 & ~_umask())
        _sync([temp for _, temp, _ in staged])
    except BaseException:
        for _, temp, _ in staged:
            temp.unlink(missing_ok=True)
        _remove_folders(created)
        raise
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, temp, old in staged:
            os.replace(temp, path)
            done.append((path, old))
    except BaseException:
        for _, temp, _ in staged:
            temp.unlink(missing_ok=True)
        for path, old in reversed(done):
            if old is None:
                path.unlink(missing_ok=True)
            else:
                _restore(path, old)
        _remove_folders(created)
        raise


def _sync_one(temp: Path) -> None:
    handle = os.open(temp, os.O_RDWR)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _sync(temps: list[Path]) -> None:
    """Every staged file on disk before any is moved in place.

    Many files (an import writes hundreds) are synced side by side: the file
    system commits concurrent syncs together, where one after the other each
    waits for its own commit.
    """
    if len(temps) <= 2:
        for temp in temps:
            _sync_one(temp)
        return
    with ThreadPoolExecutor(max_workers=min(16, len(temps))) as pool:
        for future in [pool.submit(_sync_one, temp) for temp in temps]:
            future.result()


def _remove_folders(created: list[Path]) -> None:
    """Remove the folders made for new files, innermost first, where they are empty again."""
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            continue


def _restore(path: Path, old: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(old)
    os.replace(temp, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
