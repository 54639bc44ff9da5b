"""The short summary table the CLI prints after building a map."""

from __future__ import annotations

import pandas as pd

from geo.analysis import Analysis
from mapbuilder.formatting import format_date, format_eur, format_number, text_table
from mapbuilder.i18n import metric_label, t

__all__ = ["population_date_words", "summary_table"]


def population_date_words(dates: pd.Series, lang: str = "nl", span: bool = False) -> str:
    """The population's reference date in words: one date, or the usual one.

    "1 januari 2024" when all municipalities' figures share a date, else
    "meestal 1 januari 2024; zie bronnen" (with ``span``: the range in
    brackets instead of the pointer to the sources).
    """
    d = dates.dropna().astype(str)
    if d.empty:
        return ""
    counts = d.value_counts()
    common = sorted(counts[counts == counts.max()].index)[-1]
    if d.nunique() == 1:
        return format_date(common, lang)
    if span:
        first, last = sorted(d.unique())[0], sorted(d.unique())[-1]
        return (f"{t('pop_mostly_short', lang, date=format_date(common, lang))} "
                f"({format_date(first, lang)} – {format_date(last, lang)})")
    return t("pop_mostly", lang, date=format_date(common, lang))


def summary_table(analysis: Analysis, lang: str = "nl") -> str:
    """Per subregion: projects, euros, euros per inhabitant; then the MRA total."""
    head = (t("subregion", lang), t("projects", lang), metric_label("total", lang),
            metric_label("per_inhabitant", lang))
    rows = [(str(r["name"]), format_number(r["n_projects"], 0, lang),
             format_eur(r["total_eur"], lang), format_eur(r["eur_per_inhabitant"], lang))
            for _, r in analysis.subregions.iterrows()]
    m = analysis.mra.iloc[0]
    total = (t("mra_total", lang), format_number(m["n_projects"], 0, lang),
             format_eur(m["total_eur"], lang), format_eur(m["eur_per_inhabitant"], lang))
    out = [text_table([list(head), *map(list, rows), list(total)], footer=1)]
    dates = analysis.region.population["reference_date"]
    out.append(t("per_inh_note", lang, dates=population_date_words(dates, lang, span=True)))
    if len(analysis.outside):
        out.append(f"{t('outside', lang)}: {len(analysis.outside)} — " + ", ".join(
            f"{r.id} ({r.lon:.4f}, {r.lat:.4f})" for r in analysis.outside.itertuples()))
    if analysis.has_samples:
        out.append(t("sample_notice", lang))
    return "\n".join(out)
