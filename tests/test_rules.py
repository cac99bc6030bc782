"""Rulebooks as a product: validation with positions, safety, layering, tests, starter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pushpull

from .conftest import run_cli

GOOD_SIGNAL = """
  - id: acme-inmail
    phrases: [inmail sequence]
    effects: {permission: 0.8}
    why: a sequence of messages nobody asked for
"""


def write(tmp_path: Path, text: str, name: str = "acme.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    run = run_cli(["rules", "validate", str(path)])
    assert run.code == 1, run.out + run.err
    assert run.err.strip().endswith("found")
    return run.out.splitlines()


@pytest.mark.parametrize(
    ("body", "line", "col", "fragment"),
    [
        ("name: a\nsignals: [\n", 3, 1, "YAML syntax"),
        ("name: a\nsignal: []\n", 2, 1, "did you mean 'signals'"),
        (
            "name: a\nsignals:\n  - id: x\n    phrases: [p]\n    effects: {permission: 2}\n"
            "    why: w\n",
            5,
            27,
            "between -1 and 1",
        ),
        (
            "name: a\nsignals:\n  - id: x\n    phrases: [p]\n    effects: {permision: 0.5}\n"
            "    why: w\n",
            5,
            15,
            "did you mean 'permission'",
        ),
        (
            "name: a\nsignals:\n  - id: x\n    phrases: p\n    effects: {permission: 1}\n"
            "    why: w\n",
            4,
            14,
            "must be a list",
        ),
        (
            'name: a\nsignals:\n  - id: x\n    phrases: [""]\n    effects: {permission: 1}\n'
            "    why: w\n",
            4,
            15,
            "must not be empty",
        ),
        (
            "name: a\nsignals:\n  - id: cold-call\n    phrases: [zzz]\n"
            "    effects: {permission: 1}\n    why: w\n",
            3,
            9,
            "duplicate signal id 'cold-call'",
        ),
        (
            "name: a\nsignals:\n  - id: x\n    phrases: [cold calling]\n"
            "    effects: {permission: 1}\n    why: w\n",
            4,
            15,
            "never matches",
        ),
        (
            "name: a\nsignals:\n  - id: x\n    phrases: [zz, zz]\n    effects: {permission: 1}\n"
            "    why: w\n",
            4,
            19,
            "listed twice",
        ),
        ("name: a\nexamples:\n  - tactic: t\n    label: outbund\n", 4, 12, "expected one of"),
        (
            "name: a\nexamples:\n  - tactic: t\n    label: inbound\n    fires: [nope]\n",
            5,
            12,
            "unknown signal 'nope'",
        ),
        ("name: a\nnegators: [no]\n", 2, 12, "quote it"),
        ("name: a\nscoring:\n  bands: {outbound: -0.2}\n", 3, 21, "bands must satisfy"),
        (
            "name: a\nsignals:\n  - id: x\n    kind: modifier\n    phrases: [zz]\n"
            "    effects: {permission: 1}\n    why: w\n",
            3,
            9,
            "needs tips",
        ),
    ],
)
def test_each_validation_error_points_at_its_line_and_column(
    tmp_path: Path, body: str, line: int, col: int, fragment: str
) -> None:
    path = write(tmp_path, body)
    found = problems(path)
    wanted = [p for p in found if fragment in p]
    assert wanted, found
    assert wanted[0].startswith(f"{path}:{line}:{col}: "), wanted[0]


def test_validate_reports_every_problem_not_just_the_first(tmp_path: Path) -> None:
    # shape problems are all reported together; references are checked once the shape is right
    body = (
        "name: a\nsignal: []\nsignals:\n  - id: x\n    phrases: [p]\n"
        "    effects: {permission: 5}\n    wy: w\n"
    )
    found = problems(write(tmp_path, body))
    assert len(found) == 4, found  # signal, permission: 5, missing why, unknown key wy
    refs = "name: a\nsignals:\n  - id: x\n    phrases: [cold call]\n    effects: {nope: 1}\n"
    refs += "    why: w\nexamples:\n  - tactic: t\n    label: hybrid\n    fires: [y]\n"
    assert len(problems(write(tmp_path, refs, "refs.yaml"))) == 3


def test_a_valid_layer_passes(tmp_path: Path) -> None:
    run = run_cli(["rules", "validate", str(write(tmp_path, "name: acme\nsignals:" + GOOD_SIGNAL))])
    assert run.code == 0 and run.out.startswith("ok: default+acme")


def test_layers_extend_the_default_in_order_and_override_by_id(tmp_path: Path) -> None:
    first = write(tmp_path, "name: acme\nsignals:" + GOOD_SIGNAL, "acme.yaml")
    second = write(
        tmp_path,
        "name: team\nsignals:"
        + GOOD_SIGNAL.replace("effects: {permission: 0.8}", "effects: {permission: -0.8}").replace(
            "id: acme-inmail", "id: acme-inmail\n    override: true"
        ),
        "team.yaml",
    )
    only_first = pushpull.load_rulebook(first)
    both = pushpull.load_rulebook(first, second)
    assert pushpull.classify("InMail sequences", only_first).label == "outbound"
    assert pushpull.classify("InMail sequences", both).label == "inbound"
    assert [layer["name"] for layer in both.info()["layers"]] == ["default", "acme", "team"]
    assert pushpull.classify("cold calls", both).label == "outbound"  # default still there


def test_no_default_rules_starts_from_the_given_files(tmp_path: Path) -> None:
    base = pushpull.default_rulebook()
    own = tmp_path / "own.yaml"
    own.write_text(
        Path(base.layers[0].path).read_text(encoding="utf-8").replace("name: default", "name: own"),
        encoding="utf-8",
    )
    book = pushpull.load_rulebook(own, default=False)
    assert book.name == "own"
    run = run_cli(
        ["classify", "--no-default-rules", "--rules", str(own), "--format", "json", "cold calls"]
    )
    assert json.loads(run.out)["rulebook"]["name"] == "own"


def test_sha_changes_when_any_layer_changes(tmp_path: Path) -> None:
    path = write(tmp_path, "name: acme\nsignals:" + GOOD_SIGNAL)
    before = pushpull.load_rulebook(path).sha256
    path.write_text(path.read_text() + "# a comment changes the bytes\n")
    after = pushpull.load_rulebook(path).sha256
    assert before != after != pushpull.default_rulebook().sha256


def test_stale_compiled_cache_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUSHPULL_CACHE_DIR", str(tmp_path / "cache"))
    path = write(tmp_path, "name: acme\nsignals:" + GOOD_SIGNAL)
    assert pushpull.classify("inmail sequence", pushpull.load_rulebook(path)).label == "outbound"
    path.write_text(path.read_text().replace("permission: 0.8", "permission: -0.8"))
    assert pushpull.classify("inmail sequence", pushpull.load_rulebook(path)).label == "inbound"
    # a cache entry whose content does not match its key is ignored, not trusted
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(b"not a pickle")
    assert pushpull.classify("inmail sequence", pushpull.load_rulebook(path)).label == "inbound"


def test_rules_test_runs_examples_and_fails_loudly(tmp_path: Path) -> None:
    good = run_cli(["rules", "test"])
    examples = len(pushpull.default_rulebook().examples)
    assert good.code == 0 and good.out.strip().endswith(f"{examples} passed, 0 failed")
    bad = write(
        tmp_path, "name: acme\nexamples:\n  - tactic: webinar series\n    label: outbound\n"
    )
    run = run_cli(["rules", "test", str(bad)])
    assert run.code == 1
    assert "FAIL\toutbound\tinbound" in run.out
    assert f"{bad}:3: 'webinar series': expected outbound, got inbound" in run.err
    assert "evidence: -webinar" in run.err
    wants = write(
        tmp_path,
        "name: acme\nexamples:\n  - tactic: webinar series\n"
        "    label: inbound\n    fires: [webinar, tv]\n"
        "    dimensions: [cost_model]\n",
        "wants.yaml",
    )
    missed = run_cli(["rules", "test", str(wants)])
    assert missed.code == 1
    assert "missing: signal tv, dimension cost_model" in missed.err


def test_starter_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "starter.yaml"
    assert run_cli(["rules", "init", str(path)]).code == 0
    assert path.read_text().startswith("# yaml-language-server: $schema=rulebook.schema.json\n")
    assert run_cli(["rules", "validate", str(path)]).code == 0
    tested = run_cli(["rules", "test", str(path)])
    assert tested.code == 0, tested.err
    assert run_cli(["rules", "init", str(path)]).code == 2  # never clobbers silently
    run = run_cli(["classify", "--rules", str(path), "SDR email sequence"])
    assert "\toutbound\t" in run.out


def test_rules_stats_reports_coverage_conflicts_and_gaps(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(
        "name\npaid social ad\nwebinar series\nquarterly zebra planning\n"
        "zebra offsite\npaid webinar\n",
        encoding="utf-8",
    )
    run = run_cli(["rules", "stats", str(corpus), "--column", "name", "--format", "json"])
    data = json.loads(run.out)
    assert data["rows"] == 5
    by_id = {s["id"]: s for s in data["signals"]}
    assert by_id["paid"]["rows"] == 2 and by_id["paid"]["coverage"] == 0.4
    assert by_id["webinar"]["rows"] == 2
    assert "cold-call" in data["never_fired"]
    assert data["unclassified_top_words"][0]["word"] == "zebra"
    assert sum(s["conflicts"] for s in data["signals"]) >= 1  # "paid webinar" pulls both ways


def test_shape_and_reference_problems_come_out_together(tmp_path: Path) -> None:
    body = (
        "name: a\nname: b\nsignals:\n  - id: x\n    phrases: [p]\n    effects: {nope: 1}\n"
        "    why: w\n  - id: y\n    phrases: q\n"
    )
    path = write(tmp_path, body)
    found = problems(path)
    assert f"{path}:2:1: duplicate key 'name'" in found
    assert f"{path}:9:14: signals[1].phrases must be a list, not 'q'" in found
    assert f"{path}:6:15: signal 'x' refers to unknown dimension 'nope'" in found


def test_deep_nesting_is_refused_not_a_crash(tmp_path: Path) -> None:
    """Refused in one line that names the file; the wording is the YAML library's or ours."""
    path = write(tmp_path, "[" * 50_000 + "\n")
    found = problems(path)
    assert len(found) == 1 and found[0].startswith(f"{path}:1:"), found
    run = run_cli(["classify", "--rules", str(path), "x"])
    assert run.code == 4
    assert run.err.count("\n") == 1 and run.err.startswith(f"pushpull: error: {path}:1:")
    assert "Traceback" not in run.err


BAD_SCALARS = [
    "!!int abc",
    "!!int 1e400",
    "!!int 0xZZ",
    "!!float x",
    "!!float 1e400",
    "!!bool maybe",
    "!!null x",
    "!!binary aGk=",
    "!!set {a}",
    ".nan",
    "-.inf",
    "1" + "0" * 400,
    "1" + "0" * 5000,
]
PLACES = {
    "value": "    effects: {{permission: {}}}\n    phrases: [acme dial]\n",
    "list": "    effects: {{permission: 0.5}}\n    phrases: [acme dial, {}]\n",
    "key": "    effects: {{{}: 0.5}}\n    phrases: [acme dial]\n",
}


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("scalar", BAD_SCALARS)
def test_a_bad_or_non_finite_scalar_is_one_problem_line(
    tmp_path: Path, place: str, scalar: str
) -> None:
    entry = PLACES[place].format(scalar)
    path = write(tmp_path, f"name: acme\nsignals:\n  - id: acme-x\n    why: w\n{entry}")
    line = 5 if place in ("value", "key") else 6
    found = problems(path)
    assert found, found
    here = [p for p in found if p.startswith(f"{path}:{line}:")]
    assert len(here) == 1, found  # said once, where it stands, not echoed as a type error
    run = run_cli(["classify", "--rules", str(path), "--format", "json", "acme dial"])
    assert run.code == 4 and run.out == ""
    assert run.err.count("\n") == 1 and run.err.startswith(f"pushpull: error: {path}:")


def test_a_nan_rulebook_never_reaches_the_output(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "name: acme\nscoring:\n  confidence_scale: .nan\nsignals:\n  - id: acme-x\n"
        "    phrases: [acme dial]\n    effects: {permission: .NaN}\n    why: w\n",
    )
    found = problems(path)
    assert [p.split(": ", 1)[0] for p in found] == [f"{path}:3:21", f"{path}:7:27"], found
    run = run_cli(["classify", "--rules", str(path), "--format", "json", "acme dial"])
    assert run.code == 4 and "NaN" not in run.out


# Each fault: the broken text and its fix, applied in this order, with the same line
# count, so successive fix-and-rerun passes can be compared with the first run.
FAULTS = [
    ("nme: acme", "name: acme"),  # no name: nothing else used to be checked
    ("description: !!python/name:os.system", "description: plain"),  # a tag stopped reading
    ("  negation_window: 0", "  negation_window: 3"),  # a bad number hid the band order
    ("  bands: {outbound: -0.2}", "  bands: {outbound: 0.5}"),
    ("    wy: a call", "    why: a call"),  # a malformed entry hid everything about it
    ("    override: false", "    override: true"),  # ... its duplicate id
    ("    phrases: [rather than, acme dial]", "    phrases: [acme calling, acme dial]"),
    ("    effects: {nope: 0.5}", "    effects: {permission: 0.5}"),  # ... its references
    ("    kind: modifier", "    kind: term"),  # ... a modifier without tips
    ("seed: nowhere.txt", "seed: 001_0fedc08cd23ffb98.txt"),  # ... its source
    ("    effects: {permission: .nan}", "    effects: {permission: 0.4}"),
    ("    why: !!int x", "    # why: repeated"),  # a repeated key's value was never read
    ("    label: outbund", "    label: outbound"),
]
MANY_PROBLEMS = """nme: acme
description: !!python/name:os.system
scoring:
  bands: {outbound: -0.2}
  negation_window: 0
signals:
  - id: cold-call
    kind: modifier
    override: false
    phrases: [rather than, acme dial]
    effects: {nope: 0.5}
    wy: a call
    source: {seed: nowhere.txt, passage: somewhere}
  - id: acme-ok
    phrases: [acme ok]
    effects: {permission: .nan}
    why: fine
    why: !!int x
examples:
  - tactic: acme ok
    label: outbund
    fires: [acme-ok]
"""


def test_one_run_reports_what_fix_and_rerun_would_find(tmp_path: Path) -> None:
    text = MANY_PROBLEMS
    path = tmp_path / "many.yaml"
    passes: list[list[str]] = []
    for broken, fixed in [*FAULTS, ("", "")]:
        path.write_text(text, encoding="utf-8")
        run = run_cli(["rules", "validate", str(path)])
        passes.append(run.out.splitlines())
        assert broken in text
        text = text.replace(broken, fixed, 1)
    assert run.code == 0, passes[-1]
    passes.pop()  # "ok: ..."
    first = passes[0]
    assert set().union(*passes) == set(first), set().union(*passes) - set(first)
    assert len(first) >= len(FAULTS), first
    # nothing false either: the malformed signals are known, so nothing is "unknown"
    assert not [p for p in first if "unknown signal" in p], first


def test_problems_in_several_files_come_out_together(tmp_path: Path) -> None:
    bad_bytes = tmp_path / "latin1.yaml"
    bad_bytes.write_bytes(b"name: caf\xe9\n")
    syntax = write(tmp_path, "name: a\nsignals: [\n", "syntax.yaml")
    shape = write(tmp_path, "name: b\nsignal: []\n", "shape.yaml")
    run = run_cli(["rules", "validate", str(bad_bytes), str(syntax), str(shape)])
    files = {line.split(":", 1)[0] for line in run.out.splitlines()}
    assert files == {str(bad_bytes), str(syntax), str(shape)}, run.out


def test_sources_must_name_a_listed_document(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "name: acme\nsignals:\n  - id: acme-x\n    phrases: [acme dial]\n"
        "    effects: {permission: 0.5}\n    why: w\n"
        "    source: {seed: 00l_0fedc08cd23ffb98.txt, passage: Permission}\n",
    )
    found = problems(path)
    assert len(found) == 1 and found[0].startswith(f"{path}:7:20: "), found
    assert "'001_0fedc08cd23ffb98.txt'" in found[0]  # the likely meant one


def test_citations_show_document_titles(tmp_path: Path) -> None:
    url = "https://acme.example/playbook"
    path = write(
        tmp_path,
        f"name: acme\ndocuments:\n  {url}: Acme sales playbook\nsignals:\n"
        "  - id: acme-x\n    phrases: [acme dial]\n    effects: {permission: 0.5}\n"
        f"    why: w\n    source: {{seed: '{url}', passage: Cold calls}}\n",
    )
    book = pushpull.load_rulebook(path)
    assert book.signals[-1].source is not None
    assert book.signals[-1].source.cite() == "Acme sales playbook — Cold calls"
    for dim in book.dimensions:
        assert dim.source.title and dim.source.cite().startswith(dim.source.title + " — ")
    shown = json.loads(run_cli(["rules", "show", "--format", "json"]).out)
    assert all(d["source"]["title"] for d in shown["dimensions"])


def test_a_document_keeps_one_title(tmp_path: Path) -> None:
    path = write(tmp_path, "name: acme\ndocuments:\n  001_0fedc08cd23ffb98.txt: Something else\n")
    found = problems(path)
    assert len(found) == 1 and found[0].startswith(f"{path}:3:3: "), found


def test_starter_points_at_a_schema_beside_it(tmp_path: Path) -> None:
    from pushpull import rulebook

    text = rulebook.starter_text("acme.yaml")
    assert text.startswith("# yaml-language-server: $schema=rulebook.schema.json\n")
    assert str(Path.home()) not in text and "file://" not in text
    schema = json.loads(rulebook.schema_text())
    assert "documents" in schema["properties"]


def test_a_bad_title_does_not_hide_the_other_documents(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "name: acme\ndocuments:\n  a.txt: A\n  b.txt: ''\nsignals:\n  - id: acme-x\n"
        "    phrases: [acme dial]\n    effects: {permission: 0.5}\n    why: w\n"
        "    source: {seed: a.txt, passage: P}\n",
    )
    found = problems(path)
    assert len(found) == 1 and found[0].startswith(f"{path}:4:10: "), found
