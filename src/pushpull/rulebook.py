"""Load rulebook layers, validate them, and compile them into a ``Rulebook``.

A rulebook is the default file plus any extension layers, in order. Validation
collects every problem (schema, references, duplicates, shadowed phrases) with the
line and column of the YAML node, so an author fixes them all in one pass.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from .errors import InputError, Problem, RulebookError
from .index import NEGATOR, Trie, build_index
from .model import Dimension, Example, Layer, Rulebook, Scoring, Signal, Source
from .shipped import rules_dir
from .textnorm import WORD, phrase_stems, stem

if TYPE_CHECKING:
    from .yamlsafe import Located, Path

DEFAULT_RULES = "default.yaml"
MAX_FILE_BYTES = 2_000_000
_SCORING_KEYS = {
    "outbound": ("bands", "outbound"),
    "leaning_outbound": ("bands", "leaning-outbound"),
    "leaning_inbound": ("bands", "leaning-inbound"),
    "inbound": ("bands", "inbound"),
    "hybrid_minority_share": ("hybrid_minority_share",),
    "confidence_scale": ("confidence_scale",),
    "negation_window": ("negation_window",),
    "negation_factor": ("negation_factor",),
    "negation_factor_inbound": ("negation_factor_inbound",),
    "modifier_window": ("modifier_window",),
}


@dataclass(frozen=True)
class LayerText:
    """A rulebook file's text and where it came from, before parsing."""

    path: str
    text: str
    sha256: str


def default_rules_path() -> str:
    """Where the installed default rulebook lives."""
    return str(rules_dir() / DEFAULT_RULES)


def starter_text(name: str) -> str:
    """The commented starter extension, pointing editors at the shipped JSON Schema."""
    rules = rules_dir()
    schema_uri = (rules / "rulebook.schema.json").resolve().as_uri()
    text = (rules / "starter.yaml").read_text("utf-8")
    return text.replace("{schema}", schema_uri).replace("{name}", name)


def read_layer(path: str | FsPath) -> LayerText:
    """Read one rulebook file; unreadable or non-UTF-8 files are user errors."""
    name = str(path)
    try:
        with open(path, "rb") as handle:  # read at most one byte past the limit
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read rulebook {name}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1_000_000
        raise RulebookError([Problem(name, 1, 1, f"file is larger than {limit} MB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RulebookError([Problem(name, line, 1, "file is not UTF-8 text")]) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise RulebookError([Problem(name, line, 1, "file contains a NUL byte")])
    return LayerText(name, text, hashlib.sha256(data).hexdigest())


def layer_sources(paths: list[str] | tuple[str, ...] = (), default: bool = True) -> list[LayerText]:
    """The files of a rulebook, default first, in the order they layer."""
    chosen = ([default_rules_path()] if default else []) + [str(p) for p in paths]
    if not chosen:
        message = "no rulebook: give --rules or keep the default"
        raise RulebookError([Problem("<rules>", 1, 1, message)])
    return [read_layer(p) for p in chosen]


def combined_sha256(sources: list[LayerText]) -> str:
    """One digest over every layer, so a change in any layer changes it."""
    return hashlib.sha256("\n".join(s.sha256 for s in sources).encode()).hexdigest()


def compile_layers(sources: list[LayerText]) -> Rulebook:
    """Parse, validate, merge and index the layers; raise with every problem found."""
    from . import yamlsafe  # YAML is only needed when the compiled cache misses

    builder = _Builder()
    for src in sources:
        try:
            builder.add(src, yamlsafe.load(src.text, src.path))
        except RulebookError as exc:
            builder.problems.extend(exc.problems)
    return builder.finish(combined_sha256(sources))


@dataclass
class _Builder:
    """Folds layers together in order, remembering where each entry came from so
    every later problem can point at its file, line and column."""

    problems: list[Problem] = field(default_factory=list)
    layers: list[Layer] = field(default_factory=list)
    scoring: dict[str, tuple[Any, Problem]] = field(default_factory=dict)
    dimensions: dict[str, tuple[Dimension, Problem]] = field(default_factory=dict)
    signals: dict[str, tuple[Signal, Problem, Located, Path]] = field(default_factory=dict)
    negators: dict[tuple[str, ...], tuple[str, Problem]] = field(default_factory=dict)
    examples: list[tuple[Example, Located, Path]] = field(default_factory=list)

    def add(self, src: LayerText, doc: Located) -> None:
        """Check one layer and fold in every entry whose own shape is right.

        A malformed entry is reported and left out; the well-formed ones are still
        checked against the rest (ids, references, shadowing), so one pass shows
        an author as many problems as can be found.
        """
        from . import schema

        self.problems.extend(doc.problems)
        found = schema.validate(doc.value)
        self.problems.extend(doc.problem(p, msg, at_key=k) for p, msg, k in found)
        broken = [p for p, _, _ in found]

        def sound(*path: str | int) -> bool:
            return not any(p[: len(path)] == path for p in broken)

        if not isinstance(doc.value, dict) or () in broken:
            return  # not a rulebook at all, or no name: nothing more can be said
        data: dict[str, Any] = doc.value
        name = data["name"]
        self.layers.append(Layer(name, str(data.get("version", "0")), src.path, src.sha256))
        if sound("scoring"):
            for key, (*parent, leaf) in _SCORING_KEYS.items():
                node: Any = data.get("scoring", {})
                for part in parent:
                    node = node.get(part, {})
                if leaf in node:
                    self.scoring[key] = (node[leaf], doc.problem(("scoring", *parent, leaf), ""))
        for i, raw in _entries(data, "dimensions", sound):
            self._add_dimension(raw, doc, ("dimensions", i))
        for i, phrase in _entries(data, "negators", sound):
            stems = phrase_stems(phrase)
            here = doc.problem(("negators", i), "")
            if not stems:
                self._report(here, f"negator {phrase!r} has no words")
            self.negators.setdefault(stems, (phrase, here))
        for i, raw in _entries(data, "signals", sound):
            self._add_signal(raw, doc, ("signals", i), name)
        for i, raw in _entries(data, "examples", sound):
            here = doc.problem(("examples", i), "")
            example = Example(
                raw["tactic"],
                raw["label"],
                tuple(raw.get("fires", [])),
                f"{here.file}:{here.line}",
                tuple(raw.get("dimensions", [])),
            )
            self.examples.append((example, doc, ("examples", i)))

    def _report(self, at: Problem, message: str) -> None:
        self.problems.append(Problem(at.file, at.line, at.column, message))

    def _add_dimension(self, raw: dict[str, Any], doc: Located, path: Path) -> None:
        here = doc.problem((*path, "id"), "")
        advice = raw.get("advice", {})
        dim = Dimension(
            raw["id"],
            raw["name"],
            raw["inbound"],
            raw["outbound"],
            float(raw["weight"]),
            Source(**raw["source"]),
            advice.get("inbound", ""),
            advice.get("outbound", ""),
        )
        if self._may_define("dimension", dim.id, self.dimensions, raw, here):
            self.dimensions[dim.id] = (dim, here)

    def _add_signal(self, raw: dict[str, Any], doc: Located, path: Path, layer: str) -> None:
        here = doc.problem((*path, "id"), "")
        kind = raw.get("kind", "term")
        tips = {"outbound": 1, "inbound": -1}.get(raw.get("tips", ""), 0)
        if kind == "modifier" and not tips:
            self._report(here, f"modifier {raw['id']!r} needs tips: inbound or outbound")
        if kind != "modifier" and tips:
            self._report(
                doc.problem((*path, "tips"), ""),
                f"tips is only for modifiers; {raw['id']!r} is a {kind}",
            )
        if kind == "channel":
            for dim_id, value in raw["effects"].items():
                if value <= 0:
                    self._report(
                        doc.problem((*path, "effects", dim_id), ""),
                        f"channel effects are magnitudes; {dim_id} must be above 0",
                    )
        source = Source(**raw["source"]) if "source" in raw else None
        effects = tuple((d, float(v)) for d, v in raw["effects"].items())
        sig = Signal(
            raw["id"], kind, tuple(raw["phrases"]), effects, tips, raw["why"], source, layer
        )
        if self._may_define("signal", sig.id, self.signals, raw, here):
            self.signals[sig.id] = (sig, here, doc, path)

    def _may_define(
        self, what: str, item_id: str, known: dict[str, Any], raw: dict[str, Any], here: Problem
    ) -> bool:
        """Whether an entry may take its id: new, or an explicit override of an earlier one."""
        if item_id in known and not raw.get("override"):
            first = known[item_id][1]
            self._report(
                here,
                f"duplicate {what} id {item_id!r} (first at {first.file}:"
                f"{first.line}); set override: true to replace it",
            )
            return False
        if raw.get("override") and item_id not in known:
            self._report(here, f"override: true but no earlier layer defines {what} {item_id!r}")
        return True

    def finish(self, sha256: str) -> Rulebook:
        """Check what needs all layers at once, then freeze and index the result."""
        scoring = self._scoring()
        index = self._index()
        self._check_references()
        if not self.dimensions and not self.problems:
            self.problems.append(
                Problem(
                    self.layers[0].path if self.layers else "<rules>",
                    1,
                    1,
                    "the rulebook defines no dimensions",
                )
            )
        if self.problems or scoring is None:
            raise RulebookError(self.problems)
        dimensions = tuple(d for d, _ in self.dimensions.values())
        signals = tuple(s for s, *_ in self.signals.values())
        position = {d.id: i for i, d in enumerate(dimensions)}
        return Rulebook(
            layers=tuple(self.layers),
            sha256=sha256,
            dimensions=dimensions,
            signals=signals,
            negators=tuple(p for p, _ in self.negators.values()),
            scoring=scoring,
            examples=tuple(e for e, *_ in self.examples),
            index=index,
            effect_index=tuple(tuple((position[d], v) for d, v in s.effects) for s in signals),
            signal_poles=tuple(_poles(s, dimensions, position) for s in signals),
            signal_nets=tuple(sum(v for _, v in s.effects) for s in signals),
            dimension_weights=tuple(d.weight for d in dimensions),
        )

    def _scoring(self) -> Scoring | None:
        """The merged scoring numbers; every key must be set by some layer."""
        missing = [key for key in _SCORING_KEYS if key not in self.scoring]
        if missing:
            where = self.layers[0].path if self.layers else "<rules>"
            names = ", ".join("scoring." + ".".join(_SCORING_KEYS[k]) for k in missing)
            self.problems.append(Problem(where, 1, 1, f"no layer sets {names}"))
            return None
        values = {key: value for key, (value, _) in self.scoring.items()}
        result = Scoring(**values)
        edges = [result.inbound, result.leaning_inbound, result.leaning_outbound, result.outbound]
        if not (edges[0] <= edges[1] < 0 < edges[2] <= edges[3]):
            at = self.scoring["outbound"][1]
            self._report(
                at,
                "bands must satisfy inbound <= leaning-inbound < 0 < "
                f"leaning-outbound <= outbound; got {edges}",
            )
        return result

    def _index(self) -> Trie:
        """Map first stems to phrases; report phrases another signal already owns.

        Inflections of one phrase in the same signal are harmless; the same words
        in two signals mean one of them can never fire, which an author must see.
        """
        owner: dict[tuple[str, ...], tuple[int, str, Problem]] = {}

        def register(stems: tuple[str, ...], target: int, label: str, at: Problem) -> None:
            if stems in owner:
                other, other_label, where = owner[stems]
                if other != target:
                    self._report(
                        at,
                        f"{label} never matches: after normalisation it is the same "
                        f"words as {other_label} ({where.file}:{where.line})",
                    )
                return
            owner[stems] = (target, label, at)

        for stems, (phrase, at) in self.negators.items():
            if stems:
                register(stems, NEGATOR, f"negator {phrase!r}", at)
        for number, (sig, _, doc, path) in enumerate(self.signals.values()):
            seen: set[str] = set()
            for i, phrase in enumerate(sig.phrases):
                at = doc.problem((*path, "phrases", i), "")
                stems = phrase_stems(phrase)
                if phrase.lower() in seen:
                    self._report(at, f"phrase {phrase!r} is listed twice in signal {sig.id!r}")
                seen.add(phrase.lower())
                if not stems:
                    self._report(at, f"phrase {phrase!r} of signal {sig.id!r} has no words")
                    continue
                register(stems, number, f"phrase {phrase!r} of signal {sig.id!r}", at)
                if len(stems) > 1:  # "e-book" also matches "ebook", "cold-call" "coldcall"
                    joined = (stem("".join(w.group().lower() for w in WORD.finditer(phrase))),)
                    owner.setdefault(joined, (number, phrase, at))
        return build_index((stems, target) for stems, (target, _, _) in owner.items())

    def _check_references(self) -> None:
        """Effects name known dimensions; examples name known signals."""
        known = set(self.dimensions)
        for sig, _, doc, path in self.signals.values():
            for dim_id, _value in sig.effects:
                if dim_id not in known:
                    self.problems.append(
                        doc.problem(
                            (*path, "effects", dim_id),
                            f"signal {sig.id!r} refers to unknown dimension {dim_id!r}"
                            + _did_you_mean(dim_id, known),
                            at_key=True,
                        )
                    )
        for example, doc, path in self.examples:
            for dim_id in example.dimensions:
                if dim_id not in known:
                    self.problems.append(
                        doc.problem(
                            (*path, "dimensions"),
                            f"example {example.tactic!r} expects unknown dimension {dim_id!r}"
                            + _did_you_mean(dim_id, known),
                        )
                    )
            for sig_id in example.fires:
                if sig_id not in self.signals:
                    self.problems.append(
                        doc.problem(
                            (*path, "fires"),
                            f"example {example.tactic!r} expects unknown signal "
                            f"{sig_id!r}" + _did_you_mean(sig_id, set(self.signals)),
                        )
                    )


def _entries(
    data: dict[str, Any], section: str, sound: Callable[..., bool]
) -> list[tuple[int, Any]]:
    """The well-formed entries of a list section, with their positions."""
    entries = data.get(section, [])
    if not isinstance(entries, list):
        return []  # the section itself has the wrong type; that is already reported
    return [(i, raw) for i, raw in enumerate(entries) if sound(section, i)]


def _poles(
    sig: Signal, dims: tuple[Dimension, ...], position: dict[str, int]
) -> tuple[float, float, float]:
    """A signal's weighted outbound and inbound strength, and its total."""
    weighted = [dims[position[d]].weight * v for d, v in sig.effects]
    out = sum(w for w in weighted if w > 0)
    inward = -sum(w for w in weighted if w < 0)
    return out, inward, sum(abs(w) for w in weighted)


def _did_you_mean(word: str, choices: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
