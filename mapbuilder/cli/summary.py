"""The short summary table the CLI prints after building a map."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.analysis import Analysis
from geo.validate.strict import short
from layers.messages import msg, msg_n
from mapbuilder.cli.messages import EXAMPLES
from mapbuilder.formatting import (
    format_eur,
    format_number,
    population_date_words,
    text_table,
)
from mapbuilder.i18n import metric_label

__all__ = ["summary_table"]


def summary_table(analysis: Analysis, lang: str = "nl", verbose: bool = False) -> str:
    """Per subregion: projects, euros, euros per inhabitant; then the MRA total.

    Projects outside the MRA are counted, with their first ids and positions as
    examples; ``verbose`` lists them all.
    """
    head = (msg("labels.subregion", lang=lang), msg("labels.projects", lang=lang),
            metric_label("total", lang), metric_label("per_inhabitant", lang))
    rows = [(str(r["name"]), format_number(r["n_projects"], 0, lang),
             format_eur(r["total_eur"], lang), format_eur(r["eur_per_inhabitant"], lang))
            for _, r in analysis.subregions.iterrows()]
    m = analysis.mra.iloc[0]
    total = (msg("labels.mra_total", lang=lang), format_number(m["n_projects"], 0, lang),
             format_eur(m["total_eur"], lang), format_eur(m["eur_per_inhabitant"], lang))
    out = [text_table([list(head), *map(list, rows), list(total)], footer=1)]
    dates = analysis.region.population["reference_date"]
    out.append(msg("labels.per_inh_note", lang=lang,
                   dates=population_date_words(dates, lang, span=True)))
    if len(analysis.outside):
        out.append(_outside_line(analysis.outside, lang, verbose))
    out.extend(_placed_lines(analysis, lang, verbose))
    if analysis.has_samples:
        out.append(msg("labels.sample_notice", lang=lang))
    return "\n".join(out)


def _largest_first(projects: pd.DataFrame) -> pd.DataFrame:
    """``projects`` by amount, largest first (unknown amounts last, in file order)."""
    eur = pd.to_numeric(projects["amount_eur"], errors="coerce").fillna(-1.0)
    return projects.assign(sort_eur=eur).sort_values("sort_eur", ascending=False,
                                                     kind="stable")


def _outside_line(outside: pd.DataFrame, lang: str, verbose: bool) -> str:
    """How many projects lie outside the MRA and what they hold, largest amounts first:
    name, id, amount and position of each (the first few unless ``verbose``).

    Only the projects shown are sorted and formatted (a national list has
    hundreds of thousands outside; the line shows :data:`EXAMPLES`).
    """
    n = len(outside)
    shown = outside if verbose or n <= EXAMPLES else _largest(outside, EXAMPLES)
    unknown = msg("labels.amount_unknown_short", lang=lang)
    items = [f"{short(r.name)} ({r.id}, "
             f"{format_eur(r.amount_eur, lang) if r.sort_eur >= 0 else unknown}; "
             f"{format_number(r.lon, 4, lang)}; {format_number(r.lat, 4, lang)})"
             for r in _largest_first(shown).itertuples()]
    count = msg_n("labels.n_projects_count", n, lang=lang)
    total = pd.to_numeric(outside["amount_eur"], errors="coerce").sum()
    listed = ", ".join(items)
    if len(items) < n:
        listed += " " + msg("cli.more", lang=lang, n=format_number(n - len(items), 0, lang))
    outside_label = msg("labels.outside", lang=lang)
    return f"{outside_label}: {count}, {format_eur(float(total), lang)} — {listed}"


def _largest(projects: pd.DataFrame, k: int) -> pd.DataFrame:
    """The ``k`` rows :func:`_largest_first` puts first, without sorting them all: the
    largest amounts (ties and unknown amounts in file order)."""
    eur = pd.to_numeric(projects["amount_eur"], errors="coerce").fillna(-1.0).to_numpy()
    cut = np.partition(eur, len(eur) - k)[len(eur) - k]  # the k-th largest
    keep = np.flatnonzero(eur >= cut)  # k or more (ties at the cut), in file order
    return projects.iloc[keep[np.argsort(-eur[keep], kind="stable")][:k]]


def _placed_lines(analysis: Analysis, lang: str, verbose: bool = False) -> list[str]:
    """Projects without their own location: placed in a municipality, or area-wide
    (those by name, largest first; the first few unless ``verbose``)."""
    projects = analysis.projects
    if "place" not in projects.columns:
        return []
    lines = []
    place = projects["place"].astype(object)
    mun = projects.loc[place.eq("municipality").to_numpy()]
    if len(mun):
        k = format_number(len(mun), 0, lang)
        lines.append(msg("labels.placed_municipality", lang=lang, k=k))
    wide = projects.loc[place.isin(["subregion", "mra"]).to_numpy()]
    if len(wide):
        k = format_number(len(wide), 0, lang)
        lines.append(msg("labels.placed_area_wide", lang=lang, k=k))
        few = wide if verbose or len(wide) <= EXAMPLES else _largest(wide, EXAMPLES)
        lines.extend(f"  {r.id} {r.name} ({r.subregion if r.place == 'subregion' else 'MRA'}, "
                     f"{format_eur(r.amount_eur, lang)})" for r in _largest_first(few).itertuples())
        if len(few) < len(wide):  # as listing() does; only the rows shown are formatted
            lines.append("  " + msg("cli.more", lang=lang, n=format_number(len(wide) - len(few), 0,
                                                                   lang)))
    return lines
