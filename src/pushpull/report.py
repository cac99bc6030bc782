"""The mix of a scored batch as one HTML page a marketer can mail, print or archive.

The page is a single file with its CSS and its chart inline and a Content-Security-Policy
that forbids every fetch: it opens the same way offline, years later, behind any firewall.
Every string that came from the user's file (campaign names, group names, column names)
or from a rulebook layer is escaped, so a cell cannot inject markup into the page.

Imported only when a report is asked for: nothing on the ``classify`` path needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from .labels import LABELS
from .summary import counted

if TYPE_CHECKING:
    from .model import Rulebook, Signal

# one colour per label, dark at the poles and light when only leaning; grey: no evidence
COLOURS = {
    "inbound": "#1a7f45",
    "leaning-inbound": "#8cc9a0",
    "hybrid": "#e0b23c",
    "leaning-outbound": "#ef9a8a",
    "outbound": "#c0392b",
    "unclassified": "#b8bcc2",
}
_HIST_W, _HIST_H, _HIST_PAD = 600, 220, 28  # the histogram's drawing units (it scales)

_CSS = """
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#1f2328;font:15px/1.45 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-print-color-adjust:exact;
print-color-adjust:exact}
main{max-width:980px;margin:0 auto;padding:24px 20px 40px}
h1{font-size:1.6em;margin:0 0 4px;overflow-wrap:anywhere}
h2{font-size:1.1em;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #d8dee4}
.sub{color:#59636e;margin:0 0 16px;overflow-wrap:anywhere}
section{break-inside:avoid}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{flex:1 1 260px;border:1px solid #d8dee4;border-radius:8px;padding:12px 14px}
.card .k{color:#59636e;font-size:.85em}
.card .v{font-size:1.9em;font-weight:600;margin:2px 0 8px}
.split{display:flex;height:14px;border-radius:7px;overflow:hidden;background:#eaeef2}
.split span{display:block;height:100%}
.ends{display:flex;justify-content:space-between;font-size:.8em;color:#59636e;margin-top:3px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{color:#59636e;font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.bar{display:flex;height:10px;min-width:120px;border-radius:3px;overflow:hidden;
background:#eaeef2;margin:4px 0 2px}
.bar span{display:block;height:100%}
.counts{font-size:.8em;color:#59636e}
svg{display:block;width:100%;height:auto;max-width:720px}
.chips{display:flex;flex-wrap:wrap;gap:6px;padding:0;margin:0;list-style:none}
.chips li{border:1px solid #d8dee4;border-radius:12px;padding:1px 10px;font-size:.9em}
.chips b{font-weight:600;color:#59636e;margin-left:4px}
.why{color:#1f2328}
.src{color:#59636e;font-size:.85em;overflow-wrap:anywhere}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
code.id{white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:0}
dt{color:#59636e}
dd{margin:0;overflow-wrap:anywhere}
.note{color:#59636e;font-size:.9em}
td.label{white-space:nowrap}
@media (max-width:560px){svg text{font-size:20px}}
a{color:#0b57a4}
@media print{main{padding:0}a{color:inherit}}
"""


def render_report(summary: Mapping[str, Any], book: Rulebook, *, title: str) -> str:
    """One self-contained HTML page of a batch's mix, from ``Summary.to_dict()``.

    Shows the balance by rows (and by weight), the labels, the spectrum histogram,
    the groups, the busiest rules with why and where they come from, the words of the
    rows no rule read, and which rulebook did it; plus the input and what was set
    aside when the summary carries them. Deterministic: the same mix makes the same bytes.
    """
    parts = [
        _header(summary, title),
        _balance(summary),
        _labels(summary),
        _histogram(summary["histogram"]),
        _groups(summary.get("groups"), summary.get("weight")),
        _rules(summary["top_rules"], book),
        _vocabulary(summary),
        _input(summary),
        _provenance(book),
    ]
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>\n"
        # no fetch of any kind: the page is all there is
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        '<meta name=viewport content="width=device-width,initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style></head>\n"
        "<body><main>\n" + "\n".join(p for p in parts if p) + "\n</main></body></html>\n"
    )


def _header(summary: Mapping[str, Any], title: str) -> str:
    facts = [_rows(summary["rows"])]
    if summary["errors"]:
        facts.append(f"{summary['errors']:,} with an error note")
    source = summary.get("input", {}).get("file")
    if source:
        facts.insert(0, escape(str(source)))
    return f"<h1>{escape(title)}</h1>\n<p class=sub>{' · '.join(facts)}</p>"


def _balance(summary: Mapping[str, Any]) -> str:
    """Inbound against outbound, the figure a CMO asks for first: by rows, by weight."""
    cards = [_card("inbound : outbound by rows", summary["inbound_outbound_balance"])]
    weight = summary.get("weight")
    if weight:
        column = escape(str(weight["column"]))
        cards.append(_card(f"inbound : outbound by {column}", weight["inbound_outbound_balance"]))
    note = (
        "<p class=note>Shares of the rows that lean one way (inbound and leaning-inbound "
        "against outbound and leaning-outbound); hybrid and unclassified rows are left out.</p>"
    )
    return f"<section><h2>Balance</h2><div class=cards>{''.join(cards)}</div>{note}</section>"


def _card(caption: str, balance: str) -> str:
    """A balance as big figures over a two-colour bar; "n/a" when nothing leans."""
    inbound, outbound = _split(balance)
    if inbound is None:
        bar = "<div class=split></div>"
    else:
        bar = (
            "<div class=split>"
            f'<span style="width:{inbound}%;background:{COLOURS["inbound"]}"></span>'
            f'<span style="width:{outbound}%;background:{COLOURS["outbound"]}"></span></div>'
        )
    return (
        f"<div class=card><div class=k>{caption}</div><div class=v>{escape(balance)}</div>"
        f"{bar}<div class=ends><span>inbound (pull)</span><span>outbound (push)</span></div></div>"
    )


def _split(balance: str) -> tuple[int | None, int | None]:
    """ "40:60" as (40, 60); (None, None) for "n/a" or anything else."""
    left, sep, right = balance.partition(":")
    if sep and left.isdigit() and right.isdigit():
        return int(left), int(right)
    return None, None


def _labels(summary: Mapping[str, Any]) -> str:
    """Rows (and weight) per label, each with its share."""
    rows, shares = summary["labels"], summary["shares"]
    weight = summary.get("weight")
    head = "<th>label</th><th class=n>rows</th><th class=n>share</th>"
    if weight:
        column = escape(str(weight["column"]))
        head += f"<th class=n>{column}</th><th class=n>share of {column}</th>"
    body = []
    for label in LABELS:
        cells = (
            f'<td class=label><span class=sw style="background:{COLOURS[label]}"></span>'
            f"{label}</td>"
            f"<td class=n>{rows.get(label, 0):,}</td><td class=n>{shares.get(label, 0.0):.1%}</td>"
        )
        if weight:
            amount = weight["labels"].get(label, 0.0)
            share = amount / weight["total"] if weight["total"] else 0.0
            cells += f"<td class=n>{_number(amount)}</td><td class=n>{share:.1%}</td>"
        body.append(f"<tr>{cells}</tr>")
    notes = ""
    if weight:
        total = f"Total {escape(str(weight['column']))}: {_number(weight['total'])}."
        missing = [f"{weight[key]:,} {key}" for key in ("blank", "unreadable") if weight.get(key)]
        if missing:
            total += f" Rows with no number, counted as 0: {', '.join(missing)}."
        notes = f"<p class=note>{total}</p>"
    return (
        "<section><h2>Labels</h2><div class=scroll><table>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        f"{notes}</section>"
    )


def _histogram(bins: Sequence[Mapping[str, Any]]) -> str:
    """The classified rows' scores as bars from -1 (inbound) to +1 (outbound), in SVG."""
    if not bins:
        return ""
    peak = max(b["rows"] for b in bins) or 1
    width, height, pad = _HIST_W, _HIST_H, _HIST_PAD
    slot = (width - 2 * pad) / len(bins)
    usable = height - 2 * pad - 14
    shapes = []
    for i, b in enumerate(bins):
        centre = (b["from"] + b["to"]) / 2
        tall = usable * b["rows"] / peak
        x, y = pad + i * slot + 2, height - pad - tall
        tip = f"{b['from']:+.1f} to {b['to']:+.1f}: {_rows(b['rows'])}"
        shapes.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot - 4:.1f}" height="{tall:.1f}" '
            f'fill="{_lean_colour(centre)}"><title>{tip}</title></rect>'
        )
        if b["rows"]:
            shapes.append(
                f'<text x="{x + (slot - 4) / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                f'class="c">{b["rows"]:,}</text>'
            )
    ticks = []
    for value, text in ((-1.0, "-1"), (-0.5, "-0.5"), (0.0, "0"), (0.5, "+0.5"), (1.0, "+1")):
        x = pad + (value + 1) / 2 * (width - 2 * pad)
        ticks.append(
            f'<line x1="{x:.1f}" y1="{height - pad}" x2="{x:.1f}" y2="{height - pad + 4}" '
            f'stroke="#59636e"/><text x="{x:.1f}" y="{height - pad + 16}" '
            f'text-anchor="middle">{text}</text>'
        )
    axis = (
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        'stroke="#59636e"/>'
    )
    ends = (
        f'<text x="{pad}" y="12" fill="{COLOURS["inbound"]}">◀ inbound (pull)</text>'
        f'<text x="{width - pad}" y="12" text-anchor="end" fill="{COLOURS["outbound"]}">'
        "outbound (push) ▶</text>"
    )
    total = sum(b["rows"] for b in bins)
    return (
        "<section><h2>Where the classified rows score</h2>"
        f'<svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="histogram of {total:,} scores from -1 inbound to +1 outbound" '
        'font-size="12" fill="#59636e">'
        f"<style>.c{{fill:#1f2328}}</style>{ends}{''.join(shapes)}{axis}{''.join(ticks)}</svg>"
        "<p class=note>Classified rows counted by score; unclassified rows have no score "
        "and are not drawn.</p></section>"
    )


def _lean_colour(score: float) -> str:
    """Green at -1 through amber at 0 to red at +1, so a bar's colour reads as its side."""
    ends = ((0x1A, 0x7F, 0x45), (0xE0, 0xB2, 0x3C), (0xC0, 0x39, 0x2B))
    pole = ends[0] if score < 0 else ends[2]
    t = min(1.0, abs(score))
    mixed = (round(a + (b - a) * t) for a, b in zip(ends[1], pole, strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _groups(groups: Mapping[str, Any] | None, weight: Mapping[str, Any] | None) -> str:
    """The mix per group (``--by``): rows, a stacked bar of labels, and both balances."""
    if not groups:
        return ""
    listed = groups["groups"]
    weighted = any("weight" in g for g in listed)
    head = "<th>group</th><th class=n>rows</th><th>mix</th><th class=n>in:out</th>"
    if weighted:
        column = escape(str(weight["column"])) if weight else "weight"
        head += f"<th class=n>{column}</th><th class=n>in:out by {column}</th>"
    body = []
    for group in listed:
        cells = (
            f"<td>{escape(str(group['group']))}</td><td class=n>{group['rows']:,}</td>"
            f"<td>{_stack(group['labels'], group['rows'])}</td>"
            f"<td class=n>{escape(group['inbound_outbound_balance'])}</td>"
        )
        if weighted:
            cells += (
                f"<td class=n>{_number(group.get('weight', 0.0))}</td>"
                f"<td class=n>{escape(group.get('weight_balance', 'n/a'))}</td>"
            )
        body.append(f"<tr>{cells}</tr>")
    more = groups.get("more", 0)
    note = f"<p class=note>{more:,} more groups not listed.</p>" if more else ""
    return (
        f"<section><h2>By {escape(str(groups['column']))}</h2>{_legend()}<div class=scroll><table>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        f"{note}</section>"
    )


def _stack(counts: Mapping[str, int], rows: int) -> str:
    """A group's labels as one stacked bar, with the counts written under it."""
    spans = "".join(
        f'<span style="width:{100 * counts[label] / rows:.2f}%;background:{COLOURS[label]}" '
        f'title="{label}: {counts[label]:,}"></span>'
        for label in LABELS
        if counts.get(label) and rows
    )
    written = " · ".join(f"{label} {counts[label]:,}" for label in LABELS if counts.get(label))
    return f"<div class=bar>{spans}</div><div class=counts>{written}</div>"


def _legend() -> str:
    keys = "".join(
        f'<li><span class=sw style="background:{COLOURS[label]}"></span>{label}</li>'
        for label in LABELS
    )
    return f'<ul class=chips style="margin-bottom:8px">{keys}</ul>'


def _rules(top_rules: Iterable[Mapping[str, Any]], book: Rulebook) -> str:
    """The busiest rules, each with the reason it exists and the passage it stands on."""
    signals = {signal.id: signal for signal in book.signals}
    body = [
        f"<tr><td><code class=id>{escape(rule['rule'])}</code></td>"
        f"<td class=n>{rule['rows']:,}</td>"
        f"<td>{_reason(signals.get(rule['rule']))}</td></tr>"
        for rule in top_rules
    ]
    if not body:
        return ""
    return (
        "<section><h2>Rules that fired most</h2><div class=scroll><table>"
        "<thead><tr><th>rule</th><th class=n>rows</th><th>why, and where it comes from</th>"
        f"</tr></thead><tbody>{''.join(body)}</tbody></table></div></section>"
    )


def _reason(signal: Signal | None) -> str:
    if signal is None:
        return "<span class=src>not in this rulebook</span>"
    why = f"<div class=why>{escape(signal.why)}</div>"
    source = signal.source
    if source is None:
        return why
    title = escape(source.title or source.seed)
    if source.seed.startswith(("https://", "http://")):
        title = f'<a href="{escape(source.seed)}">{title}</a>'
    else:
        title += f" <code>{escape(source.seed)}</code>"
    return f"{why}<div class=src>{title} — “{escape(source.passage)}”</div>"


def _vocabulary(summary: Mapping[str, Any]) -> str:
    """What the rulebook could not read: the words to teach it next."""
    unclassified = summary["labels"].get("unclassified", 0)
    if not unclassified:
        return ""
    words = "".join(
        f"<li>{escape(w['word'])}<b>{w['rows']:,}</b></li>"
        for w in summary["unclassified_top_words"]
    )
    listed = f"<ul class=chips>{words}</ul>" if words else "<p class=note>No words to show.</p>"
    return (
        "<section><h2>Unclassified vocabulary</h2>"
        f"<p class=note>{_rows(unclassified)} matched no rule; their commonest words "
        f"(rows containing each):</p>{listed}</section>"
    )


def _input(summary: Mapping[str, Any]) -> str:
    """How the file was read, and every line that was set aside rather than scored."""
    facts: list[tuple[str, str]] = []
    given = summary.get("input") or {}
    if given.get("file"):
        facts.append(("file", escape(str(given["file"]))))
    if given.get("encoding"):
        facts.append(("encoding", escape(str(given["encoding"]))))
    if given.get("columns"):
        columns = (f"<code>{escape(str(c))}</code>" for c in given["columns"])
        facts.append(("read", " + ".join(columns)))
    if summary.get("layout"):
        facts.append(("layout", escape(str(summary["layout"]))))
    if given.get("context"):
        facts.append(("context", f"“{escape(str(given['context']))}” read with every row"))
    set_aside = summary.get("set_aside")
    if set_aside is not None:
        kept = [escape(counted(n, str(what))) for what, n in set_aside.items() if n]
        facts.append(("set aside", ", ".join(kept) if kept else "nothing"))
    if not facts:
        return ""
    items = "".join(f"<dt>{key}</dt><dd>{value}</dd>" for key, value in facts)
    return f"<section><h2>Input</h2><dl>{items}</dl></section>"


def _provenance(book: Rulebook) -> str:
    """Which rulebook scored the rows, to the byte: the layers and their sha256."""
    info = book.info()
    layers = "".join(
        f"<tr><td>{escape(layer['name'])}</td><td>{escape(layer['version'])}</td>"
        f"<td><code>{escape(layer['sha256'])}</code></td></tr>"
        for layer in info["layers"]
    )
    return (
        "<section><h2>Rulebook</h2><dl>"
        f"<dt>name</dt><dd>{escape(info['name'])}</dd>"
        f"<dt>version</dt><dd>{escape(info['version'])}</dd>"
        f"<dt>sha256</dt><dd><code>{escape(info['sha256'])}</code></dd></dl>"
        "<div class=scroll><table><thead><tr><th>layer</th><th>version</th><th>sha256</th>"
        f"</tr></thead><tbody>{layers}</tbody></table></div></section>"
    )


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"


def _number(value: float) -> str:
    """A weight as exports write it: thousands separated, cents only when there are some."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
