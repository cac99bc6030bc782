"""A batch row's JSON is written straight from the findings: it must be the text
json.dumps writes for ``to_dict()``, byte for byte."""

from __future__ import annotations

import json

import pytest

import pushpull

TACTICS = [
    "cold call blitz",
    "nonintrusive webinar",
    "WebinarSignups Q3",
    "rmkt fb",
    "webniar invite",
    "customers call us",
    "we call landlords",
    "no cold calls",
    "ad in the seniors' newsletter",
    "nurture web inquiries, then telemarketing",
    'Podcast "No Ads Needed"',
    "Straße cold call",
    "\uff37\uff25\uff22\uff29\uff2e\uff21\uff32 full width",  # full-width letters
    "Événement café — salon, emailing",
    "weekly 2024 spring",
]


@pytest.mark.parametrize("context", [None, "paid ad"])
@pytest.mark.parametrize("tactic", TACTICS)
def test_json_head_is_what_json_dumps_writes(tactic: str, context: str | None) -> None:
    result = pushpull.classify(tactic, context=context)
    body = result.to_dict()
    del body["rulebook"]
    assert result.json_head() == json.dumps(body, ensure_ascii=False)[:-1]
