"""The partner guides quote the validator as it speaks: the example message is what
``transitiekaart validate`` prints for that file, and every message in the table of common
messages is printed, in that language, for a file of the bad-file corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mapbuilder.cli import main

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
GUIDES = {"nl": ROOT / "docs" / "partners.md", "en": ROOT / "docs" / "partners.en.md"}

# the corpus file that shows each row of the table (first column: the message in short)
SHOWN_BY = {
    "name_missing.geojson": ("veld 'name': ontbreekt of is leeg",
                             "field 'name': is missing or empty"),
    "theme_unknown.geojson": ("veld 'theme': is geen bekend thema. Bedoelde u ...",
                              "is not a known theme. Did you mean ..."),
    "amount_ambiguous_dot.geojson": ("het bedrag is dubbelzinnig", "the amount is ambiguous"),
    "amount_words.geojson": ("kan niet worden gelezen als bedrag",
                             "could not be read as an amount"),
    "start_year_text.geojson": ("het startjaar moet een heel jaar tussen 1950 en 2100 zijn",
                                "start year must be a whole year between 1950 and 2100"),
    "url_javascript.geojson": ("is geen webadres dat begint met http:// of https://",
                               "is not a web address starting with http:// or https://"),
    "duplicate_id.geojson": ("heeft hetzelfde id als object ...",
                             "has the same id as feature ..."),
    "latlon_swapped.geojson": ("lengte- en breedtegraad lijken verwisseld",
                               "latitude and longitude seem swapped"),
    "csv_rd_without_crs.csv": ("zijn RD-coördinaten (RD New, in meters, EPSG:28992)",
                               "are RD coordinates (RD New, in metres, EPSG:28992)"),
    "csv_no_coordinates.csv": ("heeft geen kolommen voor de locatie",
                               "has no columns for the location"),
    "shapefile_without_prj.shp": ("heeft geen coördinatenstelsel",
                                  "has no coordinate reference system"),
    "not_json_text.geojson": ("is geen JSON", "is not JSON"),
}
_LANGS = ("nl", "en")


def _validate(name: str, lang: str, capsys: pytest.CaptureFixture[str]) -> str:
    main(["--lang", lang, "validate", name])
    out = capsys.readouterr()
    return out.out + out.err


def _table(lang: str) -> list[str]:
    """The first column of the guide's table of messages, without its backticks."""
    text = GUIDES[lang].read_text("utf-8")
    return re.findall(r"^\| `([^`]+)`", text, re.M)


@pytest.mark.parametrize("lang", _LANGS)
def test_table_rows_are_the_ones_shown(lang: str) -> None:
    i = _LANGS.index(lang)
    assert sorted(_table(lang)) == sorted(v[i] for v in SHOWN_BY.values())


@pytest.mark.parametrize("lang", _LANGS)
@pytest.mark.parametrize("name", sorted(SHOWN_BY))
def test_each_message_in_the_table_is_printed(
        name: str, lang: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(BAD)
    printed = _validate(name, lang, capsys)
    for piece in SHOWN_BY[name][_LANGS.index(lang)].split("..."):
        assert piece.strip() in printed, f"{name} ({lang}): {piece.strip()!r} not in {printed}"


@pytest.mark.parametrize("lang", _LANGS)
def test_example_message_is_the_validators_output(
        lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    text = GUIDES[lang].read_text("utf-8")
    examples = re.findall(r"^```text\n(.*?)^```", text, re.S | re.M)
    assert len(examples) == 1
    name = examples[0].split(":", 1)[0]
    monkeypatch.chdir(BAD)
    assert examples[0] == _validate(name, lang, capsys)
