"""The short summary table the CLI prints after building a map."""

from __future__ import annotations

from geo.analysis import Analysis
from mapbuilder.formatting import format_date, format_eur, format_number
from mapbuilder.i18n import metric_label, t

__all__ = ["summary_table"]


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
    widths = [max(len(r[i]) for r in [head, *rows, total]) for i in range(4)]

    def line(r: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths, strict=True)))

    sep = "  ".join("-" * w for w in widths)
    out = [line(head), sep, *map(line, rows), sep, line(total)]
    out.append(t("per_inh_note", lang, dates=format_date(str(m["population_date"]), lang)))
    if len(analysis.outside):
        out.append(f"{t('outside', lang)}: {len(analysis.outside)} — " + ", ".join(
            f"{r.id} ({r.lon:.4f}, {r.lat:.4f})" for r in analysis.outside.itertuples()))
    if analysis.has_samples:
        out.append(t("sample_notice", lang))
    return "\n".join(out)
