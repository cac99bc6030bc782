# ruff: noqa: E501, RUF001
# (the tables read best one row a line, and their en dashes are the exports' own)
"""Write the export fixtures in this folder, byte for byte, with their expected labels.

Each platform's export has quirks a reader must survive: UTF-16, a BOM, CRLF, tabs or
semicolons, title lines, ``#`` comments, total rows and footers. Writing them from a
script keeps those bytes reproducible and reviewable; the campaign names, labels and
reasons below are hand-written. Run ``python tests/data/exports/make_fixtures.py`` to
rewrite every file here (``X.csv`` and ``X.expected.csv``).
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).parent
JOIN = " | "

# One expected line: the cells the tool reads, the label a careful marketer gives, why.
Expected = tuple[str, str, str]


def table(
    rows: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    newline: str = "\n",
    quote_all: bool = False,
) -> str:
    """CSV text for ``rows`` in one dialect."""
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=delimiter,
        lineterminator=newline,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerows(rows)
    return out.getvalue()


def write(name: str, data: bytes, expected: list[Expected]) -> None:
    """Write the export and its ``.expected.csv`` (UTF-8, comma, LF)."""
    (HERE / f"{name}.csv").write_bytes(data)
    text = table([("tactic", "label", "reason"), *expected])
    (HERE / f"{name}.expected.csv").write_bytes(text.encode("utf-8"))


def us_number(value: float, decimals: int = 2) -> str:
    """1234.5 -> '1,234.50', as Google Ads writes numbers."""
    return f"{value:,.{decimals}f}"


def de_number(value: float, decimals: int = 2) -> str:
    """1234.5 -> '1.234,50', as German Excel writes numbers."""
    return f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def spend_within(rng: random.Random, monthly_budget: float) -> tuple[float, int, int]:
    """Cost, clicks and impressions for a month that spent up to its budget."""
    cost = round(monthly_budget * rng.uniform(0.35, 1.0), 2)
    clicks = max(1, int(cost / rng.uniform(0.2, 3.2)))
    impressions = max(clicks, int(clicks / rng.uniform(0.004, 0.09)))
    return cost, clicks, impressions


# --------------------------------------------------------------------------- Google Ads
# (Campaign type, Campaign, label, reason)
# fmt: off
GOOGLE: list[tuple[str, str, str, str]] = [
    ("Search", "Brand_Exact_UK", "outbound", "Bought clicks on the brand's own name are still paid search, which seed 001 lists as outbound."),
    ("Search", "Brand_Phrase_DE", "outbound", "Paid search on brand phrases: every click is bought."),
    ("Search", "Generic | Trail Running Shoes | Phrase", "outbound", "Paid search on generic category keywords."),
    ("Search", "Competitor_Conquesting_Broad", "outbound", "Bidding on rivals' names to intercept their searchers."),
    ("Search", "RLSA_Past-Visitors_Generic", "outbound", "Search ads with bids raised for past visitors: paid remarketing."),
    ("Search", "DSA_Blog_Guides", "hybrid", "Dynamic search ads that send paid clicks to the blog's guides: bought reach for an inbound asset."),
    ("Search", "Webinar_Promo_Nov", "hybrid", "Paid search promoting the company's own webinar."),
    ("Search", "Search_LeadGen_Free-Trial_US", "outbound", "A paid search campaign selling trial sign-ups; the trial is the product offer, not content."),
    ("Search", "Search - Generic - Broad - Copy", "outbound", "A duplicated generic search campaign (Google's '- Copy' suffix): bought clicks."),
    ("Search", "Local_Stores_NearMe_Radius10km", "outbound", "Paid search ads on 'near me' queries around the stores; the listing is bought, not earned."),
    ("Search", "Q4_Clearance_Sale_Broad", "outbound", "Paid search pushing a clearance sale."),
    ("Search", "[EN] Search | Generic | Hiking Boots | tCPA 45", "outbound", "Paid search with a target-CPA bid."),
    ("Performance Max", "PMax | Shoes | ROAS 400", "outbound", "Performance Max buys placements across Google's networks at a target return on ad spend."),
    ("Performance Max", "PMax_Feed-Only_Outlet", "outbound", "A feed-only Performance Max campaign: paid product ads."),
    ("Performance Max", "PMax | Lead Gen | Ebook Download", "hybrid", "Performance Max ads whose offer is the company's own ebook: paid reach for an inbound asset."),
    ("Performance Max", "PMax_Stores_Local-Visits", "outbound", "Performance Max bought to drive store visits."),
    ("Shopping", "Shopping_Standard_All-Products", "outbound", "Standard Shopping: paid product listings."),
    ("Shopping", "Shopping | Bestsellers | Max Clicks", "outbound", "Paid product listings bid to maximise clicks."),
    ("Shopping", "Shopping_Clearance_Low-Priority", "outbound", "Paid product listings for clearance stock."),
    ("Display", "RMKT_Cart_Abandoners_30d", "outbound", "Display remarketing follows cart abandoners with paid banners."),
    ("Display", "GDN_Prospecting_InMarket_Outdoor", "outbound", "Display network banners to an in-market audience the advertiser picked."),
    ("Display", "Display | Custom Segment | Competitor URLs", "outbound", "Banners to people who browsed rivals' sites: chosen audience, bought placement."),
    ("Display", "Display_Newsletter-Signup_Prospecting", "hybrid", "Banner ads recruiting newsletter subscribers: paid reach for an opt-in list."),
    ("Video", "YT_Bumper6s_Brand-Launch", "outbound", "Six-second unskippable bumpers before videos people came for."),
    ("Video", "YT | In-Stream Skippable | Winter Collection", "outbound", "In-stream video ads interrupting YouTube videos."),
    ("Video", "YT_HowTo_Ski-Waxing_Tutorial", "hybrid", "YouTube ads buying views for the company's own how-to tutorial."),
    ("Video", "Video_Reach_CTV_18-34", "outbound", "Paid video reach on connected TV for an age band."),
    ("Demand Gen", "DemandGen_LAL_5pct_Purchasers", "outbound", "Demand Gen feed ads to a lookalike of purchasers."),
    ("Demand Gen", "DG | Gmail + Discover | Winter Sale", "outbound", "Paid Gmail and Discover placements pushing a sale."),
    ("Demand Gen", "DemandGen_Guide_Buying-Guide-Skis", "hybrid", "Feed ads sending paid traffic to the company's buying guide."),
    ("App", "App_Installs_Android_DE", "outbound", "App campaigns buy installs across Google's networks."),
    ("App", "App | iOS | Engagement | Lapsed Users", "outbound", "Paid app ads re-engaging lapsed users the advertiser chose."),
    ("Search", "Brand_Exact_FR [paused]", "outbound", "A paused brand search campaign: still paid search."),
    ("Display", "GDN_Placements_Ski-Forums_OLD", "outbound", "Managed display placements on forums: bought banner space."),
    ("Video", "YT_Masthead_Test_2025", "outbound", "A YouTube masthead test: a bought home-page takeover."),
]
# fmt: on
GOOGLE_REMOVED = {
    "Brand_Exact_FR [paused]",
    "GDN_Placements_Ski-Forums_OLD",
    "YT_Masthead_Test_2025",
}
GOOGLE_BIDS = {
    "Search": "Maximize conversions",
    "Performance Max": "Maximize conversion value",
    "Shopping": "Manual CPC",
    "Display": "Target CPA",
    "Video": "Target CPM",
    "Demand Gen": "Maximize clicks",
    "App": "Target CPA",
}


def google_ads(rng: random.Random) -> None:
    """Google Ads 'CSV for Excel': UTF-16LE with BOM, tabs, CRLF, titles and totals."""
    header = [
        "Campaign status",
        "Campaign",
        "Budget",
        "Budget type",
        "Status",
        "Campaign type",
        "Currency code",
        "Impr.",
        "Clicks",
        "CTR",
        "Avg. CPC",
        "Cost",
        "Conversions",
        "Cost / conv.",
        "Bid strategy type",
    ]
    rows: list[list[str]] = [["Campaign report"], ["November 1, 2026 - November 30, 2026"], header]
    expected: list[Expected] = []
    sums: dict[str, list[float]] = {}
    for kind, name, label, reason in GOOGLE:
        if name in GOOGLE_REMOVED:
            status = "Removed" if "OLD" in name or "2025" in name else "Paused"
            rows.append(
                [
                    status,
                    name,
                    "20.00",
                    "Daily",
                    status,
                    kind,
                    "EUR",
                    "0",
                    "0",
                    "--",
                    "--",
                    "--",
                    "0.00",
                    "--",
                    GOOGLE_BIDS[kind],
                ]
            )
        else:
            budget = rng.choice([30, 50, 80, 150, 400])
            cost, clicks, impr = spend_within(rng, budget * 30)
            conv = round(clicks * rng.uniform(0.0, 0.06), 2)
            status = rng.choice(["Eligible", "Eligible", "Eligible", "Limited by budget"])
            per_conv = us_number(cost / conv) if conv else "--"
            rows.append(
                [
                    "Enabled",
                    name,
                    us_number(budget),
                    "Daily",
                    status,
                    kind,
                    "EUR",
                    us_number(impr, 0),
                    us_number(clicks, 0),
                    f"{clicks / impr:.2%}",
                    us_number(cost / clicks),
                    us_number(cost),
                    us_number(conv),
                    per_conv,
                    GOOGLE_BIDS[kind],
                ]
            )
            for key in (kind, "Account", "Campaigns"):
                total = sums.setdefault(key, [0.0, 0.0, 0.0, 0.0])
                for i, v in enumerate((impr, clicks, cost, conv)):
                    total[i] += v
        expected.append((f"{kind}{JOIN}{name}", label, reason))
    order = [
        "Account",
        "Search",
        "Performance Max",
        "Shopping",
        "Display",
        "Video",
        "Demand Gen",
        "App",
        "Campaigns",
    ]
    for key in order:
        t_impr, t_clicks, t_cost, t_conv = sums[key]
        rows.append(
            [
                f"Total: {key}",
                "--",
                "--",
                "--",
                "--",
                "--",
                "EUR",
                us_number(t_impr, 0),
                us_number(t_clicks, 0),
                f"{t_clicks / t_impr:.2%}",
                us_number(t_cost / t_clicks),
                us_number(t_cost),
                us_number(t_conv),
                us_number(t_cost / t_conv),
                "--",
            ]
        )
        expected.append((f"--{JOIN}--", "total", f"Google's total row 'Total: {key}'."))
    text = table(rows, delimiter="\t", newline="\r\n")
    write("google_ads", b"\xff\xfe" + text.encode("utf-16-le"), expected)


# --------------------------------------------------------------------------- Microsoft Ads
# fmt: off
MICROSOFT: list[tuple[str, str, str, str]] = [
    ("Search", "Brand_Exact_US", "outbound", "Paid search on the brand name: bought clicks."),
    ("Search", "Brand_Exact_DE", "outbound", "Paid search on the brand name in Germany."),
    ("Search", "Brand_Phrase_CA", "outbound", "Paid search on brand phrases."),
    ("Search", "Brand_Exact_UK (imported)", "outbound", "A brand campaign imported from Google Ads: still paid search."),
    ("Search", "Generic_CRM-Software_Phrase", "outbound", "Paid search on generic category keywords."),
    ("Search", "Generic | Sales Pipeline Tool | Broad", "outbound", "Broad-match paid search on a generic need."),
    ("Search", "Generic_Lead-Management_Exact", "outbound", "Exact-match paid search on a generic need."),
    ("Search", "Bing_Generic_Broad_EN-GB", "outbound", "Broad paid search in English for the UK."),
    ("Search", "Generic_Broad_FR", "outbound", "Broad paid search in French."),
    ("Search", "Competitor_Salesforce_Exact", "outbound", "Bidding on a rival's name to intercept its searchers."),
    ("Search", "Search_Competitor_HubSpot_Broad", "outbound", "Paid search conquesting a rival's brand."),
    ("Search", "RLSA_Pricing-Page-Visitors", "outbound", "Search ads with bids raised for past pricing-page visitors: paid remarketing."),
    ("Search", "LinkedIn-Profile-Targeting_IT-Managers", "outbound", "Paid search narrowed to job titles the advertiser picked."),
    ("Search", "Search_Q4_Promo_20pct-Off", "outbound", "Paid search pushing a discount."),
    ("Search", "Webinar_Promo_Dec", "hybrid", "Paid search promoting the company's own webinar."),
    ("Search", "Ebook_Download_CRM-Buyers-Guide", "hybrid", "Paid search offering the company's own buyer's guide ebook."),
    ("Search", "Search | Podcast_Promo_Ep42", "hybrid", "Paid search promoting an episode of the company's podcast."),
    ("Shopping", "Shopping_All-Products_US", "outbound", "Paid product listings on Bing."),
    ("Shopping", "Shopping | Brand | High Priority", "outbound", "Paid product listings for brand queries."),
    ("Shopping", "Shopping_Clearance_Q4", "outbound", "Paid product listings for clearance stock."),
    ("Shopping", "Shopping_Smart_Bestsellers", "outbound", "Smart Shopping listings: bought placements."),
    ("Audience", "MSAN_Prospecting_In-Market_CRM", "outbound", "Microsoft Audience Network ads to an in-market segment: bought native placements."),
    ("Audience", "Audience | Remarketing | Cart 14d", "outbound", "Audience ads following cart abandoners."),
    ("Audience", "Native_Whitepaper_State-of-Sales-2026", "hybrid", "Native ads promoting the company's own whitepaper."),
    ("Audience", "MSAN_LinkedIn-Profile_CFOs", "outbound", "Audience ads to CFOs picked by profile targeting."),
    ("Audience", "Audience_Similar-Audiences_Customers", "outbound", "Audience ads to people similar to existing customers: the advertiser picks them."),
    ("Audience", "Audience_Video_Product-Launch", "outbound", "Paid video placements announcing a launch."),
    ("Performance max", "PMax_All-Products_US", "outbound", "Performance Max buys placements across Microsoft's network."),
    ("Performance max", "PMax | Feed | tROAS 350", "outbound", "Performance Max at a target return on ad spend."),
    ("Performance max", "PMax_Stores_Local", "outbound", "Performance Max bought for local store visits."),
    ("Dynamic search ads", "DSA_All-Pages", "outbound", "Dynamic search ads over the whole site: bought clicks."),
    ("Dynamic search ads", "DSA_Knowledge-Base_Articles", "hybrid", "Dynamic search ads sending paid clicks to knowledge-base articles."),
    ("Dynamic search ads", "DSA | Blog | Category Targets", "hybrid", "Dynamic search ads sending paid clicks to blog posts."),
]
# fmt: on


def microsoft_ads(rng: random.Random) -> None:
    """Microsoft Advertising report: UTF-8 BOM, comma, CRLF, quoted preamble, Total, footer."""
    header = [
        "Account name",
        "Campaign name",
        "Campaign type",
        "Campaign status",
        "Budget",
        "Currency code",
        "Impressions",
        "Clicks",
        "CTR",
        "Avg. CPC",
        "Spend",
        "Conversions",
        "Cost per conversion",
    ]
    preamble = [
        "Report Name: Campaign performance report",
        "Report Time: 11/1/2026 - 11/30/2026",
        "Time Zone: (GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
        "Last Completed Available Day: 12/1/2026 4:30:00 AM (GMT)",
        "Last Completed Available Hour: 12/1/2026 4:30:00 AM (GMT)",
        "Report Aggregation: Summary",
        "Report Filter: ",
        "Potential Incomplete Data: false",
        f"Rows: {len(MICROSOFT)}",
    ]
    body: list[list[str]] = [header]
    expected: list[Expected] = []
    total = [0.0, 0.0, 0.0, 0.0]
    for kind, name, label, reason in MICROSOFT:
        budget = rng.choice([25, 40, 75, 120])
        spend, clicks, impr = spend_within(rng, budget * 30)
        conv = rng.randint(0, max(1, clicks // 20))
        body.append(
            [
                "Acme Software Inc.",
                name,
                kind,
                rng.choice(["Active", "Active", "Paused"]),
                f"{budget:.2f}",
                "USD",
                str(impr),
                str(clicks),
                f"{clicks / impr:.2%}",
                f"{spend / clicks:.2f}",
                f"{spend:.2f}",
                str(conv),
                f"{spend / conv:.2f}" if conv else "0.00",
            ]
        )
        for i, v in enumerate((impr, clicks, spend, conv)):
            total[i] += v
        expected.append((f"{kind}{JOIN}{name}", label, reason))
    t_impr, t_clicks, t_spend, t_conv = total
    body.append(
        [
            "Total",
            "",
            "",
            "",
            "",
            "",
            str(int(t_impr)),
            str(int(t_clicks)),
            f"{t_clicks / t_impr:.2%}",
            f"{t_spend / t_clicks:.2f}",
            f"{t_spend:.2f}",
            str(int(t_conv)),
            f"{t_spend / t_conv:.2f}",
        ]
    )
    expected.append((JOIN, "total", "Microsoft's 'Total' row at the end of the data."))
    text = (
        table([[line] for line in preamble], newline="\r\n", quote_all=True)
        + "\r\n"
        + table(body, newline="\r\n", quote_all=True)
        + table(
            [["©2026 Microsoft Corporation. All rights reserved. "]], newline="\r\n", quote_all=True
        )
    )
    write("microsoft_ads", b"\xef\xbb\xbf" + text.encode("utf-8"), expected)


# --------------------------------------------------------------------------- Meta Ads
# (Campaign name, Objective, Result indicator, label, reason)
# fmt: off
META: list[tuple[str, str, str, str, str]] = [
    ("LAL_1pct_Purchasers_DE", "Sales", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "Sales ads to a 1% lookalike of buyers: the advertiser picks who sees them."),
    ("RTG_Cart_7d", "OUTCOME_SALES", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "Retargeting cart abandoners from the last 7 days with paid ads."),
    ("Advantage+ Shopping | Winterkollektion", "Sales", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "Advantage+ shopping ads selling the winter collection."),
    ("Frühjahrs-Sale_2026_Broad", "Sales", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "Broad paid reach for a spring sale."),
    ("Weihnachtsaktion_Gutschein_20%", "OUTCOME_SALES", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "Paid ads pushing a Christmas voucher."),
    ("Prospecting_Interests_Radsport_25-45", "Sales", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "Interest-targeted prospecting ads to people who never asked."),
    ("DPA_Retargeting_Viewed-Products_14d", "CONVERSIONS", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "Dynamic product ads following product viewers (legacy Conversions objective)."),
    ("Catalog_Sales_DPA_Broad", "Sales", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "Catalogue ads to a broad audience."),
    ("Sales_Gutschein_Neukunden_15€", "OUTCOME_SALES", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "Paid ads pushing a new-customer voucher."),
    ("Retargeting_Video-Viewers_50pct_Angebot", "Sales", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "Retargeting video viewers with an offer."),
    ("[Test] Advantage+ Audience vs. Interessen", "Sales", "actions:offsite_conversion.fb_pixel_purchase", "outbound", "An A/B test of paid audience settings."),
    ("Awareness_Reach_München_Umkreis-20km", "Awareness", "reach", "outbound", "Bought reach to everyone within 20 km of Munich."),
    ("Brand_Awareness_Video_Österreich", "OUTCOME_AWARENESS", "reach", "outbound", "Paid brand video reach in Austria."),
    ("Reach_Filialeröffnung_Köln", "REACH", "reach", "outbound", "Bought reach announcing a store opening (legacy Reach objective)."),
    ("Awareness_Partnership-Ads_@radlerin_anna", "Awareness", "reach", "outbound", "Partnership ads: paid reach through a creator's handle."),
    ("Video_Views_Markenfilm_30s", "VIDEO_VIEWS", "video_thruplay_watched_actions", "outbound", "Paid views of a 30-second brand film."),
    ("Traffic_LP_Black-Friday", "OUTCOME_TRAFFIC", "actions:landing_page_view", "outbound", "Paid traffic to a Black Friday landing page."),
    ("Traffic_Produktseite_E-Bikes", "LINK_CLICKS", "actions:link_click", "outbound", "Paid clicks to a product page (legacy Link clicks objective)."),
    ("Traffic_Blog_Winterreifen-Ratgeber", "Traffic", "actions:landing_page_view", "hybrid", "Paid traffic sent to the blog's tyre guide: bought reach for an inbound asset."),
    ("Traffic_Ratgeber_Fahrradkauf_Checkliste", "Traffic", "actions:landing_page_view", "hybrid", "Paid traffic to the company's bike-buying checklist."),
    ("Traffic_Newsletter-Anmeldung", "Traffic", "actions:landing_page_view", "hybrid", "Paid traffic to the newsletter sign-up: bought reach for an opt-in list."),
    ('Post: "5 Tipps für die Fahrradpflege im Winter 🚲"', "Engagement", "actions:post_engagement", "hybrid", "A boosted post of maintenance tips: paid reach for teaching content."),
    ('Post: "Unser Team beim Stadtlauf 2026"', "POST_ENGAGEMENT", "actions:post_engagement", "outbound", "A boosted team photo: paid engagement, nothing people would seek out."),
    ("Engagement_Page-Likes_DACH", "PAGE_LIKES", "actions:like", "outbound", "Paying for page likes from people who did not follow."),
    ("Engagement_Video_Produktdemo_ThruPlay", "Engagement", "video_thruplay_watched_actions", "outbound", "Paid views of a product demo video."),
    ("Leads_InstantForm_Webinar_Nov", "Leads", "actions:onsite_conversion.lead_grouped", "hybrid", "A lead ad whose form signs people up for the company's webinar: paid reach, opt-in form."),
    ("Lead Ads | Ebook Radreise-Planer | Instant Form", "OUTCOME_LEADS", "actions:onsite_conversion.lead_grouped", "hybrid", "A lead ad offering the company's ebook through an instant form."),
    ("Leads_Beratungstermin_Formular_Düsseldorf", "LEAD_GENERATION", "actions:onsite_conversion.lead_grouped", "hybrid", "A lead form ad for consultation bookings: paid reach, a form people choose to fill in."),
    ("Leads_Gewinnspiel_Skiurlaub", "Leads", "actions:onsite_conversion.lead_grouped", "hybrid", "A sweepstakes lead form ad: paid reach, entrants opt in."),
    ("App_Installs_iOS_DE", "App promotion", "actions:mobile_app_install", "outbound", "Paid app installs on iOS."),
    ("App_Installs_Android_AT", "OUTCOME_APP_PROMOTION", "actions:mobile_app_install", "outbound", "Paid app installs on Android."),
    ("App_Re-Engagement_Lapsed-Users", "App promotion", "actions:app_custom_event.fb_mobile_activate_app", "outbound", "Paid app ads to lapsed users the advertiser picked."),
    ("Messages_WhatsApp_Click-to-Chat_Verkauf", "MESSAGES", "actions:onsite_conversion.messaging_conversation_started_7d", "outbound", "Click-to-WhatsApp sales ads: paid reach into feeds."),
]
# fmt: on


def meta_ads(rng: random.Random) -> None:
    """Meta Ads Manager export re-saved by German Excel: UTF-8 BOM, ';', CRLF, 1.234,56."""
    header = [
        "Reporting starts",
        "Reporting ends",
        "Campaign name",
        "Campaign delivery",
        "Objective",
        "Attribution setting",
        "Results",
        "Result indicator",
        "Reach",
        "Frequency",
        "Impressions",
        "Cost per result",
        "Budget",
        "Budget type",
        "Amount spent (EUR)",
        "Ends",
    ]
    rows: list[list[str]] = [header]
    expected: list[Expected] = []
    for name, objective, indicator, label, reason in META:
        reach = rng.randint(3_000, 400_000)
        freq = rng.uniform(1.05, 4.2)
        spent = round(rng.uniform(45, 6_800), 2)
        results = rng.randint(0, 900) if indicator != "reach" else reach
        budget = rng.choice([15, 25, 50, 100, 250])
        delivery = rng.choice(["active", "active", "inactive", "completed", "not_delivering"])
        rows.append(
            [
                "01.11.2026",
                "30.11.2026",
                name,
                delivery,
                objective,
                "7-day click or 1-day view",
                str(results) if results else "",
                indicator if results else "",
                str(reach),
                de_number(freq, 6),
                str(int(reach * freq)),
                de_number(spent / results, 6) if results else "",
                de_number(budget, 0),
                rng.choice(["Daily", "Using ad set budget"]),
                de_number(spent),
                rng.choice(["Ongoing", "31.12.2026", "30.11.2026"]),
            ]
        )
        expected.append((f"{name}{JOIN}{objective}", label, reason))
    text = table(rows, delimiter=";", newline="\r\n")
    write("meta_ads", b"\xef\xbb\xbf" + text.encode("utf-8"), expected)


# --------------------------------------------------------------------------- LinkedIn Ads
SC, SM, TA, DA = "Sponsored Content", "Sponsored Messaging", "Text Ads", "Dynamic Ads"
# (Campaign Group Name, Campaign Type, Campaign Name, Campaign Objective, label, reason)
# fmt: off
LINKEDIN: list[tuple[str, str, str, str, str, str]] = [
    ("ABM Tier 1", SC, "ABM_Tier1_Target-Accounts_CFO", "Brand awareness", "outbound", "Paid awareness to CFOs at accounts the company picked."),
    ("ABM Tier 2", SC, "ABM_Tier2_Intent-Surge_Accounts", "Website visits", "outbound", "Paid ads to accounts flagged by intent data."),
    ("FY26 Demand Gen", SC, "Webinar_Promo_Nov_Zero-Trust", "Lead generation", "hybrid", "Paid promotion of the company's own webinar with a lead form."),
    ("FY26 Demand Gen", SC, "Ebook_State-of-Finance-2026_LGF", "Lead generation", "hybrid", "A Lead Gen Form ad offering the company's ebook."),
    ("FY26 Demand Gen", SC, "Whitepaper_Syndication_IT-Security", "Lead generation", "hybrid", "Paid distribution of the company's whitepaper behind a form."),
    ("FY26 Demand Gen", SC, "Document-Ads_Checklist_SOC2", "Lead generation", "hybrid", "A document ad offering a checklist download: paid reach for an inbound asset."),
    ("FY26 Demand Gen", SC, "Carousel_Case-Study_Logistics", "Website visits", "hybrid", "Paid traffic to a customer case study."),
    ("FY26 Demand Gen", SC, "Newsletter_Subscribe_Finance-Weekly", "Website conversions", "hybrid", "Paid reach to grow the opt-in newsletter."),
    ("FY26 Demand Gen", SC, "Podcast_Promo_Ep12_Audio-Snippet", "Video views", "hybrid", "Paid views of a snippet promoting the company's podcast."),
    ("Thought Leadership", SC, "Thought-Leadership_CEO-Posts_Boost", "Engagement", "hybrid", "Boosting the CEO's thought-leadership posts: paid reach for teaching content."),
    ("Brand", SC, "Video_Brand-Film_Q4", "Video views", "outbound", "Paid views of a brand film."),
    ("Brand", SC, "Brand_Awareness_CFO_DACH_Q4", "Brand awareness", "outbound", "Bought awareness among CFOs in DACH."),
    ("Brand", SC, "Engagement_Poll_Finance-Trends", "Engagement", "outbound", "A paid poll pushed into feeds for engagement."),
    ("Retargeting", SC, "Website-Visits_Pricing-Page_Retargeting", "Website visits", "outbound", "Retargeting pricing-page visitors with paid ads."),
    ("Retargeting", SC, "Retargeting_Video-Viewers_75pct_Demo", "Website conversions", "outbound", "Retargeting video viewers with a demo offer."),
    ("Retargeting", SC, "Conversions_Demo-Offer_Matched-Audiences", "Website conversions", "outbound", "A demo offer to an uploaded list of contacts the company picked."),
    ("Prospecting", SC, "Lookalike_Website-Visitors_EMEA", "Website visits", "outbound", "Paid ads to a lookalike of site visitors."),
    ("Events", SC, "Event_Promo_Hannover-Messe_Booth-Invite", "Brand awareness", "outbound", "Paid ads inviting people to a trade-show booth."),
    ("Outbound", SM, "SDR cold sequence – Sponsored InMail – IT Directors", "Lead generation", "outbound", "Sponsored InMail from SDRs to IT directors who never wrote first."),
    ("Outbound", SM, "Conversation-Ad_Demo-Offer_VP-Sales", "Website conversions", "outbound", "A paid conversation ad pushing a demo offer into inboxes."),
    ("Outbound", SM, "InMail_Event-Invite_Roundtable_Munich", "Website conversions", "outbound", "Paid InMail inviting executives to a roundtable."),
    ("FY26 Demand Gen", SM, "Message-Ad_Webinar-Invite_Tier2", "Website visits", "hybrid", "A paid message promoting the company's own webinar."),
    ("Customers", SM, "Sponsored-Messaging_Renewal-Offer_Customers", "Website conversions", "outbound", "A paid message pushing a renewal offer."),
    ("Brand", TA, "TextAds_Brand_DACH", "Website visits", "outbound", "Paid text ads in the right rail."),
    ("Brand", TA, "Text Ads | Brand | EN", "Brand awareness", "outbound", "Paid text ads for brand awareness."),
    ("Prospecting", TA, "Text Ads | Competitor Conquest | SMB", "Website visits", "outbound", "Paid text ads to a rival's audience."),
    ("Retargeting", TA, "TA_Retargeting_Blog-Readers", "Website visits", "outbound", "Text ads following blog readers: paid retargeting."),
    ("Brand", DA, "Follower-Ads_Company-Page", "Engagement", "outbound", "Paying for company-page followers."),
    ("FY26 Demand Gen", DA, "Spotlight_Ads_Free-Assessment", "Website visits", "hybrid", "Spotlight ads promoting the company's free assessment tool."),
    ("FY26 Demand Gen", DA, "Dynamic_Ads_Content-Ads_Guide-Download", "Lead generation", "hybrid", "Content ads offering the company's guide download."),
    ("Employer Branding", DA, "Jobs_Ads_Engineering_Berlin", "Job applicants", "hybrid", "Paid reach for job openings that candidates choose to apply to."),
    ("Employer Branding", SC, "Employer-Branding_Video_Life-at-Acme", "Job applicants", "hybrid", "Paid reach for employer-brand content."),
    ("Employer Branding", SC, "Talent_Leads_Sales-Engineers", "Talent leads", "hybrid", "A talent lead form ad: paid reach, candidates opt in."),
]
# fmt: on


def linkedin_ads(rng: random.Random) -> None:
    """LinkedIn Campaign Manager export: UTF-8, comma, LF, six preamble lines."""
    preamble = [
        "Campaign Performance Report (in UTC)",
        "Report Start: 11/1/2026, 12:00 AM",
        "Report End: 11/30/2026, 11:59 PM",
        "Date Generated: 12/1/2026, 8:12 AM",
        "Account Name: Acme Finance Cloud",
        "Account ID: 508123456",
    ]
    header = [
        "Start Date (in UTC)",
        "Account Name",
        "Campaign Group Name",
        "Campaign Group ID",
        "Campaign Name",
        "Campaign ID",
        "Campaign Type",
        "Campaign Objective",
        "Campaign Status",
        "Currency",
        "Total Spent",
        "Impressions",
        "Clicks",
        "Click Through Rate",
        "Average CPM",
        "Average CPC",
        "Conversions",
        "Leads",
    ]
    rows: list[list[str]] = [header]
    expected: list[Expected] = []
    for n, (group, kind, name, objective, label, reason) in enumerate(LINKEDIN):
        impr = rng.randint(1_500, 250_000)
        clicks = max(1, int(impr * rng.uniform(0.003, 0.02)))
        spent = round(rng.uniform(120, 9_500), 2)
        leads = rng.randint(0, 60) if objective in ("Lead generation", "Talent leads") else 0
        rows.append(
            [
                "11/1/2026",
                "Acme Finance Cloud",
                group,
                str(618_000_000 + sorted({g for g, *_ in LINKEDIN}).index(group)),
                name,
                str(402_117_000 + n),
                kind,
                objective,
                rng.choice(["Active", "Active", "Paused", "Completed"]),
                "EUR",
                f"{spent:.2f}",
                str(impr),
                str(clicks),
                f"{clicks / impr:.4f}",
                f"{spent / impr * 1000:.2f}",
                f"{spent / clicks:.2f}",
                str(rng.randint(0, 40)),
                str(leads),
            ]
        )
        expected.append((f"{kind}{JOIN}{name}{JOIN}{objective}", label, reason))
    text = "\n".join(preamble) + "\n" + table(rows)
    write("linkedin_ads", text.encode("utf-8"), expected)


# --------------------------------------------------------------------------- HubSpot
# (Original Source, Drill-Down 1, Drill-Down 2, Lifecycle Stage, label, reason)
# fmt: off
HUBSPOT: list[tuple[str, str, str, str, str, str]] = [
    ("Organic Search", "crm for small business", "google.com", "Marketing Qualified Lead", "inbound", "Found the site through unpaid Google results for the category."),
    ("Organic Search", "", "google.com", "Lead", "inbound", "Unpaid Google search (the search term is not passed on)."),
    ("Organic Search", "", "bing.com", "Subscriber", "inbound", "Unpaid Bing search."),
    ("Organic Search", "best crm for startups", "duckduckgo.com", "Lead", "inbound", "Unpaid search on DuckDuckGo."),
    ("Organic Search", "", "ecosia.org", "Subscriber", "inbound", "Unpaid search on Ecosia."),
    ("Paid Search", "brand_exact_uk", "google", "Lead", "outbound", "Arrived by a Google Ads click; seed 001 lists PPC as outbound."),
    ("Paid Search", "generic_crm_phrase", "google", "Sales Qualified Lead", "outbound", "Clicked a paid Google ad on a generic keyword."),
    ("Paid Search", "Brand_Exact_US", "bing", "Lead", "outbound", "Clicked a paid Bing ad."),
    ("Paid Search", "pmax_shoes_roas400", "google", "Customer", "outbound", "Clicked a Performance Max ad."),
    ("Direct Traffic", "https://www.example.com/pricing", "", "Opportunity", "inbound", "Typed the address or used a bookmark: already knew the brand."),
    ("Direct Traffic", "https://www.example.com/", "", "Lead", "inbound", "A direct visit to the home page."),
    ("Direct Traffic", "https://www.example.com/demo", "", "Sales Qualified Lead", "inbound", "A direct visit that asked for a demo."),
    ("Email Marketing", "newsletter_nov_2026", "Newsletter – November 2026", "Customer", "inbound", "Came from the newsletter people subscribed to."),
    ("Email Marketing", "webinar_reminder_q4_roadmap", "Webinar Reminder – Q4 Roadmap", "Marketing Qualified Lead", "inbound", "Came from a reminder for a webinar they registered for."),
    ("Email Marketing", "blog_digest_weekly", "Blog Digest – Weekly", "Subscriber", "inbound", "Came from the blog digest subscribers receive."),
    ("Organic Social", "LinkedIn", "", "Lead", "inbound", "Clicked an unpaid LinkedIn post."),
    ("Organic Social", "Facebook", "", "Subscriber", "inbound", "Clicked an unpaid Facebook post."),
    ("Organic Social", "Twitter", "launch_thread", "Lead", "inbound", "Clicked an unpaid post on X/Twitter."),
    ("Organic Social", "YouTube", "howto_series", "Subscriber", "inbound", "Came from the company's own YouTube video."),
    ("Paid Social", "LinkedIn", "Webinar_Promo_Nov_Zero-Trust", "Marketing Qualified Lead", "outbound", "Clicked a paid LinkedIn ad."),
    ("Paid Social", "Facebook", "LAL_1pct_Purchasers_DE", "Lead", "outbound", "Clicked a paid Facebook ad."),
    ("Paid Social", "Instagram", "RTG_Cart_7d", "Lead", "outbound", "Clicked a paid Instagram ad."),
    ("Referrals", "g2.com", "https://www.g2.com/products/acme/reviews", "Opportunity", "inbound", "Came from a review site."),
    ("Referrals", "capterra.com", "https://www.capterra.com/p/1234/acme/", "Lead", "inbound", "Came from a software directory listing."),
    ("Referrals", "partner-blog.example.org", "https://partner-blog.example.org/top-10-crm", "Lead", "inbound", "Followed a link in someone else's article."),
    ("AI Referrals", "chatgpt.com", "", "Lead", "inbound", "Followed a link an AI assistant gave in answer to their own question."),
    ("AI Referrals", "perplexity.ai", "", "Subscriber", "inbound", "Followed a link from an AI search answer."),
    ("Other Campaigns", "webinar_q4_roadmap", "partner_newsletter", "Marketing Qualified Lead", "inbound", "Registered for a webinar through a tagged link."),
    ("Other Campaigns", "postcard_qr_nov", "direct_mail", "Lead", "outbound", "Scanned the QR code on a mailed postcard."),
    ("Other Campaigns", "SDR_cold_sequence_Q4", "outreach", "Lead", "outbound", "Clicked a tracked link in an SDR's cold email."),
    ("Other Campaigns", "podcast_ep42_shownotes", "podcast", "Subscriber", "inbound", "Came from the show notes of the company's podcast."),
    ("Offline Sources", "IMPORT", "ZoomInfo_DACH_CFOs_2026-11.csv", "Lead", "outbound", "Imported from a bought ZoomInfo list (the file name says so); the tool sees only IMPORT."),
    ("Offline Sources", "IMPORT", "Messe_Muenchen_Badge-Scans.csv", "Lead", "outbound", "Badge scans from a trade-show stand; the tool sees only IMPORT."),
    ("Offline Sources", "CRM_UI", "jane.doe@example.com", "Other", "unclassified", "A rep typed the contact in by hand; nobody can tell who moved first."),
    ("Offline Sources", "INTEGRATION", "Zoom Webinars", "Marketing Qualified Lead", "inbound", "A webinar registrant synced from Zoom; the tool sees only INTEGRATION."),
    ("Offline Sources", "API", "enrichment-script", "Other", "unclassified", "Created by an API script; the source does not say how the person came."),
]
# fmt: on
FIRST = ["Testy", "Sample", "Demo", "Fakey", "Placeholder", "Dummy", "Mock", "Example", "Foo"]
LAST = ["McTestface", "Examplesson", "Notreal", "Fixture", "Lorem", "Ipsum", "Bar", "Baz"]


def hubspot_contacts(rng: random.Random) -> None:
    """HubSpot contacts export: UTF-8, comma, LF, every field quoted."""
    header = [
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Original Source",
        "Original Source Drill-Down 1",
        "Original Source Drill-Down 2",
        "Lifecycle Stage",
        "Create Date",
    ]
    rows: list[list[str]] = [header]
    expected: list[Expected] = []
    for n, (source, dd1, dd2, stage, label, reason) in enumerate(HUBSPOT):
        first, last = FIRST[n % len(FIRST)], LAST[n % len(LAST)]
        created = (
            f"2026-11-{rng.randint(1, 30):02d} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}"
        )
        rows.append(
            [
                str(51_200_000_101 + n * 7),
                first,
                last,
                f"{first.lower()}.{last.lower()}{n}@example.com",
                source,
                dd1,
                dd2,
                stage,
                created,
            ]
        )
        expected.append((f"{source}{JOIN}{dd1}", label, reason))
    write("hubspot_contacts", table(rows, quote_all=True).encode("utf-8"), expected)


# --------------------------------------------------------------------------- Salesforce
# (Campaign Name, Type, label, reason)
# fmt: off
SALESFORCE: list[tuple[str, str, str, str]] = [
    ("Messe München – BAU 2026 Stand B4.312", "Trade Show", "outbound", "A paid stand at a trade fair; seed 001 lists trade shows as outbound."),
    ("Salon de l'Étudiant – Paris", "Trade Show", "outbound", "A stand at a student fair."),
    ("Hannover Messe 2026 – Booth & Lead Scanning", "Trade Show", "outbound", "A trade-show booth scanning visitors' badges."),
    ("Swissbau Basel – Stand Genève Team", "Trade Show", "outbound", "A trade-show stand."),
    ("Q4 Renewal Telemarketing – DACH", "Telemarketing", "outbound", "Calls out to a renewal list."),
    ("Cold Calling Blitz Nov – Zürich", "Telemarketing", "outbound", "Cold calls to prospects who never asked."),
    ("Frühjahrskatalog 2026 Mailing", "Direct Mail", "outbound", "A printed catalogue mailed to a list."),
    ("Postcard – “Wir vermissen Sie” Win-back", "Direct Mail", "outbound", "A win-back postcard sent unasked."),
    ("Door Drop – Neubaugebiet Köln-Süd", "Direct Mail", "outbound", "Leaflets dropped through doors in a new housing area."),
    ("Webinar: Zero-Trust in 45 Minuten", "Webinar", "inbound", "People register for a webinar to learn."),
    ("Webinar – Onboarding Best Practices (On-Demand)", "Webinar", "inbound", "An on-demand webinar people choose to watch."),
    ("Partner Co-Webinar with DATEV", "Partners", "inbound", "A webinar co-hosted with a partner; people register to learn."),
    ("Reseller MDF – Joint Mailing", "Partners", "outbound", "A partner-funded mailing pushed to the reseller's list."),
    ("Newsletter Nov 2026", "Email", "inbound", "The newsletter subscribers signed up for."),
    ("Product Launch Email – Opt-in List", "Email", "inbound", "A launch email to people who opted in."),
    ("Purchased List Email Blast – Café Owners", "Email", "outbound", "A blast to a bought list of café owners."),
    ("Customer Referral Program 2026 – 50 € Gutschein", "Referral Program", "inbound", "Customers refer friends for a voucher."),
    ("Press Release – Series B Funding", "Public Relations", "inbound", "Earned coverage of a funding round."),
    ("Trade Press Coverage – Handelsblatt", "Public Relations", "inbound", "Earned coverage in the trade press."),
    ("Google Ads – Brand DACH", "Advertisement", "outbound", "Paid search ads; seed 001 lists PPC as outbound."),
    ("LinkedIn Sponsored Content – CFO Whitepaper", "Advertisement", "hybrid", "Paid LinkedIn reach for the company's own whitepaper."),
    ("Print Ad – WirtschaftsWoche Nov", "Advertisement", "outbound", "A print ad in a business magazine."),
    ("Radio Spot – Antenne Bayern", "Advertisement", "outbound", "A paid radio spot."),
    ("TV Spot – Sky Deutschland", "Advertisement", "outbound", "A paid TV spot."),
    ("Programmatic Banner Q4 – Retargeting", "Banner Ads", "outbound", "Programmatic retargeting banners."),
    ("Banner – heise.de Sponsoring", "Banner Ads", "outbound", "A sponsored banner on a tech news site."),
    ("Sponsoring – Gründerszene Summit", "Conference", "outbound", "Paid sponsorship of a conference."),
    ("Tax Law Update Seminar 2026 – Open Registration", "Seminar / Conference", "inbound", "An educational seminar people sign up for."),
    ("Inbound Leads – Website Contact Form", "Other", "inbound", "People who filled in the contact form."),
    ("Chatbot Leads – Pricing Page", "Other", "inbound", "Visitors who asked the chatbot on the pricing page."),
    ("SEO – Organic Blog Leads", "Other", "inbound", "Leads from unpaid search and the blog."),
    ("Gated Ebook – “Der große DSGVO-Leitfaden”", "Other", "inbound", "A gated ebook people download."),
    ("G2 Reviews – Review Request Campaign", "Other", "inbound", "Asking customers for reviews prospects read on their own."),
    ("SDR Outbound Sequence – Logistics Vertical", "Other", "outbound", "SDRs contact logistics prospects first."),
    ("ABM – Top 50 Target Accounts", "Other", "outbound", "Going after accounts the company picked."),
]
# fmt: on


def salesforce_campaigns(rng: random.Random) -> None:
    """Salesforce report exported as cp1252: comma, CRLF, quoted, blank line and footer."""
    header = [
        "Campaign Name",
        "Type",
        "Status",
        "Start Date",
        "End Date",
        "Budgeted Cost in Campaign",
        "Actual Cost in Campaign",
        "Leads in Campaign",
        "Converted Leads in Campaign",
        "Responses in Campaign",
        "Campaign Owner",
    ]
    owners = ["Jane Doe", "Étienne Dubois", "Jürgen Weiß", "Zoë Müller"]
    rows: list[list[str]] = [header]
    expected: list[Expected] = []
    for name, kind, label, reason in SALESFORCE:
        budget = rng.choice([0, 500, 1_500, 4_000, 12_500, 38_000])
        actual = round(budget * rng.uniform(0.6, 1.15), 2) if budget else 0.0
        leads = rng.randint(0, 480)
        start = rng.randint(1, 28)
        rows.append(
            [
                name,
                kind,
                rng.choice(["Completed", "In Progress", "Planned", "Aborted"]),
                f"{rng.randint(1, 11)}/{start}/2026",
                f"12/{start}/2026",
                f"€{budget:,.2f}",
                f"€{actual:,.2f}",
                str(leads),
                str(rng.randint(0, leads // 4 + 1)),
                str(rng.randint(0, leads)),
                rng.choice(owners),
            ]
        )
        expected.append((f"{name}{JOIN}{kind}", label, reason))
    footer = [
        ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."],
        ["Confidential Information - Do Not Distribute"],
        ["Generated By:  Jane Doe  12/1/2026 9:15 AM"],
        ["Acme GmbH"],
    ]
    text = (
        table(rows, newline="\r\n", quote_all=True)
        + "\r\n"
        + table(footer, newline="\r\n", quote_all=True)
    )
    write("salesforce_campaigns", text.encode("cp1252"), expected)


# --------------------------------------------------------------------------- GA4
# fmt: off
GA4: list[tuple[str, str, str]] = [
    ("google / organic", "inbound", "Unpaid Google search visits."),
    ("(direct) / (none)", "inbound", "Typed the address or used a bookmark."),
    ("google / cpc", "outbound", "Paid Google Ads clicks."),
    ("bing / organic", "inbound", "Unpaid Bing search visits."),
    ("bing / cpc", "outbound", "Paid Microsoft Ads clicks."),
    ("newsletter / email", "inbound", "Clicks from the newsletter people subscribed to."),
    ("hs_email / email", "inbound", "Clicks from HubSpot marketing emails to contacts."),
    ("mailchimp / email", "inbound", "Clicks from the Mailchimp list's emails."),
    ("webinar / email", "inbound", "Clicks from emails to webinar registrants."),
    ("facebook / paid_social", "outbound", "Paid Facebook ads."),
    ("fb / paid", "outbound", "Meta's default tagging for paid Facebook and Instagram ads."),
    ("linkedin / paid_social", "outbound", "Paid LinkedIn ads."),
    ("tiktok / paid_social", "outbound", "Paid TikTok ads."),
    ("m.facebook.com / referral", "inbound", "Unpaid Facebook link clicks on mobile."),
    ("l.facebook.com / referral", "inbound", "Unpaid clicks through Facebook's link shim."),
    ("lnkd.in / referral", "inbound", "Unpaid clicks on shared LinkedIn links."),
    ("linkedin.com / referral", "inbound", "Unpaid visits from LinkedIn."),
    ("t.co / referral", "inbound", "Unpaid clicks on links shared on X/Twitter."),
    ("reddit.com / referral", "inbound", "Visitors from a Reddit discussion."),
    ("youtube.com / referral", "inbound", "Visitors from YouTube video descriptions."),
    ("g2.com / referral", "inbound", "Visitors from a review site."),
    ("chatgpt.com / referral", "inbound", "Visitors who followed a link an AI assistant gave them."),
    ("perplexity.ai / referral", "inbound", "Visitors from an AI search answer."),
    ("partner / affiliate", "hybrid", "Affiliates are paid per sale on someone else's audience, but the visitor clicked a recommendation."),
    ("duckduckgo / organic", "inbound", "Unpaid DuckDuckGo search visits."),
    ("yahoo / organic", "inbound", "Unpaid Yahoo search visits."),
    ("ecosia.org / organic", "inbound", "Unpaid Ecosia search visits."),
    ("dv360 / cpm", "outbound", "Programmatic display bought per thousand impressions."),
    ("youtube / cpv", "outbound", "YouTube video ads paid per view."),
    ("outbrain / native", "outbound", "Paid native placements."),
    ("criteo / retargeting", "outbound", "Paid retargeting banners."),
    ("googleads.g.doubleclick.net / referral", "outbound", "Clicks on Google display ads that lost their tagging: the domain is Google's ad server."),
    ("outreach / email", "outbound", "Tracked links in sales reps' cold emails."),
    ("magazine_ad / print", "outbound", "Visitors from a printed magazine ad's URL."),
    ("(not set) / (not set)", "unclassified", "GA4 could not tell where the session came from; nobody can."),
]
# fmt: on


def ga4_source_medium(rng: random.Random) -> None:
    """GA4 traffic acquisition download: UTF-8, comma, LF, '#' comment lines first."""
    comments = [
        "# ----------------------------------------",
        "# Traffic acquisition: Session source / medium",
        "# Account: Acme Outdoor",
        "# Property: acme-outdoor.example - GA4",
        "# Start date: 20261101",
        "# End date: 20261130",
        "# ----------------------------------------",
    ]
    header = [
        "Session source / medium",
        "Sessions",
        "Engaged sessions",
        "Engagement rate",
        "Average engagement time per session",
        "Events per session",
        "Event count",
        "Key events",
        "Session key event rate",
        "Total revenue",
    ]
    rows: list[list[str]] = [header]
    expected: list[Expected] = []
    for source, label, reason in GA4:
        sessions = rng.randint(40, 120_000)
        engaged = int(sessions * rng.uniform(0.3, 0.8))
        events = int(sessions * rng.uniform(3, 12))
        keys = rng.randint(0, max(1, sessions // 40))
        rows.append(
            [
                source,
                str(sessions),
                str(engaged),
                f"{engaged / sessions:.4f}",
                f"{rng.uniform(8, 190):.6f}",
                f"{events / sessions:.6f}",
                str(events),
                str(keys),
                f"{rng.uniform(0, 0.05):.4f}",
                f"{rng.uniform(0, 25_000):.2f}",
            ]
        )
        expected.append((source, label, reason))
    text = "\n".join(comments) + "\n\n" + table(rows)
    write("ga4_source_medium", text.encode("utf-8"), expected)


def main() -> None:
    """Rewrite every fixture from a fixed seed, so the bytes never drift."""
    for seed, make in enumerate(
        [
            google_ads,
            microsoft_ads,
            meta_ads,
            linkedin_ads,
            hubspot_contacts,
            salesforce_campaigns,
            ga4_source_medium,
        ]
    ):
        make(random.Random(seed))


if __name__ == "__main__":
    main()
