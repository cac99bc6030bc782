"""Regenerate docs/report.png, the picture of a ``--report`` page in the README.

Writes forty campaigns of a made-up quarter to a CSV, runs ``pushpull batch`` on it
with ``--weight-column``, ``--by`` and ``--report`` as a user would, and has headless
Chromium photograph the page it wrote.

Run from the repository root after installing: python docs/render_report.py
(needs ``chromium`` on PATH: ``apt-get install chromium`` on Debian).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("render_report.py: needs chromium on PATH (apt-get install chromium)")
    png = Path(__file__).parent / "report.png"
    with tempfile.TemporaryDirectory() as work:
        plan, page = Path(work) / "Marketing plan Q3.csv", Path(work) / "report.html"
        with plan.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Campaign", "Objective", "Amount spent (EUR)"])
            for name, objective, spent in CAMPAIGNS:
                writer.writerow([name, objective, "" if spent is None else f"{spent:,.2f}"])
        # the page as a user gets it: the real command, from the file to the report
        command = [sys.executable, "-m", "pushpull", "batch", str(plan), "--column", "Campaign"]
        command += ["--weight-column", "Amount spent (EUR)", "--by", "Objective"]
        subprocess.run(
            [*command, "--summary-only", "--report", str(page)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                browser,
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--hide-scrollbars",
                f"--user-data-dir={Path(work) / 'profile'}",
                f"--screenshot={png}",
                "--window-size=1200,2700",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
