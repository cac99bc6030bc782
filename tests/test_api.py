"""The Python API a user calls directly."""

from __future__ import annotations

import pickle

import pytest

import pushpull


def test_classify_returns_an_immutable_result() -> None:
    result = pushpull.classify("cold DM campaign")
    assert result.label == "outbound"
    assert result.score > 0.5
    assert 0 < result.confidence <= 1
    assert {d.id for d in result.dimensions} >= {"permission"}
    with pytest.raises(AttributeError):
        result.label = "inbound"  # type: ignore[misc]


def test_to_dict_follows_the_output_contract() -> None:
    data = pushpull.classify("cold DM campaign").to_dict()
    assert data["schema_version"] == 1
    assert data["tactic"] == "cold DM campaign"
    assert set(data) >= {"score", "label", "confidence", "dimensions", "rulebook"}
    dim = data["dimensions"][0]
    assert set(dim) >= {"id", "name", "score", "evidence"}
    ev = dim["evidence"][0]
    assert set(ev) >= {"text", "start", "end", "rule", "weight", "why"}
    assert data["tactic"][ev["start"] : ev["end"]] == ev["text"]
    book = data["rulebook"]
    assert book["name"] == "default" and book["version"] == "1" and len(book["sha256"]) == 64


def test_classify_many_is_lazy_and_keeps_order() -> None:
    texts = ["webinar series", "cold calls", "social media", "zzz"]
    results = pushpull.classify_many(iter(texts))
    assert not isinstance(results, list)
    assert [r.tactic for r in results] == texts


def test_classify_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        pushpull.classify(42)  # type: ignore[arg-type]


def test_rulebook_pickles_for_worker_processes() -> None:
    book = pushpull.default_rulebook()
    copy = pickle.loads(pickle.dumps(book))
    assert copy.sha256 == book.sha256
    assert (
        pushpull.classify("paid social ad", copy).to_dict()
        == pushpull.classify("paid social ad", book).to_dict()
    )


def test_load_rulebook_reads_the_default() -> None:
    book = pushpull.load_rulebook()
    assert {"permission", "communication_flow", "cost_model", "asset_type"} <= {
        d.id for d in book.dimensions
    }
    assert book.sha256 == pushpull.default_rulebook().sha256


def test_parallel_results_explain_themselves_like_serial_ones() -> None:
    texts = ["nonintrusive webinar ads", "paid social", "no cold calls, only blogs"] * 3
    serial = [r.to_dict() for r in pushpull.classify_many(texts)]
    parallel = [r.to_dict() for r in pushpull.classify_many(texts, jobs=2)]
    assert parallel == serial
    assert [e.text for e in next(pushpull.classify_many(texts, jobs=2)).evidence] == [
        "intrusive",
        "webinar",
        "ads",
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_classify_many_answers_the_blanks_of_a_data_frame_column(jobs: int) -> None:
    pandas = pytest.importorskip("pandas")
    cells = ["cold DM campaign", None, float("nan"), pandas.NA, "", "webinar"]
    column = pandas.Series(cells, dtype=object)  # as read: each blank as it came
    inferred = pandas.Series(cells)  # pandas' own text dtype: every blank made one kind
    assert [str(r.label) for r in pushpull.classify_many(inferred)][1:4] == ["unclassified"] * 3
    results = list(pushpull.classify_many(column, jobs=jobs))
    assert [str(r.label) for r in results] == [
        "outbound",
        "unclassified",
        "unclassified",
        "unclassified",
        "unclassified",
        "inbound",
    ]
    assert [r.reason for r in results] == [
        None,
        "missing value (None)",
        "missing value (nan)",
        "missing value (<NA>)",
        None,  # an empty text is scored as classify() scores it: nothing matched
        None,
    ]


def test_classify_many_names_the_item_that_is_not_text() -> None:
    with pytest.raises(TypeError, match="item 1 is int"):
        list(pushpull.classify_many(["webinar", 3]))
