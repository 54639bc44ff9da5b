"""mapbuilder speaks through the one message catalogue: every key it names exists, the
families of keys it builds from codes are complete, and its errors follow the run's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.comparison import COMPARE_LEVELS
from geo.themes import THEME_CODES
from layers.errors import TransitiekaartError, UnknownNameError
from layers.lang import LANGS, use_lang
from layers.messages import has, template
from mapbuilder.cli import main
from mapbuilder.cli.progress import STAGES
from mapbuilder.compare.lisa import LISA_COLOURS
from mapbuilder.i18n import METRICS, SPATIAL_DEFINITIONS, STATUS
from mapbuilder.mappage.points import _LABEL_KEYS
from mapbuilder.messages_csv import MESSAGE_COLUMNS
from mapbuilder.register_export import EXPORT_COLUMNS

MAPBUILDER = Path(__file__).resolve().parents[1] / "mapbuilder"
SOURCES = {p.relative_to(MAPBUILDER).as_posix(): p.read_text(encoding="utf-8")
           for p in sorted(MAPBUILDER.rglob("*.py"))}
# check_rules.py is converted with the page's check (another change)
OURS = {name: text for name, text in SOURCES.items() if name != "check_rules.py"}


def test_no_second_catalogue_is_left_in_mapbuilder():
    for name, text in OURS.items():
        for old in ("pick(", " t(", "(t(", " ct(", "(ct(", "say(", "say_n("):
            assert old not in text, f"mapbuilder/{name} still calls {old[-2:].strip()}"


_LOOKUP = re.compile(r"""\b(?:msg|msg_n|template)\(\s*["']([a-z_]+\.[\w-]+)["']""")
LITERAL_KEYS = sorted({(name, key) for name, text in SOURCES.items()
                       for key in _LOOKUP.findall(text)})


def test_mapbuilder_names_many_catalogue_keys():
    assert len(LITERAL_KEYS) > 200  # the scan below finds the calls it is meant to check


@pytest.mark.parametrize(("module", "key"), LITERAL_KEYS, ids=[k for _, k in LITERAL_KEYS])
def test_every_key_mapbuilder_names_is_in_the_catalogue(module, key):
    assert has(key), f"mapbuilder/{module} looks up {key!r}, which layers/messages lacks"


# keys built from codes (msg(f"compare.level_{level}") and the like): every code has its entry
FAMILIES = {
    "compare.level_": COMPARE_LEVELS,
    "compare.theme_short_": THEME_CODES,
    "compare.lisa_": tuple(LISA_COLOURS),
    "compare.reading_": ("clustered", "dispersed", "no_pattern", "too_little_data"),
    "compare.": ("mln", "bln", "summary_area_wide", "summary_novex_partial", "maps", "wheel_hint",
                 "touch_hint", "multiples", "bars", "table", "sort_hint", "definitions", "sources"),
    "labels.": (*_LABEL_KEYS.values(), "municipalities", "novex", "ijmeerlijn", "hexagons",
                "subregion", "municipality"),
    "csv.": ("theme", "name", "amount_eur", "place"),
    "export.header_": (*EXPORT_COLUMNS, "sample"),
    "labels.status_": STATUS,
    "metrics.": tuple(METRICS) + tuple(f"{m}_unit" for m in METRICS),
    "definitions.": SPATIAL_DEFINITIONS,
    "cli.stage_": STAGES,
    "pagefix.csv_": (*MESSAGE_COLUMNS, "file"),
    "pagefix.severity_": ("error", "note"),
}
DYNAMIC = [prefix + code for prefix, codes in FAMILIES.items() for code in codes]


@pytest.mark.parametrize("key", DYNAMIC)
def test_every_key_built_from_a_code_is_in_the_catalogue(key):
    assert has(key)
    assert template(key, "nl").strip() and template(key, "en").strip()


def test_the_dynamic_families_are_the_ones_the_code_builds():
    built = {m.group(1) for text in OURS.values()
             for m in re.finditer(r"""msg\(f["']([a-z_]+\.[a-z_]*)\{""", text)}
    assert built <= set(FAMILIES), f"keys built from codes without a test: {built - set(FAMILIES)}"
    assert len(built) >= 6


# --------------------------------------------------------------- no English in Dutch runs
def _errors(lang: str) -> list[str]:
    from mapbuilder.mappage.render import build_map
    from mapbuilder.page import finalise
    from mapbuilder.register_export import export_register
    from mapbuilder.tiles import provider, url_origins

    calls = [lambda: provider("OpenTopMap"), lambda: provider("Thunderforest.OpenCycleMap"),
             lambda: url_origins("ftp://tiles.example/{z}/{x}/{y}.png", name="X"),
             lambda: build_map(metric="avg", lang=lang),
             lambda: finalise("<html><head></head></html>", assets="nowhere"),
             lambda: export_register(None, fmt="ods")]
    out = []
    with use_lang(lang):
        for call in calls:
            with pytest.raises((TransitiekaartError, UnknownNameError)) as info:
                call()
            out.append(str(info.value))
    return out


ENGLISH = re.compile(r"\b(Unknown|Use one of|needs|choose|must|the|has no|cannot)\b")


def test_mapbuilder_errors_follow_the_runs_language():
    nl, en = _errors("nl"), _errors("en")
    for a, b in zip(nl, en, strict=True):
        assert a != b
        assert not ENGLISH.search(a), f"English in a Dutch message: {a}"
    assert "OpenTopoMap" in nl[0] and "'OpenTopMap'" in nl[0]  # the value and a close name
    assert "Thunderforest.OpenCycleMap" in nl[1] and "API-sleutel" in nl[1]
    assert "'avg'" in nl[3] and all(m in nl[3] for m in METRICS)
    assert "'nowhere'" in nl[4] and "'ods'" in nl[5]


@pytest.mark.parametrize("lang", LANGS)
def test_build_with_a_misspelt_tile_provider_speaks_the_runs_language(lang, capsys):
    """Issue 20: `transitiekaart build --tiles OpenTopMap` printed "fout: Unknown tile provider"."""
    assert main(["--lang", lang, "build", "--tiles", "OpenTopMap", "--out",
                 "/nonexistent-dir/map.html"]) != 0
    err = capsys.readouterr().err
    if lang == "nl":
        assert "fout: Onbekende achtergrondkaart 'OpenTopMap'" in err, err
        assert not ENGLISH.search(err), err
    else:
        assert "error: Unknown tile provider 'OpenTopMap'" in err, err
    assert "OpenTopoMap" in err and "Traceback" not in err
