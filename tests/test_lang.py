"""Language layers: the shipped German, French, Spanish, Dutch and Italian words, and the
``phrases:`` section that lets a layer add words to signals another layer defines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import pushpull
from pushpull import shipped
from pushpull.errors import ExitCode, UsageError
from pushpull.ruletest import accepts

from .conftest import run_cli, seed_rows

CODES = ["de", "es", "fr", "it", "nl"]
ALL = tuple(CODES)


def book(*codes: str) -> pushpull.Rulebook:
    return pushpull.load_rulebook(lang=codes, use_cache=False)


def write(tmp_path: Path, text: str, name: str = "acme.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_five_languages_ship() -> None:
    assert shipped.languages() == CODES
    for code in CODES:
        assert shipped.lang_layer(code).name == f"{code}.yaml"
    assert shipped.lang_layer(" DE ") == shipped.lang_layer("de")


@pytest.mark.parametrize("code", CODES)
def test_each_layer_validates_and_its_examples_pass(code: str) -> None:
    layer = str(shipped.lang_layer(code))
    assert run_cli(["rules", "validate", layer]).code == 0
    run = run_cli(["rules", "test", layer])
    assert run.code == 0, run.out
    assert book(code).name == f"default+lang-{code}"
    own = [e for e in book(code).examples if e.location.startswith(layer)]
    assert len(own) >= 5
    assert all(f"\t{e.tactic}" in run.out for e in own)  # the layer's examples ran


def test_all_five_layers_load_together_and_every_example_passes() -> None:
    layers = [str(shipped.lang_layer(code)) for code in CODES]
    run = run_cli(["rules", "test", *layers])
    assert run.code == 0, run.out
    assert run.out.strip().endswith("0 failed")


@pytest.mark.parametrize("code", CODES)
def test_every_listed_phrase_fires_its_signal(code: str) -> None:
    """A word that normalises onto another signal's phrase, or that a longer phrase
    swallows, would never count; each one, written alone, must fire where it is listed."""
    rb = book(code)
    layer = yaml.safe_load(shipped.lang_layer(code).read_text("utf-8"))
    wrong = []
    needs_company = {s.id for s in rb.signals if not s.alone}
    for signal, phrases in layer["phrases"].items():
        for phrase in phrases:
            # a modifier that counts only beside someone ("kalt") is given a person
            written = f"{phrase} customers" if signal in needs_company else phrase
            fired = {ev.rule for ev in pushpull.classify(written, rb).evidence}
            if fired != {signal}:
                wrong.append((phrase, signal, sorted(fired)))
    assert wrong == []


@pytest.mark.parametrize(
    ("code", "tactic", "expected"),
    [
        ("de", "Telefonakquise bei Zahnarztpraxen", "outbound"),
        ("de", "Werbespots im Radio und Plakatwerbung in der Innenstadt", "outbound"),
        ("de", "Messestand auf der Fachmesse für Bäcker", "outbound"),
        ("de", "Kunden finden uns über Mundpropaganda und Empfehlungen", "inbound"),
        ("de", "kostenloser Leitfaden zum Herunterladen", "inbound"),
        ("fr", "prospection téléphonique auprès des artisans", "outbound"),
        ("fr", "boîtage de dépliants dans le quartier", "outbound"),
        ("fr", "spot radio pendant les vacances", "outbound"),
        ("fr", "bouche-à-oreille et avis clients", "inbound"),
        ("fr", "webinaire gratuit pour les abonnés", "inbound"),
        ("es", "televenta a clientes de una base de datos comprada", "outbound"),
        ("es", "cuña de radio y anuncio en prensa local", "outbound"),
        ("es", "stand en feria del sector", "outbound"),
        ("es", "recomendaciones boca a boca de nuestros clientes", "inbound"),
        ("es", "seminario web con descarga de la guía", "inbound"),
        ("nl", "telefonische acquisitie bij tandartsen", "outbound"),
        ("nl", "brievenbusreclame en buitenreclame", "outbound"),
        ("nl", "beursstand op de vakbeurs", "outbound"),
        ("nl", "mond-tot-mondreclame en aanbevelingen", "inbound"),
        ("nl", "gratis handleiding downloaden via de nieuwsbrief", "inbound"),
        ("it", "televendita ai clienti di una lista acquistata", "outbound"),
        ("it", "spot radiofonico e affissioni in città", "outbound"),
        ("it", "stand fieristico alla fiera di settore", "outbound"),
        ("it", "passaparola e recensioni dei clienti", "inbound"),
        ("it", "guida gratuita scaricabile per gli iscritti", "inbound"),
    ],
)
def test_tactics_in_each_language(code: str, tactic: str, expected: str) -> None:
    result = pushpull.classify(tactic, book(code))
    assert accepts(expected, result.label), (result.label, result.brief())


@pytest.mark.parametrize(
    ("code", "plain", "negated"),
    [
        ("de", "Kaltakquise am Telefon", "keine Kaltakquise am Telefon"),
        ("de", "Briefkastenwerbung", "ohne Briefkastenwerbung"),
        ("fr", "démarchage téléphonique", "jamais de démarchage téléphonique"),
        ("fr", "prospection", "nous ne faisons pas de prospection"),
        ("es", "llamadas en frío", "nunca hacemos llamadas en frío"),
        ("es", "publicidad exterior", "sin publicidad exterior"),
        ("nl", "koude acquisitie", "geen koude acquisitie"),
        ("nl", "huis-aan-huisfolders", "nooit huis-aan-huisfolders"),
        ("it", "chiamate a freddo", "senza chiamate a freddo"),
        ("it", "volantinaggio", "mai volantinaggio"),
    ],
)
def test_negation_in_each_language(code: str, plain: str, negated: str) -> None:
    rb = book(code)
    assert accepts("outbound", pushpull.classify(plain, rb).label)
    result = pushpull.classify(negated, rb)
    assert accepts("inbound", result.label), (result.label, result.brief())
    assert any(ev.negated for ev in result.evidence)


def test_without_a_layer_the_default_rulebook_is_the_shipped_file_alone() -> None:
    """No layer given: the same rulebook, word for word, as before layers existed."""
    rb = book()
    assert rb.name == "default" and len(rb.layers) == 1
    assert rb.sha256 == pushpull.load_rulebook(use_cache=False).sha256
    default = yaml.safe_load((shipped.rules_dir() / "default.yaml").read_text("utf-8"))
    assert {s.id: list(s.phrases) for s in rb.signals} == {
        s["id"]: s["phrases"] for s in default["signals"]
    }
    assert list(rb.negators) == default["negators"]
    assert pushpull.classify("Kaltakquise", rb).label == "unclassified"


def test_english_seed_tactics_score_the_same_with_every_layer() -> None:
    plain, layered = book(), book(*ALL)
    for row in seed_rows():
        a, b = pushpull.classify(row["tactic"], plain), pushpull.classify(row["tactic"], layered)
        assert (a.label, a.score) == (b.label, b.score), row["tactic"]


def test_accents_match_composed_decomposed_and_in_capitals() -> None:
    rb = book("fr")
    for text in ("publicité au cinéma", "publicite\u0301 au cine\u0301ma", "PUBLICITÉ"):
        assert {ev.rule for ev in pushpull.classify(text, rb).evidence} == {"advertising"}, text


def test_a_decomposed_phrase_matches_composed_text(tmp_path: Path) -> None:
    path = write(tmp_path, "name: acme\nphrases:\n  billboard: [enseigne lumine\u0301e]\n")
    rb = pushpull.load_rulebook(path, use_cache=False)
    fired = {ev.rule for ev in pushpull.classify("une enseigne lumin\u00e9e", rb).evidence}
    assert fired == {"billboard"}


def test_an_unknown_signal_under_phrases_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "name: acme\nphrases:\n  cold-cal: [zzz call]\n")
    run = run_cli(["rules", "validate", str(path)])
    assert run.code == ExitCode.FAILED
    assert run.out.splitlines() == [
        f"{path}:3:3: phrases given for unknown signal 'cold-cal'; did you mean 'cold-call'?"
    ]


def test_an_added_phrase_another_signal_owns_is_a_collision(tmp_path: Path) -> None:
    path = write(tmp_path, "name: acme\nphrases:\n  webinar: [zzz, cold calls]\n")
    run = run_cli(["rules", "validate", str(path)])
    assert run.code == ExitCode.FAILED
    [line] = run.out.splitlines()
    assert line.startswith(f"{path}:3:18: phrase 'cold calls' of signal 'webinar' never matches")


def test_a_signal_defined_in_the_same_layer_takes_phrases(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "name: acme\nsignals:\n  - id: acme-x\n    phrases: [zzz]\n"
        "    effects: {permission: 0.5}\n    why: w\nphrases:\n  acme-x: [yyy]\n",
    )
    rb = pushpull.load_rulebook(path, use_cache=False)
    assert {ev.rule for ev in pushpull.classify("yyy", rb).evidence} == {"acme-x"}


def test_added_phrases_show_under_their_signal_and_cite_its_why(tmp_path: Path) -> None:
    path = write(tmp_path, "name: acme\nphrases:\n  cold-call: [zzz ring]\n")
    run = run_cli(["rules", "show", "--format", "json", "--rules", str(path)])
    assert run.code == 0, run.err
    shown = {s["id"]: s for s in json.loads(run.out)["signals"]}
    assert shown["cold-call"]["phrases"][-1] == "zzz ring"
    assert shown["cold-call"]["layer"] == "default"
    rb = pushpull.load_rulebook(path, use_cache=False)
    [ev] = pushpull.classify("zzz ring", rb).evidence[:1]
    cold = next(s for s in pushpull.load_rulebook(use_cache=False).signals if s.id == "cold-call")
    assert (ev.rule, ev.why) == ("cold-call", cold.why)
    assert cold.source is not None
    assert shown["cold-call"]["source"]["passage"] == cold.source.passage


def test_added_phrases_survive_the_compiled_cache(tmp_path: Path) -> None:
    path = write(tmp_path, "name: acme\nphrases:\n  cold-call: [zzz ring]\n")
    for _ in range(2):  # the second load comes from the cache
        rb = pushpull.load_rulebook(path)
        assert {ev.rule for ev in pushpull.classify("zzz ring", rb).evidence} == {"cold-call"}


def test_an_unknown_language_is_a_usage_error_naming_the_known_ones() -> None:
    with pytest.raises(UsageError) as caught:
        pushpull.load_rulebook(lang=("xx",))
    assert str(caught.value) == "unknown language 'xx'; known: de, es, fr, it, nl"
    assert caught.value.exit_code == ExitCode.USAGE


def test_language_layers_come_before_the_users_own(tmp_path: Path) -> None:
    path = write(tmp_path, "name: acme\n")
    rb = pushpull.load_rulebook(path, lang=("it",), use_cache=False)
    assert [layer.name for layer in rb.layers] == ["default", "lang-it", "acme"]


def test_lang_option_on_the_command_line() -> None:
    from tests.conftest import run_cli

    without = run_cli(["classify", "Kaltakquise am Telefon"])
    with_de = run_cli(["classify", "--lang", "de", "Kaltakquise am Telefon"])
    assert without.out.split("\t")[1] == "unclassified"
    assert with_de.out.split("\t")[1] == "outbound"
    batch = run_cli(["batch", "-", "--lang", "fr", "-f", "jsonl"], stdin=b"tactic\npub au cinema\n")
    assert '"label": "outbound"' in batch.out
    assert run_cli(["rules", "test", "--lang", "de", "--lang", "it"]).code == 0


def test_an_unknown_lang_is_one_line_and_exit_2() -> None:
    from tests.conftest import run_cli

    run = run_cli(["classify", "--lang", "xx", "flyers"])
    assert run.code == 2
    assert run.err == "pushpull: error: unknown language 'xx'; known: de, es, fr, it, nl\n"


@pytest.mark.parametrize(
    ("code", "tactic", "expected"),
    [
        ("de", "Blogartikel und Kaltakquise", "hybrid"),  # a joiner of the language
        ("fr", "appels des clients", "inbound"),  # a party of the language, after "des"
        ("es", "anuncio en el blog", "outbound"),  # a venue of the language
    ],
)
def test_language_layers_carry_joiners_parties_and_venues(
    code: str, tactic: str, expected: str
) -> None:
    book = pushpull.load_rulebook(lang=(code,))
    assert str(pushpull.classify(tactic, book).label) == expected
