"""The comparison result as a typed object (issue 18): what the figures rest on travels in
:class:`geo.comparison.Comparison`, never on ``DataFrame.attrs``."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from geo.analysis import Analysis, analyse
from geo.comparison import (
    AREA_WIDE_KEY,
    COMPARE_LEVELS,
    Comparison,
    HeadToHead,
    compare,
    compare_areas,
    compare_two,
    head_to_head,
)
from layers.region import Region
from mapbuilder.compare.formats import format_comparison, format_head_to_head
from tests.conftest import make_projects

ROOT = Path(__file__).resolve().parent.parent
# the modules that make or write a comparison
COMPARISON_MODULES = sorted([ROOT / "geo" / "comparison.py",
                             ROOT / "mapbuilder" / "cli" / "compare.py",
                             *(ROOT / "mapbuilder" / "compare").glob("*.py")])


def _attrs_uses(path: Path) -> list[int]:
    """Lines where ``path`` reads or writes an ``.attrs`` attribute (comments and text aside)."""
    tree = ast.parse(path.read_text("utf-8"))
    return sorted(n.lineno for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and n.attr == "attrs")


def test_no_comparison_module_uses_dataframe_attrs() -> None:
    assert len(COMPARISON_MODULES) >= 9  # comparison, cli/compare.py, the compare package
    used = {p.relative_to(ROOT).as_posix(): lines for p in COMPARISON_MODULES
            if (lines := _attrs_uses(p))}
    assert used == {}


def test_the_attrs_check_sees_reads_and_writes(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text("x = t.attrs['mra']\n# attrs in a comment\nt.attrs = {}\ns = 'attrs'\n",
                    encoding="utf-8")
    assert _attrs_uses(path) == [1, 3]


@pytest.mark.parametrize("by", COMPARE_LEVELS)
def test_compare_is_the_table_of_compare_areas(sample_analysis: Analysis, by: str) -> None:
    result = compare_areas(sample_analysis, by=by)
    table = compare(sample_analysis, by=by)
    assert isinstance(result, Comparison) and isinstance(table, pd.DataFrame)
    pd.testing.assert_frame_equal(table, result.table)
    assert table.attrs == {} and result.table.attrs == {}
    assert result.level == by


def test_head_to_head_is_the_table_of_compare_two(sample_analysis: Analysis) -> None:
    pair = compare_two(sample_analysis, "Haarlem", "Zaanstad")
    assert isinstance(pair, HeadToHead)
    pd.testing.assert_frame_equal(head_to_head(sample_analysis, "Haarlem", "Zaanstad"),
                                  pair.table)
    assert pair.level == pair.comparison.level == "municipality"
    assert pair.names == ("Haarlem", "Zaanstad")
    mun = pair.comparison.table
    assert mun.at[pair.a, "name"] == "Haarlem" and mun.at[pair.b, "name"] == "Zaanstad"
    assert dict(pair.population_date) == {"Haarlem": mun.at[pair.a, "population_date"],
                                          "Zaanstad": mun.at[pair.b, "population_date"]}


def test_the_result_is_frozen(sample_analysis: Analysis) -> None:
    result = compare_areas(sample_analysis)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = "municipality"  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.mra["total_eur"] = 0.0  # type: ignore[index]
    with pytest.raises(TypeError):
        result.novex_names["nzkg"] = ("x", "y")  # type: ignore[index]


def test_fields_hold_what_the_analysis_says(sample_analysis: Analysis) -> None:
    """Each field against the analysis it was computed from, counted here another way."""
    result = compare_areas(sample_analysis, by="municipality", themes=["ai", "Waterstof"])
    assert result.themes == ("ai", "hydrogen")
    dates = sample_analysis.municipalities["population_date"].astype(str)
    counts = dates.value_counts()
    assert result.population.main == counts.index[0]
    assert result.population.other_n == len(dates) - counts.iloc[0] > 0
    assert result.population.municipalities_n == len(dates) == 30
    outside = sample_analysis.outside
    assert result.outside == (len(outside), float(outside["amount_eur"].fillna(0).sum()))
    assert result.mra["total_eur"] == pytest.approx(
        float(sample_analysis.mra["total_eur"].iloc[0]))
    novex = sample_analysis.region.novex.set_index("code")
    assert {c: names[0] for c, names in result.novex_names.items()} == \
        novex["name_nl"].astype(str).to_dict()
    assert result.novex_name("nzkg", "en") == novex.at["nzkg", "name_en"]
    assert result.novex_name("unknown", "en") == "unknown"
    assert result.has_samples is True and result.novex_files == ()
    assert result.spatial_autocorrelation == sample_analysis.spatial_autocorrelation
    assert set(result.definitions) >= {"location_quotient", "diversity", "outside"}


def test_area_wide_tally_is_the_area_wide_row(region: Region) -> None:
    """Projects placed MRA-wide have their own row, and the tally equals it."""
    projects = make_projects([("a", "A", "ai", 1e6, 4.9, 52.34),
                              ("b", "B", "hydrogen", 2e6, 4.9, 52.34),
                              ("c", "C", "ai", 4e6, 5.12, 52.09)])  # outside the MRA
    projects["place"] = ["point", "mra", "point"]
    result = compare_areas(analyse(projects, region))
    row = result.table.loc[AREA_WIDE_KEY]
    assert result.area_wide == (1, 2e6) == (row["n_projects"], row["total_eur"])
    assert result.outside == (1, 4e6)
    assert compare_areas(analyse(projects.iloc[[0]], region)).area_wide == (0, 0.0)


def test_writers_read_the_result_not_the_table(sample_analysis: Analysis) -> None:
    """The notes come from the result's fields: change a field, the output follows."""
    result = compare_areas(sample_analysis)
    moved = dataclasses.replace(result, outside=type(result.outside)(3, 1.5e6),
                                has_samples=False)
    text = format_comparison(moved, "table", "en")
    assert "3 project(s), €1,500,000" in text and "SAMPLE" not in text.upper()
    assert "SAMPLE" in format_comparison(result, "table", "en").upper()
    pair = compare_two(sample_analysis, "Amsterdam", "IJmond")
    assert format_head_to_head(pair, "json").count('"key": "Amsterdam"') == 1


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_table_given_to_a_writer_is_refused_with_the_fix(sample_analysis: Analysis,
                                                            region: Region, tmp_path: Path,
                                                            lang: str) -> None:
    """The writers took compare()'s DataFrame before; given one now, they say what to call."""
    from layers.lang import use_lang
    from mapbuilder.compare.page import comparison_html
    from mapbuilder.compare.xlsx import write_workbook

    table = compare(sample_analysis)
    pair = head_to_head(sample_analysis, "Amsterdam", "IJmond")
    calls = {
        "format_comparison": (lambda: format_comparison(table), "compare_areas"),
        "comparison_html": (lambda: comparison_html(table, region), "compare_areas"),
        "workbook": (lambda: write_workbook(tmp_path / "b.xlsx", {"subregion": table}),
                     "compare_areas"),
        "format_head_to_head": (lambda: format_head_to_head(pair), "compare_two"),
    }
    for function, (call, maker) in calls.items():
        with use_lang(lang), pytest.raises(TypeError) as info:
            call()
        text = str(info.value)
        assert f"{function}({maker}(...))" in text and "DataFrame" in text, text
        assert ("verwacht" in text) == (lang == "nl"), text
    assert not (tmp_path / "b.xlsx").exists()
    # the right objects pass the same checks
    result = compare_areas(sample_analysis)
    assert format_comparison(result) and comparison_html(
        result, region, head=compare_two(sample_analysis, "Amsterdam", "IJmond"), tiles="none")
