"""Regenerate docs/report.png, the picture of a ``--report`` page in the README.

Scores forty campaigns of a made-up quarter, tallies them by objective and by spend,
writes the page next to this script and has headless Chromium photograph it.

Run from the repository root after installing: python docs/render_report.py
(needs ``chromium`` on PATH: ``apt-get install chromium`` on Debian).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import pushpull
from pushpull.report import render_report
from pushpull.summary import Summary

# (campaign, objective, spend in EUR; None where the export left the cell blank)
CAMPAIGNS = [
    ("Cold call blitz - DACH SMB", "Leads", 4200.0),
    ("Outbound SDR email sequence Q3", "Leads", 3100.0),
    ("LinkedIn Sponsored Content - CFO persona", "Leads", 5600.0),
    ("Gated whitepaper: state of procurement", "Leads", 900.0),
    ("Webinar: pricing teardown with customers", "Leads", 1200.0),
    ("Trade show booth - Hannover Messe", "Leads", 12500.0),
    ("Direct mail to target accounts", "Leads", 2800.0),
    ("Retargeting display ads - pricing page visitors", "Leads", 2300.0),
    ("Google Search - brand terms", "Sales", 6400.0),
    ("Google Search - competitor terms", "Sales", 7100.0),
    ("Shopping ads - spring catalogue", "Sales", 5200.0),
    ("Cart abandonment email", "Sales", 300.0),
    ("Promo SMS blast - flash sale", "Sales", 650.0),
    ("Affiliate program payouts", "Sales", 1900.0),
    ("Free trial landing page", "Sales", None),
    ("TV spot - regional", "Awareness", 18000.0),
    ("Radio ads - morning drive", "Awareness", 4300.0),
    ("Billboard on A9", "Awareness", 7600.0),
    ("YouTube pre-roll ads", "Awareness", 6900.0),
    ("Podcast sponsorship - marketing show", "Awareness", 2500.0),
    ("Influencer partnership - gifted product", "Awareness", 3300.0),
    ("Blog SEO content cluster", "Awareness", 1400.0),
    ("Organic social posts - behind the scenes", "Awareness", 200.0),
    ("Press release - funding round", "Awareness", 800.0),
    ("Customer newsletter - monthly", "Retention", 400.0),
    ("Customer community forum", "Retention", 600.0),
    ("Onboarding email course", "Retention", 250.0),
    ("Help center articles", "Retention", 150.0),
    ("Referral program for customers", "Retention", 700.0),
    ("Loyalty points promo push notification", "Retention", 350.0),
    ("User conference keynote", "Retention", 9500.0),
    ("Quarterly business review calls", "Retention", None),
    ("Interactive ROI calculator", "Consideration", 1100.0),
    ("Case study library", "Consideration", 500.0),
    ("Comparison page vs competitors", "Consideration", 450.0),
    ("Product demo videos on website", "Consideration", 1300.0),
    ("Free template download", "Consideration", 350.0),
    ("Review site listing - G2", "Consideration", 2200.0),
    ("Q3 misc budget line", "Consideration", 1000.0),
    ("Synergy initiative Kappa", "Consideration", 750.0),
]


def _balance(inbound: float, outbound: float) -> str:
    """The same "in:out" figure Summary.balance prints, for any pair of totals."""
    total = inbound + outbound
    if not total:
        return "n/a"
    share = round(100 * inbound / total)
    return f"{share}:{100 - share}"


def _leans(by_label: dict[str, float]) -> str:
    return _balance(
        by_label.get("inbound", 0) + by_label.get("leaning-inbound", 0),
        by_label.get("outbound", 0) + by_label.get("leaning-outbound", 0),
    )


def sample_summary(book: pushpull.Rulebook) -> dict[str, object]:
    """Score the campaigns and tally them the way ``pushpull batch`` does."""
    summary = Summary()
    spend: dict[str, float] = defaultdict(float)
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    group_spend: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    results = pushpull.classify_many((name for name, _, _ in CAMPAIGNS), book)
    for (_, objective, cost), result in zip(CAMPAIGNS, results, strict=True):
        summary.add(result)
        spend[result.label] += cost or 0.0
        groups[objective][result.label] += 1
        group_spend[objective][result.label] += cost or 0.0
    data = summary.to_dict()
    data["weight"] = {
        "column": "Amount spent (EUR)",
        "total": sum(spend.values()),
        "labels": {label: spend[label] for label in pushpull.LABELS},
        "inbound_outbound_balance": _leans(spend),
        "blank": sum(cost is None for _, _, cost in CAMPAIGNS),
        "unreadable": 0,
    }
    data["groups"] = {
        "column": "Objective",
        "groups": [
            {
                "group": name,
                "rows": sum(counts.values()),
                "labels": {label: counts[label] for label in pushpull.LABELS},
                "inbound_outbound_balance": _leans(dict(counts)),
                "weight": sum(group_spend[name].values()),
                "weight_balance": _leans(group_spend[name]),
            }
            for name, counts in sorted(groups.items(), key=lambda g: -sum(g[1].values()))
        ],
        "more": 0,
    }
    data["set_aside"] = {"title lines": 2, "total rows": 1, "footer lines": 0}
    data["input"] = {"file": "Marketing plan Q3.csv", "encoding": "utf-8", "columns": ["Campaign"]}
    return data


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("render_report.py: needs chromium on PATH (apt-get install chromium)")
    book = pushpull.default_rulebook()
    here = Path(__file__).parent
    page = here / "report.html"
    page.write_text(
        render_report(sample_summary(book), book, title="Q3 campaigns: inbound vs outbound"),
        encoding="utf-8",
    )
    png = here / "report.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                "--window-size=1200,2700",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    page.unlink()
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
