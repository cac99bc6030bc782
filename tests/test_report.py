"""The HTML report: what a reader of the page sees, its numbers, and that it fetches nothing."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import pushpull
from pushpull.report import COLOURS, render_report
from pushpull.summary import Summary

BOOK = pushpull.default_rulebook()
HOSTILE = "<script>alert(1)</script>"


def hand_summary() -> dict[str, Any]:
    """Ten rows whose every figure is worked out by hand below."""
    rows = [3, 1, 1, 0, 2, 0, 0, 0, 1, 1]  # scores: 5 lean inbound, 2 hybrid, 2 outbound
    return {
        "rows": 10,
        "errors": 1,
        "labels": {
            "inbound": 4,
            "leaning-inbound": 1,
            "hybrid": 2,
            "leaning-outbound": 0,
            "outbound": 2,
            "unclassified": 1,
        },
        "shares": {
            "inbound": 0.4,
            "leaning-inbound": 0.1,
            "hybrid": 0.2,
            "leaning-outbound": 0.0,
            "outbound": 0.2,
            "unclassified": 0.1,
        },
        "inbound_outbound_balance": "71:29",  # 5 against 2
        "histogram": [
            {"from": round(-1 + i / 5, 2), "to": round(-1 + (i + 1) / 5, 2), "rows": n}
            for i, n in enumerate(rows)
        ],
        "top_rules": [{"rule": "cold-call", "rows": 2}, {"rule": "gone-rule", "rows": 1}],
        "unclassified_top_words": [{"word": "synergy", "rows": 1}],
        "weight": {
            "column": "Cost",
            "total": 1000.0,
            "labels": {
                "inbound": 100.0,
                "leaning-inbound": 0.0,
                "hybrid": 250.0,
                "leaning-outbound": 0.0,
                "outbound": 600.0,
                "unclassified": 50.0,
            },
            "inbound_outbound_balance": "14:86",  # 100 against 600
            "blank": 3,
            "unreadable": 1,
        },
        "groups": {
            "column": "Objective",
            "groups": [
                {
                    "group": "Leads",
                    "rows": 6,
                    "labels": {"inbound": 4, "hybrid": 1, "outbound": 1},
                    "inbound_outbound_balance": "80:20",
                    "weight": 1234.5,
                    "weight_balance": "30:70",
                },
                {
                    "group": HOSTILE,
                    "rows": 4,
                    "labels": {"leaning-inbound": 1, "hybrid": 1, "outbound": 1, "unclassified": 1},
                    "inbound_outbound_balance": "50:50",
                    "weight": 0.0,
                    "weight_balance": "n/a",
                },
            ],
            "more": 2,
        },
        "set_aside": {
            "title lines": 2,
            "comment lines": 0,
            "blank lines": 1,
            "total rows": 5,
            "footer lines": 3,
        },
        "layout": "google-ads",
        "input": {
            "file": "Campaign report.csv",
            "encoding": "utf-16",
            "columns": ["Campaign type", "Campaign"],
            "context": "paid ad",
        },
    }


class Page(HTMLParser):
    """The parts of a page a test reads: headings, table rows as cell texts, tags."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.rows: list[list[str]] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "h2":
            self._heading = []
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        for sink in (self._heading, self._cell):
            if sink is not None:
                sink.append(data)

    def row(self, first: str) -> list[str]:
        """The table row whose first cell is ``first``."""
        (found,) = [r for r in self.rows if r and r[0] == first]
        return found


def page(summary: dict[str, Any] | None = None, title: str = "Q3 mix") -> tuple[str, Page]:
    html = render_report(summary or hand_summary(), BOOK, title=title)
    return html, Page(html)


def test_every_section_is_there_when_the_summary_has_it() -> None:
    _, parsed = page()
    assert parsed.headings == [
        "Balance",
        "Labels",
        "Where the classified rows score",
        "By Objective",
        "Rules that fired most",
        "Unclassified vocabulary",
        "Input",
        "Rulebook",
    ]


def test_balance_by_rows_and_by_weight() -> None:
    html, _ = page()
    assert "inbound : outbound by rows</div><div class=v>71:29<" in html
    assert "inbound : outbound by Cost</div><div class=v>14:86<" in html
    assert "width:71%" in html and "width:29%" in html


def test_label_table_counts_shares_and_weight() -> None:
    _, parsed = page()
    assert parsed.row("label") == ["label", "rows", "share", "Cost", "share of Cost"]
    assert parsed.row("inbound") == ["inbound", "4", "40.0%", "100", "10.0%"]
    assert parsed.row("outbound") == ["outbound", "2", "20.0%", "600", "60.0%"]
    assert parsed.row("unclassified") == ["unclassified", "1", "10.0%", "50", "5.0%"]


def test_weight_notes_say_total_and_rows_counted_as_zero() -> None:
    html, _ = page()
    assert "Total Cost: 1,000." in html
    assert "Rows with no number, counted as 0: 3 blank, 1 unreadable." in html


def test_histogram_bars_are_to_scale_and_titled() -> None:
    _, parsed = page()
    bars = [dict(attrs) for tag, attrs in parsed.tags if tag == "rect"]
    assert len(bars) == 10
    heights = [float(bar["height"] or 0) for bar in bars]
    assert heights[1] == pytest.approx(heights[0] / 3, abs=0.1)  # 1 row against 3
    assert heights[3] == 0.0
    html, _ = page()
    assert "<title>-1.0 to -0.8: 3 rows</title>" in html
    assert "<title>+0.8 to +1.0: 1 row</title>" in html


def test_histogram_colours_run_from_inbound_green_to_outbound_red() -> None:
    _, parsed = page()
    fills = [dict(attrs)["fill"] or "" for tag, attrs in parsed.tags if tag == "rect"]
    inbound, outbound = rgb(COLOURS["inbound"]), rgb(COLOURS["outbound"])
    assert distance(rgb(fills[0]), inbound) < distance(rgb(fills[0]), outbound)
    assert distance(rgb(fills[-1]), outbound) < distance(rgb(fills[-1]), inbound)
    assert len(set(fills)) == 10  # each bin its own shade


def rgb(colour: str) -> tuple[int, ...]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def distance(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True))


def test_group_table_rows_balances_and_the_groups_left_out() -> None:
    html, parsed = page()
    assert parsed.row("group") == ["group", "rows", "mix", "in:out", "Cost", "in:out by Cost"]
    mix = "inbound 4 · hybrid 1 · outbound 1"
    assert parsed.row("Leads") == ["Leads", "6", mix, "80:20", "1,234.50", "30:70"]
    assert "2 more groups not listed." in html


def test_user_strings_are_escaped() -> None:
    summary = hand_summary()
    summary["unclassified_top_words"] = [{"word": "<b>x</b>", "rows": 1}]
    summary["input"]["file"] = '<img src="http://evil/">.csv'
    summary["weight"]["column"] = "<i>Cost</i>"
    html, parsed = page(summary, title=HOSTILE)
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "<i>" not in html and "<b>x" not in html
    assert parsed.row(HOSTILE)[1] == "4"


def test_top_rules_carry_why_and_source() -> None:
    _, parsed = page()
    cold = next(s for s in BOOK.signals if s.id == "cold-call")
    assert cold.source is not None
    _, rows, reason = parsed.row("cold-call")
    assert rows == "2"
    assert cold.why in reason
    assert cold.source.title in reason and cold.source.seed in reason
    assert cold.source.passage in reason
    assert parsed.row("gone-rule")[2] == "not in this rulebook"


def test_a_rule_cited_from_a_web_page_links_to_it() -> None:
    web = next(s for s in BOOK.signals if s.source and s.source.seed.startswith("https://"))
    summary = hand_summary()
    summary["top_rules"] = [{"rule": web.id, "rows": 1}]
    _, parsed = page(summary)
    assert ("a", [("href", web.source.seed if web.source else "")]) in parsed.tags


def test_unclassified_vocabulary_and_provenance() -> None:
    html, parsed = page()
    assert "<li>synergy<b>1</b></li>" in html
    assert "1 row matched no rule" in html
    info = BOOK.info()
    assert f"<code>{info['sha256']}</code>" in html
    for layer in info["layers"]:
        assert parsed.row(layer["name"]) == [layer["name"], layer["version"], layer["sha256"]]


def test_input_layout_context_and_what_was_set_aside() -> None:
    html, _ = page()
    assert "<dt>layout</dt><dd>google-ads</dd>" in html
    assert "<dt>encoding</dt><dd>utf-16</dd>" in html
    assert "<code>Campaign type</code> + <code>Campaign</code>" in html
    assert "“paid ad” read with every row" in html
    # zero counts are not listed; every other count is
    assert "2 title lines, 1 blank line, 5 total rows, 3 footer lines" in html


def test_a_plain_summary_leaves_the_optional_sections_out() -> None:
    summary = Summary()
    for result in pushpull.classify_many(["cold call", "blog post", "qwzx"], BOOK):
        summary.add(result)
    html, parsed = page(summary.to_dict())
    assert "By " not in " ".join(parsed.headings)
    assert "Input" not in parsed.headings
    assert parsed.row("label") == ["label", "rows", "share"]
    assert "inbound : outbound by rows</div><div class=v>50:50<" in html


def test_an_empty_batch_still_makes_a_page() -> None:
    html, parsed = page(Summary().to_dict())
    assert "<div class=v>n/a</div>" in html
    assert parsed.row("inbound") == ["inbound", "0", "0.0%"]


def test_the_page_asks_for_nothing_over_the_network() -> None:
    html, parsed = page()
    assert "default-src 'none'" in html  # the CSP: a browser refuses any fetch
    assert "@import" not in html and "url(" not in html
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed")
        for name, value in attrs:
            assert name != "src"
            if value and "http" in value:
                assert (tag, name) == ("a", "href")  # a citation to click, never loaded


def test_classify_does_not_load_the_report_module() -> None:
    code = (
        "import sys, pushpull; pushpull.classify('cold call');"
        "print('pushpull.report' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- in a real browser ---------------------------------------------------------------


def browser() -> str:
    """Chromium's path; the test is skipped without it unless PUSHPULL_REQUIRE_BROWSER=1."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("PUSHPULL_REQUIRE_BROWSER") == "1":
            pytest.fail("PUSHPULL_REQUIRE_BROWSER=1 but no chromium on PATH")
        pytest.skip("no chromium on PATH (apt-get install chromium)")
    return found


def png_colours(data: bytes) -> set[tuple[int, ...]]:
    """Every distinct pixel colour of an 8-bit, non-interlaced RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (size,), chunk = struct.unpack(">I", data[pos : pos + 4]), data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + size]
        if chunk == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert (depth, interlace) == (8, 0) and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif chunk == b"IDAT":
            idat += body
        pos += 12 + size
    raw, stride = zlib.decompress(idat), width * channels
    previous, colours = bytearray(stride), set[tuple[int, ...]]()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + guess) & 0xFF
        colours.update(tuple(line[i : i + 3]) for i in range(0, stride, channels))
        previous = line
    return colours


def test_chromium_draws_the_page(tmp_path: Path) -> None:
    chromium = browser()
    html = tmp_path / "mix.html"
    html.write_text(render_report(hand_summary(), BOOK, title="Q3 mix"), encoding="utf-8")
    shot = tmp_path / "mix.png"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # offline, should the page try
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=420,900",  # a phone-narrow window
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    colours = png_colours(shot.read_bytes())
    assert (255, 255, 255) in colours
    for label in ("inbound", "outbound"):  # the balance bar, drawn in each pole's colour
        assert rgb(COLOURS[label]) in colours
