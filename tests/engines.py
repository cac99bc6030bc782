"""What the Spark and Dask tests share: the tactics they score, a rules layer of their
own, and the rule that decides whether a missing engine skips or fails them."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest

# Varied tactics as a campaign export has them: known channels, hybrids, other
# languages, campaign-name casing, words only the test layer knows, and blanks.
TACTICS: list[str | None] = [
    "cold DM campaign",
    "webinar series",
    "SEO blog post",
    "trade show booth",
    "social post",
    "LinkedIn post",
    "Instagram reel",
    "paid search ads",
    "referral program",
    "direct mail postcard",
    None,
    "",
    "   ",
    "podcast guest appearance",
    "TV spot",
    "newsletter opt-in",
    "cold call blitz",
    "free trial signup",
    "retargeting display banner",
    "Q3 EMEA kickoff",
    "zorblax launch",
    "Zorblax Q4 push",
    "billboard on the highway",
    "case study download",
    "sponsored influencer video",
    "no cold email",
    "SpringPromoEmailBlast",
    "Événement café — salon professionnel",
    "Kaltakquise per Telefon",
    "🚀 launch cold email",
    None,
    "community forum",
    "SMS promo blast",
    "product demo request",
    "ebook download",
    "",
    "outbound SDR sequence",
    "organic instagram content",
    "radio ad",
    "whitepaper",
]

RULES = """\
name: test-rules
version: "1"
signals:
  - id: test-zorblax
    phrases: [zorblax]
    effects: {core_action: 0.9, permission: 0.8}
    why: a made-up word that only this layer knows
"""

CONTEXT = "paid ad"


def rules_file(folder: Path) -> Path:
    """The test layer written to ``folder``."""
    path = folder / "test-rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def engine_or_skip(*modules: str, java: bool = False) -> None:
    """Skip the calling test module when an engine (or Java, for Spark) is missing,
    unless PUSHPULL_REQUIRE_CLUSTER=1 says this run must test them (CI installs them):
    then it fails, so a broken install cannot pass as a skipped module."""
    missing = []
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as err:  # not installed, or installed but broken: say which
            missing.append(f"{module} ({err})")
    if java and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        missing.append("a Java runtime")
    if not missing:
        return
    why = f"needs {', '.join(missing)}"
    if os.environ.get("PUSHPULL_REQUIRE_CLUSTER") == "1":
        pytest.fail(f"PUSHPULL_REQUIRE_CLUSTER=1 but this run {why}", pytrace=False)
    pytest.skip(why, allow_module_level=True)
