"""The compiled-rulebook cache: fast, and safe to read whatever is on disk.

A planted pickle must never run, an altered entry must never be used, and a
folder or entry that is not ours alone is ignored the way ssh ignores such keys.
"""

from __future__ import annotations

import ast
import json
import os
import pickle
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import pushpull
from pushpull import api, cache
from pushpull.compiled import from_plain, to_plain
from pushpull.rulebook import starter_text

from .conftest import pushpull_exe

NOBODY = 65534  # another account: files chowned to it are not ours


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home with no cache settings, so the default location is used."""
    for name in ("PUSHPULL_NO_CACHE", "PUSHPULL_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts how often a rulebook is compiled rather than read from the cache."""
    calls: list[int] = []
    real = api.compile_layers

    def counting(*args: Any) -> pushpull.Rulebook:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(api, "compile_layers", counting)
    return calls


class Planted:
    """Unpickling this creates ``marker``: it stands for any code an attacker wants run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[[str], None], tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def entries(folder: Path) -> list[Path]:
    """The cache entries pushpull kept under ``folder``."""
    found = sorted(p for p in folder.rglob("*") if p.is_file())
    assert found, f"nothing was cached under {folder}"
    return found


def plant_pickle(folder: Path, marker: Path) -> None:
    """Replace every entry with a pickle that runs code, at the exact name pushpull reads."""
    for entry in entries(folder):
        entry.write_bytes(pickle.dumps(Planted(marker)))


def forge(entry: Path) -> None:
    """Rewrite an entry to say something else, with a correct digest: only who owns it
    or can write it tells it apart from one pushpull wrote."""
    plain = json.loads(entry.read_bytes().partition(b"\n")[2])
    plain["dimensions"][0]["name"] = "Forged"
    payload = json.dumps(plain).encode()
    entry.write_bytes(cache.checksum(payload) + b"\n" + payload)


def give_away(top: Path) -> None:
    """Make everything pushpull created under ``top`` belong to another account."""
    for path in [*top.rglob("*"), top]:
        os.chown(path, NOBODY, NOBODY)


@pytest.mark.parametrize("where", ["HOME", "XDG_CACHE_HOME"])
def test_planted_pickle_in_the_default_location_runs_no_code(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "XDG_CACHE_HOME":
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = (tmp_path / "xdg" if where == "XDG_CACHE_HOME" else home / ".cache") / "pushpull"
    marker = tmp_path / "pwned"
    first = pushpull.load_rulebook()
    plant_pickle(folder, marker)
    assert pushpull.load_rulebook() == first
    assert not marker.exists()


def test_planted_pickle_in_a_shared_world_writable_folder_runs_no_code(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    monkeypatch.setenv("PUSHPULL_CACHE_DIR", str(shared))
    marker = tmp_path / "pwned"
    first = pushpull.load_rulebook()
    plant_pickle(shared, marker)
    for path in shared.rglob("*"):  # as if another user had put them there first
        os.chown(path, NOBODY, NOBODY)
    assert pushpull.load_rulebook() == first
    assert not marker.exists()


def test_a_shared_sticky_folder_gets_a_private_folder_that_still_caches(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[int]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv("PUSHPULL_CACHE_DIR", str(shared))
    first = pushpull.load_rulebook()
    assert pushpull.load_rulebook() == first
    assert len(compiles) == 1
    (private,) = shared.iterdir()
    info = private.stat()
    assert info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) == 0o700


def test_a_cache_folder_another_account_owns_is_ignored(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PUSHPULL_CACHE_DIR", str(folder))
    marker = tmp_path / "pwned"
    first = pushpull.load_rulebook()
    plant_pickle(folder, marker)
    give_away(folder)
    before = sorted(folder.rglob("*"))
    assert pushpull.load_rulebook() == first
    assert not marker.exists()
    assert sorted(folder.rglob("*")) == before  # nor is anything written there


def _chown_entry(folder: Path) -> None:
    for entry in entries(folder):
        os.chown(entry, NOBODY, NOBODY)


def _chmod_entries(mode: int) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        for entry in entries(folder):
            entry.chmod(mode)

    return change


def _chmod_folder(mode: int) -> Callable[[Path], None]:
    return lambda folder: folder.chmod(mode)


NOT_OURS_ALONE = {
    "entry owned by another account": _chown_entry,
    "entry writable by others": _chmod_entries(0o646),
    "entry writable by the group": _chmod_entries(0o660),
    "folder writable by others": _chmod_folder(0o777),
    "folder writable by the group": _chmod_folder(0o770),
}


@pytest.mark.parametrize("content", ["pickle", "forged json"])
@pytest.mark.parametrize("share", NOT_OURS_ALONE.values(), ids=NOT_OURS_ALONE.keys())
def test_an_entry_that_is_not_ours_alone_is_never_used(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    share: Callable[[Path], None],
    content: str,
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PUSHPULL_CACHE_DIR", str(folder))
    marker = tmp_path / "pwned"
    first = pushpull.load_rulebook()
    if content == "pickle":
        plant_pickle(folder, marker)
    else:
        for entry in entries(folder):
            forge(entry)
    share(folder)
    again = pushpull.load_rulebook()
    assert again == first and again.dimensions[0].name != "Forged"
    assert not marker.exists()


def test_a_tampered_entry_is_not_used(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUSHPULL_CACHE_DIR", str(tmp_path / "cache"))
    first = pushpull.load_rulebook()
    name = first.dimensions[0].name.encode()
    forged = b"X" * len(name)  # same length: the entry stays well-formed
    for entry in entries(tmp_path / "cache"):
        entry.write_bytes(entry.read_bytes().replace(name, forged))
    again = pushpull.load_rulebook()
    assert again == first and again.dimensions[0].name.encode() != forged


def test_a_fifo_at_the_entry_name_is_ignored_without_blocking(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUSHPULL_CACHE_DIR", str(tmp_path / "cache"))
    first = pushpull.load_rulebook()
    for entry in entries(tmp_path / "cache"):
        entry.unlink()
        os.mkfifo(entry, 0o600)

    def hung(signum: int, frame: object) -> None:
        raise AssertionError("opening the FIFO blocked")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)  # a guard against hanging the suite, not a time limit on the code
    try:
        assert pushpull.load_rulebook() == first
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_corrupt_entry_just_recompiles_and_is_replaced(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[int]
) -> None:
    monkeypatch.setenv("PUSHPULL_CACHE_DIR", str(tmp_path / "cache"))
    first = pushpull.load_rulebook()
    for entry in entries(tmp_path / "cache"):
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    assert pushpull.load_rulebook() == first
    assert pushpull.load_rulebook() == first
    assert len(compiles) == 2  # the first load and the corrupt one; then the entry is good


def test_a_second_load_reads_the_entry_instead_of_compiling(
    home: Path, compiles: list[int]
) -> None:
    first = pushpull.load_rulebook()
    assert pushpull.load_rulebook() == first
    assert len(compiles) == 1


def test_pushpull_creates_its_folder_0700_and_entries_0600(home: Path) -> None:
    pushpull.load_rulebook()
    folder = home / ".cache" / "pushpull"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for entry in entries(folder):
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_no_cache_means_nothing_is_written(
    home: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[int]
) -> None:
    monkeypatch.setenv("PUSHPULL_NO_CACHE", "1")
    pushpull.load_rulebook()
    pushpull.load_rulebook()
    assert len(compiles) == 2 and not (home / ".cache").exists()


def layered(tmp_path: Path) -> pushpull.Rulebook:
    layer = tmp_path / "acme.yaml"
    layer.write_text(starter_text("acme"), encoding="utf-8")
    return pushpull.load_rulebook(layer, use_cache=False)


@pytest.mark.parametrize("make", [lambda _: pushpull.load_rulebook(use_cache=False), layered])
def test_a_rulebook_survives_plain_data_json_and_pickle(
    tmp_path: Path, make: Callable[[Path], pushpull.Rulebook]
) -> None:
    book = make(tmp_path)
    rebuilt = from_plain(json.loads(json.dumps(to_plain(book))))
    assert rebuilt == book  # equal fields: tuples came back tuples, not lists
    assert pickle.loads(pickle.dumps(rebuilt)) == book  # still ships to worker processes
    assert pushpull.classify("SDR cold email sequence", rebuilt).to_dict() == (
        pushpull.classify("SDR cold email sequence", book).to_dict()
    )


def _imports(module: Path) -> set[str]:
    """The package modules ``module`` imports (``from .x import``, ``from . import x``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [node.module] if node.module else [a.name for a in node.names]
            found.update(f"{name}.py" for name in names)
    return found


def test_the_compiler_fingerprint_covers_every_module_the_compiler_imports() -> None:
    package = Path(cache.__file__).parent
    listed = set(cache._COMPILER_FILES)
    assert all((package / name).is_file() for name in listed)
    seen: set[str] = set()
    todo = {"rulebook.py", "compiled.py"}
    while todo:
        name = todo.pop()
        seen.add(name)
        todo |= _imports(package / name) - seen
    assert seen <= listed, sorted(seen - listed)


DRIVER = """
import json, os, signal, sys, types
import pushpull.cache

reading = sys.argv[1]

def loads(*args, **kwargs):
    open(reading, "w").close()  # proof that the entry was being read
    os.kill(os.getpid(), signal.SIGTERM)
    return json.loads(*args, **kwargs)

pushpull.cache.json = types.SimpleNamespace(loads=loads, dumps=json.dumps)
from pushpull.entry import main
sys.argv = ["pushpull", "classify", "cold email blast", "--format", "json"]
main()
"""


def test_sigterm_while_the_cache_loads_stops_the_run(tmp_path: Path) -> None:
    env = {**os.environ, "PUSHPULL_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PUSHPULL_NO_CACHE", None)
    warm = subprocess.run([*pushpull_exe(), "classify", "x"], env=env, capture_output=True)
    assert warm.returncode == 0, warm.stderr
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    reading = tmp_path / "reading"
    run = subprocess.run(
        [sys.executable, str(driver), str(reading)], env=env, capture_output=True, timeout=60
    )
    assert reading.exists()
    assert run.returncode == 128 + signal.SIGTERM == 143
    assert run.stdout == b""
    assert run.stderr == b"pushpull: error: terminated\n"


@pytest.mark.parametrize("payload", [b'{"name": 1}', b"[]", b"\x80\x03not json", b'"text"'])
def test_an_entry_with_our_digest_but_another_shape_just_recompiles(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, payload: bytes
) -> None:
    monkeypatch.setenv("PUSHPULL_CACHE_DIR", str(tmp_path / "cache"))
    first = pushpull.load_rulebook()
    for entry in entries(tmp_path / "cache"):
        entry.write_bytes(cache.checksum(payload) + b"\n" + payload)
    assert pushpull.load_rulebook() == first
