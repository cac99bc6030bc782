"""Score a tactic against a compiled rulebook: pure functions, no I/O.

The path per tactic is kept short on purpose (it runs a million times in a
batch): split into words, look each word's stem up in a memo, walk a phrase trie
longest-match-first, let negators and modifiers act on what they govern, then add
up per-dimension sums in flat lists. Character offsets and evidence objects are
only worked out when a caller asks for them (see ``Result``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .index import NEGATOR, match
from .inputs import tactic_problem
from .labels import Label
from .model import DIRECTIONLESS, Rulebook
from .names import GLUE, copy_marker, read_word
from .result import PART_MARK, FindingFields, Result, rounded, sides
from .textnorm import BREAKS, Span, split, tail_start, token_spans
from .titles import CUES, title_spans

# what a word inside a title is read as: no phrase starts with it ("#" is never a stem)
UNREAD = "#"
_TOKEN_CACHE_LIMIT = 100_000
_SCORE_CACHE_LIMIT = 30_000  # about 5 MB; common combinations come back at once
# Both memos are bounded in bytes, not only in entries: a long word or a long list of
# findings (a 10,000-character tactic) hardly ever comes back, and memoising it would
# let a file of long tactics fill memory 30,000 entries at a time.
_MEMO_WORD_CHARS = 64
_MEMO_FINDINGS = 32
# a label by its text: calling ``Label(text)`` goes through the Enum machinery in Python
_LABELS = {label.value: label for label in Label}


def tokens(text: str, rulebook: Rulebook) -> tuple[list[str], list[str], list[Span] | None]:
    """The stems of the tokens in ``text``, memoised per token, and each token's
    folded form as written (what party words are matched against).

    Offsets are returned when they are known already (text that is not ASCII)
    or when a word was read as parts (``names.read_word``: "nonintrusive",
    "WebinarSignups", an abbreviation), since then they cannot be recomputed
    from the text alone.
    """
    raws, spans = split(text)
    cache = rulebook.token_cache
    try:
        stems = list(map(cache.__getitem__, raws))
    except KeyError:
        if len(cache) >= _TOKEN_CACHE_LIMIT:
            cache.clear()
        stems = []
        for raw in raws:
            known = cache.get(raw)
            if known is None:
                known = read_word(raw, rulebook)
                if len(raw) <= _MEMO_WORD_CHARS:
                    cache[raw] = known
            stems.append(known)
    if GLUE not in "".join(stems):
        return stems, raws, spans
    parts: list[str] = []
    forms: list[str] = []
    offsets: list[Span] = []
    for word, raw, span in zip(stems, raws, spans or token_spans(text), strict=True):
        if GLUE in word:  # each part points at the characters it was read from
            fields = word.split(GLUE)
            for k in range(0, len(fields), 3):
                parts.append(fields[k])
                # written as the characters it was read from ("sdr" for each word of
                # "sales development representative")
                forms.append(raw[len(raw) - int(fields[k + 1]) : len(raw) - int(fields[k + 2])])
                offsets.append((_back(text, span, fields[k + 1]), _back(text, span, fields[k + 2])))
        else:
            parts.append(word)
            forms.append(raw)
            offsets.append(span)
    return parts, forms, offsets


def _back(text: str, span: Span, chars: str) -> int:
    """The offset in ``text`` that lies ``chars`` folded characters before the span's end."""
    return tail_start(text, span, int(chars)) if chars != "0" else span[1]


def _broken(stems: list[str], start: int, stop: int) -> bool:
    """Whether a clause mark stands among the tokens from ``start`` up to ``stop``."""
    return any(stems[i] in BREAKS for i in range(start, stop))


def findings(text: str, rulebook: Rulebook) -> tuple[list[FindingFields], list[Span] | None]:
    """What each matched phrase says, after negators and modifiers have acted on it
    (``Finding``'s fields), and the token offsets if they were worked out on the way."""
    stems, forms, offsets = tokens(text, rulebook)
    dropped = copy_marker(text)
    if dropped:  # "- Copy" names a duplicate, not ad copy
        del stems[-dropped:]
        del forms[-dropped:]
    # the podcast "No Ads Needed" is a name, not a promise. A title needs a quote mark or
    # a word of titles.CUES; tests in C tell most tactics have neither at a fraction of
    # what a call or a pattern search would cost on this per-tactic path
    if not text.isascii() or '"' in text or "'" in text or not CUES.isdisjoint(forms):
        titles = title_spans(text)
        if titles:
            offsets = offsets or token_spans(text)
            for k, (start, end) in enumerate(offsets[: len(stems)]):
                if any(a <= start and end <= b for a, b in titles):
                    stems[k] = UNREAD
    hits = match(stems, rulebook.index)
    if not hits:
        return [], offsets
    scoring = rulebook.scoring
    signals = rulebook.signals
    nets = rulebook.signal_nets
    out: list[FindingFields] = []
    negated_until = negator_end = -1
    tip, tip_until, tip_end = 0, -1, -1
    tipper: tuple[int, int] | None = None
    moves = False  # a contact word waits for the party that gives it a direction
    lonely = False  # a modifier that needs company ("cold") was found
    ways = 0  # 1: some finding pushes, 2: some finding pulls
    persons = rulebook.person_stems
    for target, first, end in hits:
        if target == NEGATOR:
            negator_end = end
            # a prefix ("non-intrusive", "nonpaid") governs only the word it is glued to;
            # two words stand apart unless a hyphen joins them
            if end == len(stems) or (offsets is None and "-" not in text and forms[end].isalnum()):
                gap = " "
            else:
                offsets = offsets or token_spans(text)
                gap = text[offsets[end - 1][1] : offsets[end][0]]
            negated_until = end + (1 if gap in ("", "-") else scoring.negation_window)
            continue
        sig = signals[target]
        if sig.kind in DIRECTIONLESS:
            # a channel has no direction of its own; a modifier before it lends one
            if first < tip_until and not _broken(stems, tip_end, first):
                out.append((target, first, end, float(tip), False, tipper, 0))
                ways |= 1 if tip > 0 else 2 if tip < 0 else 0
            else:  # a negated contact word reverses the direction a party gives it
                contact = sig.kind == "contact"
                moves = moves or contact
                negated = (
                    contact and first < negated_until and not _broken(stems, negator_end, first)
                )
                out.append((target, first, end, 0.0, negated, None, 0))
            continue
        if (
            persons
            and end - first == 1
            and stems[first] in persons
            and forms[first].casefold() in rulebook.persons
        ):
            continue  # "prospect" names a person, not prospecting
        negated = first < negated_until and not _broken(stems, negator_end, first)
        factor = 1.0
        if negated:  # "no cold calls" leans inbound; "not a webinar" says nothing either way
            factor = (
                scoring.negation_factor if nets[target] >= 0 else scoring.negation_factor_inbound
            )
        out.append((target, first, end, factor, negated, None, 0))
        net = nets[target] * factor
        if net:
            ways |= 1 if net > 0 else 2
        if sig.tips:
            lonely = lonely or not sig.alone  # only a modifier may need company
            tip = sig.tips if factor > 0 else -sig.tips if factor < 0 else 0
            tip_until, tip_end = end + scoring.modifier_window, end
            tipper = (first, end)
    if lonely:
        _drop_lonely(out, stems, forms, rulebook)
    if moves and rulebook.parties:
        ways |= _first_moves(out, stems, forms, rulebook)
    # joined parts and venues only matter where some finding pushes and another pulls
    if ways == 3:  # set tests in C first: most tactics hold no venue word or joiner
        if not rulebook.venue_stems.isdisjoint(stems):
            _venues(out, stems, rulebook)
        if not rulebook.part_marks.isdisjoint(stems):
            _number_parts(out, stems, rulebook.part_marks)
    return out, offsets


def _drop_lonely(
    out: list[FindingFields], stems: list[str], forms: list[str], rulebook: Rulebook
) -> None:
    """Drop each modifier marked ``alone: false`` with no evidence or party word after it
    in its window: "cold" says something in "cold leads", nothing in "Cold Brew"."""
    signals = rulebook.signals
    window = rulebook.scoring.modifier_window
    starts = {first for _, first, *_ in out}
    keep = []
    for found in out:
        end = found[2]
        if not signals[found[0]].alone:
            near = range(end, min(end + window, len(stems)))
            stop = next((k for k in near if stems[k] in BREAKS), near.stop)
            if not any(
                k in starts or forms[k].casefold() in rulebook.parties for k in range(end, stop)
            ):
                continue
        keep.append(found)
    out[:] = keep


def _venues(out: list[FindingFields], stems: list[str], rulebook: Rulebook) -> None:
    """An inbound asset named as the place a pushing finding runs ("ad in the seniors'
    newsletter", "pop-up on the blog") is someone's medium, not a pull of its own: it
    keeps its evidence but points nowhere."""
    nets = rulebook.signal_nets
    venues = rulebook.venue_stems
    window = rulebook.scoring.modifier_window
    for n in range(1, len(out)):
        target, first, end, factor, negated, _, part = out[n]
        before = out[n - 1]
        if negated or nets[target] * factor >= 0 or nets[before[0]] * before[3] <= 0:
            continue
        gap = range(before[2], first)
        if (
            len(gap) <= window
            and not _broken(stems, before[2], first)
            and any(stems[k] in venues for k in gap)
        ):
            out[n] = (target, first, end, 0.0, False, None, part)


def _number_parts(out: list[FindingFields], stems: list[str], marks: frozenset[str]) -> None:
    """Mark each finding with the joined part of the text it stands in: clause marks
    and joiners ("plus", "then", "+"), ``marks`` by their stems, separate the tactics
    one description combines."""
    part = at = 0
    for n, (target, first, end, factor, negated, tipper, _) in enumerate(out):
        while at < first:
            if stems[at] in marks:
                part += 1
            at += 1
        at = max(at, end)
        out[n] = (target, first, end, factor, negated, tipper, part)


def _first_moves(
    out: list[FindingFields], stems: list[str], forms: list[str], rulebook: Rulebook
) -> int:
    """Give each contact word no modifier tipped the direction of whoever makes the first
    move ("customers call us" pulls, "we call landlords" pushes). A word that served as
    the party ("prospect" in "prospect DMs us") says who acted, so its own finding goes.
    Returns the ways the contact words now point (1 push, 2 pull, 3 both)."""
    ways = 0
    signals = rulebook.signals
    served: set[int] = set()
    parties = rulebook.parties
    window = rulebook.scoring.modifier_window
    for n, (target, first, end, factor, negated, tipper, part) in enumerate(out):
        if factor or tipper is not None or signals[target].kind != "contact":
            continue
        # the side each word within reach names, if it is a party word
        sides = {}
        for k in range(max(first - window, 0), min(end + window, len(forms))):
            side = parties.get(forms[k].casefold())
            if side is not None:
                sides[k] = side
        if not sides:
            continue
        for _, a, b, *_ in out:  # a party word inside a longer phrase is part of what
            if b - a > 1:  # it names ("donor acquisition mailing": no donor mails)
                for k in range(a, b):
                    sides.pop(k, None)
        party = _party(first, end, stems, sides, window)
        if party is not None:  # "no contact from them": they did not move first
            at, direction = party
            moved = -direction if negated else direction
            out[n] = (target, first, end, moved, negated, (at, at + 1), part)
            served.add(at)
            ways |= 1 if moved > 0 else 2
    if served:
        out[:] = [f for f in out if not served.intersection(range(f[1], f[2]))]
    return ways


def _party(
    first: int, end: int, stems: list[str], sides: dict[int, int], window: int
) -> tuple[int, float] | None:
    """The party word next to a contact word and the direction it gives (+1 the seller
    moved first, -1 the buyer did), or None. A party after a "from" word made the move;
    else the subject before the word decides, else its object after it. The search
    stays in the clause and within the modifier window; ``sides`` has what each word
    in reach names."""
    after = range(end, min(end + window, len(stems)))
    origin = False  # a "from" word stood between the contact word and the party
    for k in after:
        if stems[k] in BREAKS:
            break
        side = sides.get(k)
        if side == 0:
            origin = True
        elif side is not None and origin:
            return k, float(side if abs(side) == 1 else side // 2)
    for k in range(first - 1, max(first - window, 0) - 1, -1):
        side = sides.get(k)
        if stems[k] in BREAKS or side == 0:  # "folks from the phone book": not a subject
            break
        if side is not None and abs(side) == 1:  # "us" and "them" are never subjects
            return k, float(side)
    for k in after:
        if stems[k] in BREAKS:
            break
        side = sides.get(k)
        if side:  # the seller reached ("call us") pulls; a buyer reached pushes
            return k, float(-side if abs(side) == 1 else -side // 2)
    return None


def classify_or_refuse(text: str, rulebook: Rulebook) -> Result:
    """Score one cell of a file: a text that cannot be a tactic (empty, a NUL byte,
    far too long) is answered unclassified with the reason, as every command that
    reads files answers it, instead of stopping the run."""
    return _remembered(text, rulebook, refuse=True)


def classify(text: str, rulebook: Rulebook) -> Result:
    """Score one tactic (with the rulebook's context, if it has one); never raises."""
    return _remembered(text, rulebook, refuse=False)


def _remembered(text: str, rulebook: Rulebook, *, refuse: bool) -> Result:
    """The result for ``text``; a text seen lately gets the same (immutable) result
    again, while texts repeat often enough to make that pay (``memo.TextMemo``).

    Only texts that can be tactics are remembered, so both callers, which answer those
    alike, share the memo, and a repeated cell is not checked again.
    """
    memo = rulebook.text_cache
    if memo.resting:
        memo.resting -= 1  # counted down here: a method call would cost more than the rest
        if not refuse:
            return _classify(text, rulebook)
    else:
        known: Result | None = memo.get(text)
        if known is not None:
            return known
    return _unseen(text, rulebook, refuse=refuse)


def classify_unseen(text: str, rulebook: Rulebook) -> Result:
    """``classify_or_refuse`` for a cell the memo was just asked about and did not
    have (``TextMemo.get_many``): its answer is remembered, not looked up again."""
    return _unseen(text, rulebook, refuse=True)


def _unseen(text: str, rulebook: Rulebook, *, refuse: bool) -> Result:
    """The result for a text the memo does not have, remembered unless it rests."""
    problem = tactic_problem(text)
    if problem is None:
        answer = _classify(text, rulebook)
        memo = rulebook.text_cache
        if not memo.resting:
            memo.put(text, answer)
        return answer
    return Result.unclassified(text, rulebook, problem) if refuse else _classify(text, rulebook)


def _classify(text: str, rulebook: Rulebook) -> Result:
    """Score one tactic, from its findings to its result."""
    context = rulebook.context
    found, offsets = _with_context(context, text, rulebook) if context else findings(text, rulebook)
    if not found:
        return Result.unclassified(text, rulebook)
    # the score depends only on which signals fired and how each was turned, and the
    # same few combinations recur across many different tactics: compute each once
    key = tuple([(signal, factor, part) for signal, _, _, factor, _, _, part in found])
    memo = rulebook.score_cache
    scored = memo.get(key)
    if scored is None:
        scored = _score(key, rulebook)
        if len(key) <= _MEMO_FINDINGS:
            if len(memo) >= _SCORE_CACHE_LIMIT:
                memo.clear()
            memo[key] = scored
    return Result(text, *scored, tuple(found), rulebook, offsets)


def _with_context(
    context: str, text: str, rulebook: Rulebook
) -> tuple[list[FindingFields], list[Span] | None]:
    """Findings of the context and the tactic read together, the context as a clause of
    its own before the tactic. Its modifiers lend their direction to every channel of
    the tactic no word of the tactic tipped ("paid" in the context makes each social
    post a paid one), and its findings count in the tactic's first part."""
    joined = context + PART_MARK + text
    found, offsets = findings(joined, rulebook)
    spans = offsets or token_spans(joined)
    start = len(context) + len(PART_MARK)
    own = [f for f in found if spans[f[1]][0] >= start]
    given = found[: len(found) - len(own)]
    signals = rulebook.signals
    tip: tuple[float, Span] | None = None
    for target, first, end, factor, _, _, _ in given:
        if signals[target].tips and factor:
            tip = (math.copysign(1.0, signals[target].tips * factor), (first, end))
    part = own[0][6] if own else 0
    out = [(t, a, b, x, neg, tipper, part) for t, a, b, x, neg, tipper, _ in given]
    for t, a, b, x, neg, tipper, p in own:
        if tip and not x and not neg and tipper is None and signals[t].kind in DIRECTIONLESS:
            x, tipper = tip
        out.append((t, a, b, x, neg, tipper, p))
    return out, spans


def _score(
    found: tuple[tuple[int, float, int], ...], rulebook: Rulebook
) -> tuple[float, Label, float]:
    """Score, label and confidence from (signal, factor, part) triples."""
    effects = rulebook.effect_index
    poles = rulebook.signal_poles
    size = len(rulebook.dimensions)
    sums = [0.0] * size
    mass = [0.0] * size
    push = pull = neutral = 0.0
    for target, factor, _ in found:
        if not factor:  # an untipped channel: evidence of its full strength, pointing nowhere
            for dim, value in effects[target]:
                mass[dim] += abs(value)
            neutral += poles[target][2]
            continue
        for dim, value in effects[target]:
            turned = value * factor
            sums[dim] += turned
            mass[dim] += abs(turned)
        pushed, pulled = sides(poles[target], factor)
        push += pushed
        pull += pulled
    total = weighted = 0.0
    weights = rulebook.dimension_weights
    for dim in range(size):
        if mass[dim]:
            share = weights[dim] * (mass[dim] if mass[dim] < 1.0 else 1.0)
            total += share
            weighted += share * sums[dim] / mass[dim]
    scoring = rulebook.scoring
    score = rounded(weighted / total) if total else 0.0
    directional = push + pull
    minority = min(push, pull) / directional if directional else 0.0
    hybrid = minority >= scoring.hybrid_minority_share or (
        # only a text that joins tactics has parts to weigh against each other
        any([part for _, _, part in found])
        and _opposed(_part_sides(found, poles), scoring.hybrid_minority_share)
    )
    label = Label.HYBRID if hybrid else _LABELS[scoring.band(score)]
    evidence = directional + neutral
    agreement = (max(push, pull) + 0.5 * neutral) / evidence if evidence else 0.0
    coverage = 1.0 - math.exp(-evidence / scoring.confidence_scale)
    return score, label, rounded(coverage * agreement)


def _part_sides(
    found: tuple[tuple[int, float, int], ...], poles: tuple[tuple[float, float, float], ...]
) -> Iterable[list[float]]:
    """How hard each joined part pushes and pulls, from its tipped findings."""
    parts: dict[int, list[float]] = {}  # part -> [push, pull]
    for target, factor, part in found:
        if factor:
            pushed, pulled = sides(poles[target], factor)
            tally = parts.setdefault(part, [0.0, 0.0])
            tally[0] += pushed
            tally[1] += pulled
    return parts.values()


def _opposed(parts: Iterable[list[float]], share: float) -> bool:
    """Whether one joined part plainly pulls and another plainly pushes ("nurture web
    inquiries, then telemarketing"): a combination, however unequal the two halves."""
    leans = set()
    for push, pull in parts:
        if min(push, pull) < share * (push + pull):
            leans.add(push > pull)
    return len(leans) == 2
