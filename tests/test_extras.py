"""The Spark and Dask integrations are optional: ``import pushpull`` loads neither engine,
and a missing one is named with the extra that installs it. These run with or
without the engines installed (a fresh interpreter each, so nothing is preloaded)."""

from __future__ import annotations

import subprocess
import sys

import pytest

ENGINES = ("pyspark", "py4j", "dask", "distributed", "pandas", "pyarrow")


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_import_pushpull_loads_no_engine() -> None:
    done = run_python(
        "import sys, pushpull\n"
        "pushpull.classify('cold DM campaign')\n"
        "list(pushpull.classify_many(['webinar', None]))\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "pushpull" in loaded
    assert loaded.isdisjoint(ENGINES)


@pytest.mark.parametrize(("extra", "engine"), [("spark", "pyspark"), ("dask", "dask")])
def test_a_missing_engine_names_its_extra(extra: str, engine: str) -> None:
    # None in sys.modules makes ``import engine`` fail as if it were not installed
    done = run_python(
        f"import sys; sys.modules[{engine!r}] = None\n"
        f"import pushpull.{extra}\n"
        f"pushpull.{extra}.classify_column(None, 'Campaign')"
    )
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last == (
        f"ImportError: pushpull.{extra} needs {engine}: pip install 'pushpull[{extra}]'"
    )
