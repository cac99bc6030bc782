"""Fold rulebook layers together and collect every problem in one pass.

An author should fix a rulebook in one round, so nothing hides behind anything
else: a malformed entry is still checked field by field (its id still counts for
duplicates and references, its phrases still count for collisions), a repeated
key's value is still checked for shape, and what needs every layer (scoring,
references, sources, phrase collisions) is checked with whatever is known. Only
a layer that is not YAML at all stops what can be said about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .errors import Problem, RulebookError
from .model import DIRECTIONLESS, PARTY_SIDES, Dimension, Example, Layer, Scoring, Signal, Source
from .phrase_table import Phrase, PhraseTable
from .rulebook_scoring import merge_scoring, read_scoring
from .rulebook_view import MISSING, View
from .textnorm import fold, phrase_stems, phrase_words, split

if TYPE_CHECKING:
    from .rulebook_read import LayerText
    from .yamlsafe import Located, Path


@dataclass(frozen=True)
class Checked:
    """Every layer folded into one, with no problem left: what the compiler needs."""

    layers: tuple[Layer, ...]
    documents: dict[str, str]
    scoring: Scoring
    dimensions: tuple[Dimension, ...]
    signals: tuple[Signal, ...]
    negators: tuple[str, ...]
    examples: tuple[Example, ...]
    phrases: tuple[tuple[tuple[str, ...], int], ...]  # (stems, signal position or NEGATOR)
    abbreviations: dict[str, str]  # folded abbreviation -> its words; later layers win
    parties: dict[str, int]  # folded word -> PARTY_SIDES value; later layers win
    joiners: tuple[str, ...]  # folded words that join two tactics in one description
    venues: tuple[str, ...]  # folded words naming where a pushing finding runs


@dataclass
class Checker:
    """Folds layers in order, remembering where each entry stood."""

    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every layer's path, in order
    layers: list[Layer] = field(default_factory=list)
    unparsed: bool = False  # a layer was not YAML: what it defines is unknown
    documents: dict[str, tuple[str, Problem]] = field(default_factory=dict)
    scoring: dict[str, tuple[Any, Problem]] = field(default_factory=dict)
    dimension_ids: dict[str, Problem] = field(default_factory=dict)
    dimensions: dict[str, Dimension | None] = field(default_factory=dict)
    dimension_entries: int = 0
    signal_ids: dict[str, Problem] = field(default_factory=dict)
    signals: dict[str, tuple[Signal | None, list[Phrase]]] = field(default_factory=dict)
    left_out: list[tuple[str, list[Phrase]]] = field(default_factory=list)
    added: list[tuple[str, list[Phrase], Problem]] = field(default_factory=list)  # phrases:
    negators: dict[tuple[str, ...], tuple[str, Problem]] = field(default_factory=dict)
    examples: list[Example | None] = field(default_factory=list)
    references: list[tuple[str, str, str, Problem]] = field(default_factory=list)
    seeds: list[tuple[str, Problem]] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)
    parties: dict[str, int] = field(default_factory=dict)
    joiners: dict[str, None] = field(default_factory=dict)
    venues: dict[str, None] = field(default_factory=dict)

    def report(self, at: Problem, message: str) -> None:
        self.problems.append(Problem(at.file, at.line, at.column, message))

    def add(self, src: LayerText, doc: Located | None) -> None:
        """Check one layer (None: it could not be parsed) and fold in what it defines."""
        if doc is None:
            self.unparsed = True
            return
        from . import schema

        self.problems.extend(doc.problems)
        view = View(doc, [])
        for part in (doc, *doc.shadowed):
            for path, message, key in schema.validate(part.value, part.root):
                if not part.unread(path):  # an unreadable value is reported already
                    self.problems.append(part.problem(path, message, at_key=key))
                    if part is doc:
                        view.broken.append(path)
        if not isinstance(doc.value, dict):
            return  # not a mapping: nothing more can be said
        name = view.get(("name",))
        version = view.get(("version",))
        self.layers.append(
            Layer(
                name if name is not MISSING else "?",
                version if version is not MISSING else "0",
                src.path,
                src.sha256,
            )
        )
        self._documents(view)
        self.scoring.update(read_scoring(view))
        for i in view.indices("dimensions"):
            self._dimension(view, ("dimensions", i))
        for i in view.indices("negators"):
            phrase = view.get(("negators", i))
            if phrase is MISSING:
                continue
            stems, here = phrase_stems(phrase), view.at("negators", i)
            if not stems:
                self.report(here, f"negator {phrase!r} has no words")
            else:
                self.negators.setdefault(stems, (phrase, here))
        self._abbreviations(view)
        self._word_lists(view)
        for i in view.indices("signals"):
            self._signal(view, ("signals", i), self.layers[-1].name)
        self._added_phrases(view)
        for i in view.indices("examples"):
            self._example(view, ("examples", i))

    def _documents(self, view: View) -> None:
        docs = view.raw("documents")
        for doc_name in docs if isinstance(docs, dict) else {}:
            title = view.get(("documents", doc_name))
            here = view.at("documents", doc_name, key=True)
            first = self.documents.get(doc_name)
            if title is MISSING:
                continue
            if first is not None and first[0] != title:
                self.report(
                    here,
                    f"document {doc_name!r} already has the title {first[0]!r} "
                    f"({first[1].file}:{first[1].line})",
                )
            self.documents.setdefault(doc_name, (title, here))

    def _abbreviations(self, view: View) -> None:
        """An abbreviation is one word and reads as words; a later layer may redefine it."""
        table = view.raw("abbreviations")
        for short in table if isinstance(table, dict) else {}:
            words = view.get(("abbreviations", short))
            here = view.at("abbreviations", short, key=True)
            if words is MISSING:
                continue
            if len(phrase_words(short)) != 1:
                self.report(here, f"abbreviation {short!r} must be one word")
            elif not phrase_words(words):
                self.report(here, f"abbreviation {short!r} expands to no words")
            else:
                self.abbreviations[fold(short)] = words

    def _word_lists(self, view: View) -> None:
        """The single-word lists: parties (kept as written: a stem would make "prospect"
        the person and "prospecting" the seller's activity one word), joiners, venues."""
        for side, value in PARTY_SIDES.items():
            for word in self._words(view, ("parties", side), "party"):
                self.parties[word] = value
        for word in self._words(view, ("joiners",), "joiner"):
            self.joiners[word] = None
        for word in self._words(view, ("venues",), "venue"):
            self.venues[word] = None

    def _words(self, view: View, path: Path, what: str) -> list[str]:
        """The folded words of a list of single words (or marks such as "+")."""
        found = []
        for i in view.indices(*path):
            word = view.get((*path, i))
            if word is MISSING:
                continue
            if len(split(word)[0]) != 1:
                self.report(view.at(*path, i), f"{what} {word!r} must be one word")
            else:
                found.append(fold(word))
        return found

    def _source(self, view: View, path: Path) -> Source | None:
        seed, passage = view.get((*path, "seed")), view.get((*path, "passage"))
        if seed is not MISSING:
            self.seeds.append((seed, view.at(*path, "seed")))
        if seed is MISSING or passage is MISSING:
            return None
        return Source(seed, passage)

    def _claim(
        self, what: str, known: dict[str, Problem], item_id: str, view: View, path: Path
    ) -> bool:
        """Whether an entry may take its id: new, or an explicit override of an earlier one."""
        here = view.at(*path, "id")
        override = view.get((*path, "override")) is True
        if item_id in known and not override:
            first = known[item_id]
            self.report(
                here,
                f"duplicate {what} id {item_id!r} (first at {first.file}:{first.line}); "
                "set override: true to replace it",
            )
            return False
        if override and item_id not in known:
            self.report(here, f"override: true but no earlier layer defines {what} {item_id!r}")
        known.setdefault(item_id, here)
        return True

    def _dimension(self, view: View, path: Path) -> None:
        self.dimension_entries += 1
        source = self._source(view, (*path, "source"))
        dim_id = view.get((*path, "id"))
        if dim_id is MISSING or not self._claim(
            "dimension", self.dimension_ids, dim_id, view, path
        ):
            return
        self.dimensions[dim_id] = None
        if view.ok(*path) and source is not None:
            raw = view.get(path)
            advice = raw.get("advice", {})
            self.dimensions[dim_id] = Dimension(
                dim_id,
                raw["name"],
                raw["inbound"],
                raw["outbound"],
                float(raw["weight"]),
                source,
                advice.get("inbound", ""),
                advice.get("outbound", ""),
            )

    def _signal(self, view: View, path: Path, layer: str) -> None:
        sig_id = view.get((*path, "id"))
        kind = view.get((*path, "kind"))
        kind = "term" if kind is MISSING and view.ok(*path, "kind") else kind
        tips_word = view.get((*path, "tips"))
        tips = {"outbound": 1, "inbound": -1}.get(tips_word, 0)
        label = repr(sig_id) if sig_id is not MISSING else f"signals[{path[1]}]"
        if kind == "modifier" and tips_word is MISSING and view.ok(*path, "tips"):
            self.report(view.at(*path, "id"), f"modifier {label} needs tips: inbound or outbound")
        if kind in ("term", *DIRECTIONLESS) and tips:
            self.report(view.at(*path, "tips"), f"tips is only for modifiers; {label} is a {kind}")
        alone = view.get((*path, "alone")) is not False
        if kind != "modifier" and not alone:
            self.report(
                view.at(*path, "alone"), f"alone is only for modifiers; {label} is a {kind}"
            )
        effects = view.raw(*path, "effects")
        for dim_id in effects if isinstance(effects, dict) else {}:
            value = view.get((*path, "effects", dim_id))
            where = view.at(*path, "effects", dim_id)
            if kind in DIRECTIONLESS and value is not MISSING and value <= 0:
                self.report(where, f"channel effects are magnitudes; {dim_id} must be above 0")
            where = view.at(*path, "effects", dim_id, key=True)
            self.references.append(("dimension", f"signal {label} refers to", dim_id, where))
        phrases = self._phrases(view, (*path, "phrases"), label)
        source = self._source(view, (*path, "source"))
        key = sig_id if sig_id is not MISSING else f"<{view.doc.file}:{path}>"
        if sig_id is not MISSING and not self._claim("signal", self.signal_ids, sig_id, view, path):
            self.left_out.append((sig_id, phrases))
            return
        sig = None
        if view.ok(*path):
            raw = view.get(path)
            pairs = tuple((d, float(v)) for d, v in raw["effects"].items())
            sig = Signal(
                sig_id, kind, tuple(raw["phrases"]), pairs, tips, raw["why"], source, layer, alone
            )
        self.signals[key] = (sig, phrases)

    def _added_phrases(self, view: View) -> None:
        """A layer's ``phrases:`` section: more words for signals a layer defines.

        Whether each signal exists is known only once every layer is in, so the
        entries wait for ``finish``.
        """
        table = view.raw("phrases")
        for sig_id in table if isinstance(table, dict) else {}:
            phrases = self._phrases(view, ("phrases", sig_id), repr(sig_id))
            self.added.append((sig_id, phrases, view.at("phrases", sig_id, key=True)))

    def _phrases(self, view: View, path: Path, label: str) -> list[Phrase]:
        """The well-formed phrases of the list at ``path`` with their stems; a phrase
        listed twice or without words is reported here."""
        found: list[Phrase] = []
        seen: set[str] = set()
        for i in view.indices(*path):
            phrase = view.get((*path, i))
            if phrase is MISSING:
                continue
            at = view.at(*path, i)
            if fold(phrase) in seen:
                self.report(at, f"phrase {phrase!r} is listed twice in signal {label}")
                continue
            seen.add(fold(phrase))
            stems = phrase_stems(phrase)
            if not stems:
                self.report(at, f"phrase {phrase!r} of signal {label} has no words")
                continue
            found.append((phrase, stems, at))
        return found

    def _example(self, view: View, path: Path) -> None:
        tactic = view.get((*path, "tactic"))
        label = repr(tactic) if tactic is not MISSING else f"examples[{path[1]}]"
        for section, what in (("fires", "signal"), ("dimensions", "dimension")):
            for i in view.indices(*path, section):
                item = view.get((*path, section, i))
                if item is not MISSING:
                    at = view.at(*path, section)
                    self.references.append((what, f"example {label} expects", item, at))
        self._source(view, (*path, "source"))
        if not view.ok(*path):
            self.examples.append(None)
            return
        raw = view.get(path)
        here = view.at(*path)
        self.examples.append(
            Example(
                raw["tactic"],
                raw["label"],
                tuple(raw.get("fires", [])),
                f"{here.file}:{here.line}",
                tuple(raw.get("dimensions", [])),
            )
        )

    def finish(self) -> Checked:
        """Check what needs every layer at once; raise with every problem found."""
        where = self.layers[0].path if self.layers else "<rules>"
        scoring = merge_scoring(self.scoring, self.report, where, report_missing=not self.unparsed)
        table = PhraseTable(self.report)
        for stems, (phrase, at) in self.negators.items():
            table.add_negator(stems, phrase, at)
        for number, (key, (_, phrases)) in enumerate(self.signals.items()):
            table.add_signal(number, key, phrases)
        self._add_phrases(table)
        for key, phrases in self.left_out:
            table.check_signal(key, phrases)
        if not self.unparsed:
            self._check_references()
            if not self.dimension_entries:
                self.problems.append(Problem(where, 1, 1, "the rulebook defines no dimensions"))
        dimensions = [d for d in self.dimensions.values() if d is not None]
        signals = [s for s, _ in self.signals.values() if s is not None]
        examples = [e for e in self.examples if e is not None]
        if self.problems or scoring is None:
            order = {path: i for i, path in enumerate(self.files)}
            self.problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line, p.column))
            raise RulebookError(self.problems)
        return Checked(
            tuple(self.layers),
            {name: title for name, (title, _) in self.documents.items()},
            scoring,
            tuple(dimensions),
            tuple(signals),
            tuple(phrase for phrase, _ in self.negators.values()),
            tuple(examples),
            table.entries(),
            dict(self.abbreviations),
            dict(self.parties),
            tuple(self.joiners),
            tuple(self.venues),
        )

    def _add_phrases(self, table: PhraseTable) -> None:
        """Give each signal the phrases later sections added to it.

        They are claimed after every signal's own phrases, so a collision is reported
        where the added phrase stands, not at the signal it shadows.
        """
        position = {key: number for number, key in enumerate(self.signals)}
        for sig_id, phrases, at in self.added:
            if sig_id not in position:
                table.check_signal(sig_id, phrases)
                if not self.unparsed:
                    hint = _did_you_mean(sig_id, set(self.signal_ids))
                    self.report(at, f"phrases given for unknown signal {sig_id!r}{hint}")
                continue
            table.add_signal(position[sig_id], sig_id, phrases)
            sig, own = self.signals[sig_id]
            if sig is not None:  # shown under the signal, and cite its why and source
                known = {fold(p) for p in sig.phrases}
                new = tuple(p for p, _, _ in phrases if fold(p) not in known)
                self.signals[sig_id] = (replace(sig, phrases=sig.phrases + new), own)

    def _check_references(self) -> None:
        """Effects and examples name known dimensions and signals; sources name documents."""
        known = {"dimension": set(self.dimension_ids), "signal": set(self.signal_ids)}
        for what, who, item, at in self.references:
            if item not in known[what]:
                self.report(at, f"{who} unknown {what} {item!r}" + _did_you_mean(item, known[what]))
        for seed, at in self.seeds:
            if seed not in self.documents:
                hint = _did_you_mean(seed, set(self.documents))
                self.report(
                    at, f"source names unknown document {seed!r}; list it under documents{hint}"
                )


def check_layers(
    layers: list[tuple[LayerText, Located | None]], problems: list[Problem]
) -> Checked:
    """Fold parsed layers into one; ``problems`` are those of layers that could not be
    read or parsed (None in ``layers``), whose definitions are therefore unknown."""
    checker = Checker(list(problems), [src.path for src, _ in layers], unparsed=bool(problems))
    for src, doc in layers:
        checker.add(src, doc)
    return checker.finish()


def _did_you_mean(word: str, choices: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
