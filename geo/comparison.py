"""Compare areas side by side: euros per inhabitant and per km2, themes, NOVEX.

:func:`compare` gives one row per area (subregion, municipality or NOVEX area)
with the figures of :func:`geo.stats.area_stats` plus, per theme, its share of
the area's euros and its location quotient, a theme diversity index, and the
share of the area's euros that lies inside each NOVEX area.
:func:`head_to_head` puts two areas next to each other with their differences.

Definitions (also in :attr:`Comparison.definitions`):

* Location quotient of theme t in area a:
  ``LQ = (eur_t in a / eur in a) / (eur_t in MRA / eur in MRA)``. Above 1 the
  theme is concentrated in the area, below 1 under-represented.
* Theme diversity: Shannon entropy of the area's theme shares of euros,
  ``H = -sum(p_t * ln p_t)``, divided by ``ln 8`` (its maximum with eight
  themes): 0 when every euro goes to one theme, 1 when all eight get the same.

Empty areas: an area without euros has shares 0, while its location quotients
and diversity are undefined and NaN (shown as "–"); an LQ is also NaN for a
theme without euros in the whole MRA. Euros of projects with an unknown amount
count as 0. Projects outside the MRA are not in any area; their number and
euros are :attr:`Comparison.outside`. Projects
placed in a larger area than the rows (``place`` "mra", or "subregion" when
comparing municipalities; for NOVEX areas, one whose place overlaps a NOVEX
area only partly, see :func:`geo.combine.place_novex`) get one
extra row, ``"area-wide"``, with their count, euros and share of the MRA, and
no per-inhabitant or per-km² figures; :attr:`Comparison.area_wide`.

The result and what its figures rest on: :func:`compare_areas` gives a
:class:`Comparison` (the table plus the MRA's figures, the population dates, the
projects outside, Moran's I, ...), which every output of ``transitiekaart compare``
is written from; :func:`compare_two` gives a :class:`HeadToHead`. :func:`compare`
and :func:`head_to_head` return just their tables, the pandas DataFrames a
notebook sorts and filters.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.analysis import Analysis, analyse
from geo.themes import THEME_CODES, get_theme
from layers.errors import TransitiekaartError, UnknownNameError
from layers.messages import msg

if TYPE_CHECKING:
    from layers.region import Region

__all__ = [
    "AREA_WIDE_KEY",
    "COMPARE_LEVELS",
    "DEFINITIONS",
    "Comparison",
    "HeadToHead",
    "PopulationDates",
    "Tally",
    "compare",
    "compare_areas",
    "compare_two",
    "head_to_head",
    "require_result",
    "resolve_themes",
]

COMPARE_LEVELS: tuple[str, ...] = ("subregion", "municipality", "novex")

DEFINITIONS: dict[str, str] = {
    "location_quotient": (
        "LQ = (theme euros in area / area euros) / (theme euros in MRA / MRA euros); "
        "above 1 the theme is concentrated in the area. Empty (NaN) when the area has "
        "no euros or the theme has none in the MRA."),
    "diversity": (
        "Theme diversity = Shannon entropy of the area's theme shares of euros, "
        "-sum(p*ln p), divided by ln 8: 0 = all euros in one theme, 1 = equal euros in "
        "all eight themes. Empty (NaN) when the area has no euros."),
    "novex_share": (
        "novex_share_<code> = euros of the area's projects lying inside that NOVEX area "
        "/ the area's euros (NOVEX areas overlap, so these shares do not add up to 1)."),
    "rank": "Rank by total euros, 1 = largest; ties share the best rank.",
    "spatial_autocorrelation": (
        "Global Moran's I of the municipalities' euros per inhabitant (and per theme): queen "
        "contiguity, row-standardised, an area without neighbours linked to its nearest; 999 "
        "permutations with a fixed seed; I, E[I], z and p_sim. Too little data (no figure) "
        "with fewer than 8 municipalities with projects. See geo.autocorrelation."),
    "lisa": ("Local Moran (LISA) cluster of a municipality's euros per inhabitant: high-high, "
             "low-low, high-low, low-high at p_sim <= 0.05 (999 permutations), else ns."),
    "area_km2": "Area measured in EPSG:28992 (RD New).",
    "eur_per_inhabitant": "Total euros / CBS population at the reference date shown.",
    "outside": "Projects outside the MRA are not counted in any area; see outside_n/_eur.",
    "area_wide": ("Projects placed in a larger area than the rows (MRA-wide, or a subregion "
                  "when comparing municipalities) are in one row 'area-wide', never spread "
                  "over the areas; see area_wide_n/_eur. For NOVEX areas a project placed in "
                  "a municipality, subregion or the MRA counts in each NOVEX area that holds "
                  "its whole place (>= 99.5% of its area, EPSG:28992) and is in the row "
                  "'area-wide' when its place overlaps a NOVEX area only partly."),
}

_LN8 = math.log(len(THEME_CODES))
_KEY_COLUMN = {"subregion": "subregion", "municipality": "municipality_code"}


class Tally(NamedTuple):
    """A number of projects and their euros (an unknown amount counts as 0)."""

    n_projects: int
    total_eur: float


class PopulationDates(NamedTuple):
    """The CBS reference dates of the population behind the per-inhabitant figures."""

    span: str
    """The MRA's date, or its earliest and latest (``"2019-01-01 – 2024-01-01"``)."""
    main: str
    """The date most municipalities have ("" without municipalities)."""
    other_n: int
    """How many municipalities have another date."""
    municipalities_n: int
    """How many municipalities there are."""


@dataclass(frozen=True, eq=False)
class Comparison:
    """The result of :func:`compare_areas`: the table and what its figures rest on.

    Every output of ``transitiekaart compare`` (table, CSV, Markdown, JSON, the
    workbook and the page) is written from one of these. The fields are not
    reassigned; the table is shared, so copy it before changing it.

    Attributes
    ----------
    table
        One row per area, as :func:`compare` returns it.
    level
        ``"subregion"``, ``"municipality"`` or ``"novex"``.
    themes
        The theme codes whose columns the table has.
    mra
        The same figures for the whole MRA, by column name (``total_eur``,
        ``eur_per_inhabitant``, ``share_<t>``, ``novex_share_<code>``, ...); a rate
        that is not defined is None.
    outside
        Projects outside the MRA (in no row).
    area_wide
        Projects in the row :data:`AREA_WIDE_KEY` (placed in a larger area than the rows).
    population
        The population's reference dates.
    novex_names
        Dutch and English name of each NOVEX area, by code.
    novex_files
        The files official NOVEX boundaries came from (empty: indicative boundaries).
    has_samples
        True when the projects include the built-in fictitious samples.
    spatial_autocorrelation
        Global Moran's I of the municipalities
        (:func:`geo.autocorrelation.spatial_autocorrelation`), whatever the level.
    """

    table: pd.DataFrame
    level: str
    themes: tuple[str, ...]
    mra: Mapping[str, Any]
    outside: Tally
    area_wide: Tally
    population: PopulationDates
    novex_names: Mapping[str, tuple[str, str]]
    novex_files: tuple[str, ...]
    has_samples: bool
    spatial_autocorrelation: Mapping[str, Any] | None

    @property
    def definitions(self) -> dict[str, str]:
        """The definitions of the derived figures (:data:`DEFINITIONS`)."""
        return dict(DEFINITIONS)

    def novex_name(self, code: str, lang: str = "nl") -> str:
        """The name of NOVEX area ``code`` in ``lang``; the code if it has none."""
        names = self.novex_names.get(code)
        return names[1 if lang == "en" else 0] if names else code


@dataclass(frozen=True, eq=False)
class HeadToHead:
    """The result of :func:`compare_two`: two areas side by side.

    Attributes
    ----------
    table
        As :func:`head_to_head` returns it: one row per figure, the two area names
        as columns and ``difference`` (a minus b).
    comparison
        The :class:`Comparison` of every area at the pair's level (its notes, MRA
        figures and NOVEX names hold for the pair too).
    a, b
        The two areas' keys (a subregion's name, a municipality's or NOVEX area's code).
    population_date
        Each area's population reference date, by area name.
    """

    table: pd.DataFrame
    comparison: Comparison
    a: str
    b: str
    population_date: Mapping[str, str]

    @property
    def level(self) -> str:
        """The level of the two areas."""
        return self.comparison.level

    @property
    def names(self) -> tuple[str, str]:
        """The two areas' names, as the table's first two columns."""
        return str(self.table.columns[0]), str(self.table.columns[1])


def resolve_themes(themes: list[str] | tuple[str, ...] | None) -> list[str]:
    """Theme codes for ``themes`` (codes, labels or synonyms); all eight if None/empty.

    Raises
    ------
    UnknownNameError
        For an unknown theme; the message lists the valid codes.
    """
    if not themes:
        return list(THEME_CODES)
    codes: list[str] = []
    for name in themes:
        code = get_theme(name).code
        if code not in codes:
            codes.append(code)
    return codes


def _as_analysis(data: Analysis | gpd.GeoDataFrame, region: Region | None) -> Analysis:
    if isinstance(data, Analysis):
        return data
    if region is None:
        from layers.region import load_region

        region = load_region()
    return analyse(data, region)


def _level_table(analysis: Analysis, by: str) -> pd.DataFrame:
    if by not in COMPARE_LEVELS:
        raise UnknownNameError(msg("comparison.unknown_level", level=repr(by),
                                   choices=", ".join(COMPARE_LEVELS)))
    return {"subregion": analysis.subregions, "municipality": analysis.municipalities,
            "novex": analysis.novex}[by].copy()


def _novex_euros(analysis: Analysis, by: str, index: pd.Index) -> pd.DataFrame:
    """Euros per area (rows) lying inside each NOVEX area (columns)."""
    codes = list(analysis.region.novex["code"])
    inside = analysis.projects.loc[analysis.projects["in_mra"]]
    amount = inside["amount_eur"].fillna(0.0).to_numpy()
    member = pd.DataFrame({c: [c in nv for nv in inside["novex"]] for c in codes},
                          index=inside.index, dtype=bool)
    eur = member.mul(amount, axis=0)
    if by == "novex":
        keys = inside["novex"]
        eur = eur.assign(_key=keys).explode("_key").dropna(subset=["_key"])
        grouped = eur.groupby("_key")[codes].sum()
    else:
        grouped = eur.groupby(inside[_KEY_COLUMN[by]].to_numpy())[codes].sum()
    return grouped.reindex(index).fillna(0.0).astype(float)


def _theme_figures(eur: pd.DataFrame, total: pd.Series, mra_eur: pd.Series,
                   mra_total: float) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Shares, location quotients and diversity from theme euros (areas x themes)."""
    has = total.to_numpy() > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        share = eur.to_numpy() / total.to_numpy()[:, None]
        share[~has] = 0.0
        mra_share = (mra_eur.to_numpy() / mra_total if mra_total > 0
                     else np.full(len(mra_eur), np.nan))
        lq = share / np.where(mra_share > 0, mra_share, np.nan)[None, :]
        lq[~has] = np.nan
        plogp = np.where(share > 0, share * np.log(np.where(share > 0, share, 1.0)), 0.0)
    diversity = np.where(has, -plogp.sum(axis=1) / _LN8, np.nan)
    diversity = np.clip(diversity, 0.0, 1.0) + 0.0  # rounding noise; no -0.0
    return (pd.DataFrame(share, index=eur.index, columns=eur.columns),
            pd.DataFrame(lq, index=eur.index, columns=eur.columns),
            pd.Series(diversity, index=eur.index))


def compare(analysis_or_projects: Analysis | gpd.GeoDataFrame, region: Region | None = None,
            by: str = "subregion", themes: list[str] | tuple[str, ...] | None = None,
            ) -> pd.DataFrame:
    """One row per area with the figures to compare areas side by side.

    The table of :func:`compare_areas`, whose :class:`Comparison` also holds what
    the figures rest on (the MRA's figures, population dates, projects outside the
    MRA, Moran's I) and is what the writers of :mod:`mapbuilder.compare.formats`,
    :mod:`mapbuilder.compare.xlsx` and :mod:`mapbuilder.compare.page` take.

    Parameters
    ----------
    analysis_or_projects, region, by, themes
        As for :func:`compare_areas`.

    Returns
    -------
    DataFrame
        Indexed by area key with ``name``, ``n_projects``, ``total_eur``,
        ``n_with_amount``, ``population``, ``population_date``,
        ``eur_per_inhabitant``, ``area_km2``, ``eur_per_km2``, ``share_of_mra``,
        ``rank``, ``diversity``, per theme ``eur_<t>``, ``n_<t>``, ``share_<t>``,
        ``lq_<t>``, per NOVEX area ``novex_share_<code>`` and, by municipality,
        ``lisa`` (:func:`geo.autocorrelation.lisa_labels`). See the module
        docstring for how empty areas are handled.

    Examples
    --------
    >>> from geo.comparison import compare
    >>> table = compare(projects, region, by="subregion")  # doctest: +SKIP
    >>> table.sort_values("eur_per_inhabitant", ascending=False)  # doctest: +SKIP
    """
    return compare_areas(analysis_or_projects, region, by=by, themes=themes).table


def compare_areas(analysis_or_projects: Analysis | gpd.GeoDataFrame,
                  region: Region | None = None, by: str = "subregion",
                  themes: list[str] | tuple[str, ...] | None = None) -> Comparison:
    """The areas side by side, with what their figures rest on.

    Parameters
    ----------
    analysis_or_projects
        An :class:`~geo.analysis.Analysis`, or a GeoDataFrame of projects (then
        placed in ``region``).
    region
        Boundary layers; the built-in ones if None (ignored for an Analysis).
    by
        ``"subregion"`` (7 deelregio's), ``"municipality"`` (30) or ``"novex"``
        (3 overlapping areas: never add their rows up).
    themes
        Theme codes or names whose columns to include (default: all eight).
        Shares, location quotients and diversity always use all eight themes.

    Returns
    -------
    Comparison
        Its ``table`` is :func:`compare`'s; the other fields are described at
        :class:`Comparison`.

    Examples
    --------
    >>> from geo.comparison import compare_areas
    >>> result = compare_areas(projects, region, by="municipality")  # doctest: +SKIP
    >>> result.mra["eur_per_inhabitant"], result.outside.n_projects  # doctest: +SKIP
    """
    analysis = _as_analysis(analysis_or_projects, region)
    codes = resolve_themes(themes)
    stats = _level_table(analysis, by)
    mra = analysis.mra.iloc[0]
    mra_total = float(mra["total_eur"])
    all_eur = stats[[f"eur_{t}" for t in THEME_CODES]].set_axis(list(THEME_CODES), axis=1)
    mra_eur = pd.Series({t: float(mra[f"eur_{t}"]) for t in THEME_CODES})
    share, lq, diversity = _theme_figures(all_eur, stats["total_eur"], mra_eur, mra_total)

    lead = ["name", *(["subregion"] if by == "municipality" else []), "n_projects",
            "total_eur", "n_with_amount", "population", "population_date",
            "eur_per_inhabitant", "area_km2", "eur_per_km2", "share_of_mra"]
    out = stats[lead].copy()
    out["rank"] = stats["total_eur"].rank(ascending=False, method="min").astype("int64")
    out["diversity"] = diversity
    for t in codes:
        out[f"eur_{t}"] = stats[f"eur_{t}"]
        out[f"n_{t}"] = stats[f"n_{t}"]
        out[f"share_{t}"] = share[t]
        out[f"lq_{t}"] = lq[t]
    if by == "municipality":  # Local Moran's I of the euros per inhabitant (LISA)
        out["lisa"] = analysis.lisa.reindex(out.index.astype(str)).to_numpy()
    nvx_eur = _novex_euros(analysis, by, out.index)
    total = out["total_eur"].to_numpy()
    for c in nvx_eur.columns:
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"novex_share_{c}"] = np.where(total > 0, nvx_eur[c].to_numpy() / total, 0.0)

    mra_share, _, mra_div = _theme_figures(mra_eur.to_frame().T, pd.Series([mra_total]),
                                           mra_eur, mra_total)
    # subregions partition the MRA, so their NOVEX euros add up to the MRA's
    mra_nvx = _novex_euros(analysis, "subregion", analysis.subregions.index).sum()
    mra_info: dict[str, Any] = {
        "n_projects": int(mra["n_projects"]), "total_eur": mra_total,
        "population": float(mra["population"]), "population_date": str(mra["population_date"]),
        "eur_per_inhabitant": _num(mra["eur_per_inhabitant"]),
        "area_km2": float(mra["area_km2"]), "eur_per_km2": _num(mra["eur_per_km2"]),
        "diversity": _num(mra_div.iloc[0]),
    }
    for t in codes:
        mra_info[f"eur_{t}"] = float(mra_eur[t])
        mra_info[f"share_{t}"] = float(mra_share[t].iloc[0])
    for c in nvx_eur.columns:
        mra_info[f"novex_share_{c}"] = float(mra_nvx[c] / mra_total) if mra_total > 0 else 0.0
    if by in ("municipality", "subregion"):  # alphabetically, as a reader looks them up
        out = out.loc[_alphabetical(out["name"]).index]
    wide = _area_wide(analysis, by)
    if len(wide):
        out = _with_area_wide_row(out, wide, mra_total, codes, by)
    outside = analysis.outside
    name_en = analysis.region.novex.set_index("code")["name_en"]
    dates = analysis.municipalities["population_date"].astype(str)
    main_date = str(dates.mode().iloc[0]) if len(dates) else ""
    return Comparison(
        table=out,
        level=by,
        themes=tuple(codes),
        mra=MappingProxyType(mra_info),
        outside=Tally(len(outside), float(outside["amount_eur"].fillna(0).sum())),
        area_wide=Tally(len(wide),
                        float(wide["amount_eur"].fillna(0).sum()) if len(wide) else 0.0),
        population=PopulationDates(span=str(mra["population_date"]), main=main_date,
                                   other_n=int((dates != main_date).sum()),
                                   municipalities_n=len(dates)),
        novex_names=MappingProxyType(
            {c: (str(n), str(name_en[c])) for c, n in
             analysis.region.novex.set_index("code")["name_nl"].items()}),
        novex_files=tuple(_novex_files(analysis.region.novex)),
        has_samples=analysis.has_samples,
        spatial_autocorrelation=analysis.spatial_autocorrelation,
    )


# what makes each result, and the function that gives only its table
_MAKERS = {"Comparison": ("compare_areas", "compare"),
           "HeadToHead": ("compare_two", "head_to_head")}


def require_result(obj: object, kind: type[Comparison] | type[HeadToHead],
                   function: str) -> None:
    """Refuse anything but a ``kind`` (a table from :func:`compare` above all) with a message
    that says which function makes one.

    Raises
    ------
    TypeError
        When ``obj`` is not a ``kind``; the message names ``function``, what it got and the fix.
    """
    if isinstance(obj, kind):
        return
    from layers.messages import msg

    maker, table_function = _MAKERS[kind.__name__]
    raise TypeError(msg("comparison_result.not_a_result", function=function, maker=maker,
                        kind=kind.__name__, got=type(obj).__name__,
                        table_function=table_function))


def _alphabetical(names: pd.Series) -> pd.Series:
    """``names`` sorted alphabetically (:func:`_sort_key`), not by their index (a CBS code
    puts Almere, GM0034, before Aalsmeer, GM0358); equal keys keep their order."""
    return names.iloc[sorted(range(len(names)), key=lambda i: _sort_key(names.iloc[i]))]


def _sort_key(name: object) -> str:
    """A name as it is sorted alphabetically: accents and case aside ("'s-Graveland" under
    G, "IJmond" under I)."""
    import unicodedata

    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return text.lstrip("'").removeprefix("s-").casefold()


def _novex_files(novex: gpd.GeoDataFrame) -> list[str]:
    """Names of the files official NOVEX boundaries came from (empty: indicative)."""
    if "basis" not in novex.columns:
        return []
    user = novex.loc[novex["basis"].astype(str) != "indicative", "method"].astype(str)
    names = [m.removeprefix("Read from ").removesuffix(".") for m in user]
    return sorted(set(names))


AREA_WIDE_KEY = "area-wide"
"""Index of the row of :func:`compare` for projects placed in a larger area than the rows."""

_WIDER = {"subregion": ("mra",), "municipality": ("subregion", "mra"),
          "novex": ("municipality", "subregion", "mra")}


def _area_wide(analysis: Analysis, by: str) -> pd.DataFrame:
    """Projects in the MRA that belong to no single row at level ``by`` (placed area-wide)."""
    p = analysis.projects
    if "place" not in p.columns:
        return p.iloc[0:0]
    wide = p["in_mra"].to_numpy() & p["place"].isin(_WIDER[by]).to_numpy()
    if by == "novex" and "novex_partial" in p.columns:
        # a place wholly inside (or outside) a NOVEX area belongs to its rows (or none);
        # one counted in a NOVEX row already is not shown again (no share counted twice)
        wide &= p["novex_partial"].to_numpy(dtype=bool)
        if "novex" in p.columns:
            wide &= np.array([not nv for nv in p["novex"]], dtype=bool)
    return p.loc[wide]


def _with_area_wide_row(out: pd.DataFrame, wide: pd.DataFrame, mra_total: float,
                        codes: list[str], by: str = "subregion") -> pd.DataFrame:
    """``out`` plus one row, :data:`AREA_WIDE_KEY`: counts and euros, no per-area rates.

    These projects count in the MRA total (and a subregion's, for ``place ==
    "subregion"`` at municipality level) but are never spread over smaller areas.
    The row's name follows the run's language ("regiobreed" / "area-wide"; for NOVEX
    areas "deels in een NOVEX-gebied" / "partly in a NOVEX area": projects placed in a
    municipality or subregion that overlaps a NOVEX area only partly and lies wholly in
    none, so they are in no NOVEX row).
    """
    eur = wide["amount_eur"].fillna(0.0)
    row: dict[str, Any] = {c: np.nan for c in out.columns}
    name = msg("comparison.partly_novex" if by == "novex" else "comparison.area_wide")
    row.update({"name": name, "n_projects": len(wide),
                "total_eur": float(eur.sum()),
                "n_with_amount": int(wide["amount_eur"].notna().sum()),
                "population_date": "",
                "share_of_mra": float(eur.sum()) / mra_total if mra_total > 0 else 0.0})
    if "subregion" in out.columns:
        row["subregion"] = ""
    for t in codes:
        mine = wide["theme"].eq(t).to_numpy()
        row[f"eur_{t}"] = float(eur[mine].sum())
        row[f"n_{t}"] = int(mine.sum())
    extra = pd.DataFrame([row], index=pd.Index([AREA_WIDE_KEY], name=out.index.name))
    extra = extra.astype({c: out[c].dtype for c in out.columns
                          if out[c].dtype.kind in "fO" or c in ("name",)}, errors="ignore")
    return pd.concat([out, extra])


def _num(value: object) -> float | None:
    v = float(value)  # type: ignore[arg-type]
    return v if math.isfinite(v) else None


def _find(names: pd.Series, wanted: str) -> Any | None:
    key = wanted.strip().casefold()
    for idx, name in names.items():
        if str(name).casefold() == key or str(idx).casefold() == key:
            return idx
    return None


def _unknown_area_message(analysis: Analysis, wanted: tuple[str, str],
                          levels: list[str]) -> str:
    """One line: which names are unknown and the valid names at each level tried."""
    tables = {lv: _alphabetical(_level_table(analysis, lv)["name"]) if lv != "novex"
              else _level_table(analysis, lv)["name"] for lv in levels}
    missing = [w for w in wanted if all(_find(n, w) is None for n in tables.values())]
    choices = msg("comparison.choices_or").join(
        msg(f"comparison.choice_{lv}", names=", ".join(map(str, names)))
        for lv, names in tables.items())
    if missing:
        return msg("comparison.unknown_area", names=", ".join(repr(m) for m in missing),
                   choices=choices)
    return msg("comparison.not_one_kind", a=repr(wanted[0]), b=repr(wanted[1]), choices=choices)


def head_to_head(analysis_or_projects: Analysis | gpd.GeoDataFrame, a: str, b: str,
                 region: Region | None = None, by: str | None = None,
                 themes: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Two areas side by side, one row per figure, with ``a - b``.

    The table of :func:`compare_two`, whose :class:`HeadToHead` also holds the
    areas' keys, their population dates and the :class:`Comparison` at their level.

    Parameters
    ----------
    analysis_or_projects, a, b, region, by, themes
        As for :func:`compare_two`.

    Returns
    -------
    DataFrame
        Indexed by figure (the numeric columns of :func:`compare`), with the
        two area names as columns and ``difference`` (a minus b).

    Raises
    ------
    UnknownNameError
        If a name is not found at the level; the message lists the valid names.
    """
    return compare_two(analysis_or_projects, a, b, region=region, by=by, themes=themes).table


def compare_two(analysis_or_projects: Analysis | gpd.GeoDataFrame, a: str, b: str,
                region: Region | None = None, by: str | None = None,
                themes: list[str] | tuple[str, ...] | None = None) -> HeadToHead:
    """Two areas side by side, with what their figures rest on.

    Parameters
    ----------
    analysis_or_projects, region, themes
        As for :func:`compare_areas`.
    a, b
        Names (or codes) of two subregions, two municipalities or two NOVEX
        areas, case-insensitive.
    by
        The level of ``a`` and ``b``; if None, subregions are tried first, then
        municipalities, then NOVEX areas.

    Returns
    -------
    HeadToHead
        Its ``table`` is :func:`head_to_head`'s; ``comparison`` is
        :func:`compare_areas` at the two areas' level.

    Raises
    ------
    UnknownNameError
        If a name is not found at the level; the message lists the valid names.
    """
    analysis = _as_analysis(analysis_or_projects, region)
    levels = [by] if by else list(COMPARE_LEVELS)
    for lv in levels:
        names = _level_table(analysis, lv)["name"]
        ka, kb = _find(names, a), _find(names, b)
        if ka is not None and kb is not None:
            break
    else:
        raise UnknownNameError(_unknown_area_message(analysis, (a, b), levels))
    if ka == kb:
        raise TransitiekaartError(msg("comparison.same_area", area=repr(a)))
    result = compare_areas(analysis, by=lv, themes=themes)
    table = result.table
    numeric = [c for c in table.columns
               if c not in ("name", "subregion", "population_date", "lisa")]
    name_a, name_b = str(table.at[ka, "name"]), str(table.at[kb, "name"])
    out = pd.DataFrame({name_a: table.loc[ka, numeric].astype(float),
                        name_b: table.loc[kb, numeric].astype(float)})
    out["difference"] = out[name_a] - out[name_b]
    out.index.name = "figure"
    return HeadToHead(table=out, comparison=result, a=str(ka), b=str(kb),
                      population_date=MappingProxyType(
                          {name_a: str(table.at[ka, "population_date"]),
                           name_b: str(table.at[kb, "population_date"])}))
