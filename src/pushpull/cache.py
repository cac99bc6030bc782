"""Keep compiled rulebooks between runs, so start-up skips YAML parsing.

The key is the sha256 of every layer's exact bytes plus the package version, and
the cached object's own digest is checked again after loading: a cache entry can
only ever stand for the very bytes it was built from. Any failure to read or
write the cache just means compiling again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .model import Rulebook

FORMAT = "1"
# The files whose code decides what a compiled rulebook is; any edit to them must
# invalidate every cached rulebook, even without a version bump.
_COMPILER_FILES = (
    "model.py",
    "rulebook.py",
    "textnorm.py",
    "schema.py",
    "yamlsafe.py",
    "rules/rulebook.schema.json",
)


@functools.cache
def compiler_fingerprint() -> str:
    """A digest of the code that compiles rulebooks, part of every cache key (read once)."""
    here = Path(__file__).parent
    digest = hashlib.sha256(FORMAT.encode())
    for name in _COMPILER_FILES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path | None:
    """Where compiled rulebooks are kept, or None when caching is switched off."""
    if os.environ.get("PUSHPULL_NO_CACHE"):
        return None
    explicit = os.environ.get("PUSHPULL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pushpull"


def _entry(sha256: str, paths: tuple[str, ...], version: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    # the compiled form records where each layer was read from (for error locations),
    # so the same bytes at another path are another entry
    where = hashlib.sha256("\n".join(paths).encode()).hexdigest()[:16]
    return folder / f"rulebook-{version}-{compiler_fingerprint()}-{sha256}-{where}.pickle"


def get(sha256: str, paths: tuple[str, ...], version: str) -> Rulebook | None:
    """The compiled rulebook for exactly these layer bytes at these paths, if one was kept."""
    path = _entry(sha256, paths, version)
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except Exception:  # missing, truncated, or from an incompatible build: recompile
        return None
    if (
        isinstance(found, Rulebook)
        and found.sha256 == sha256
        and tuple(layer.path for layer in found.layers) == paths
    ):
        return found
    return None


def put(rulebook: Rulebook, version: str) -> None:
    """Keep a compiled rulebook; written atomically so a reader never sees half a file."""
    path = _entry(rulebook.sha256, tuple(layer.path for layer in rulebook.layers), version)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(rulebook, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
