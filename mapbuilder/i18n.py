"""Map labels in Dutch (default) and English."""

from __future__ import annotations

from geo._errors import UnknownNameError

__all__ = ["LANGS", "METRICS", "STATUS", "check_lang", "metric_label", "metric_unit",
           "status_label", "t"]

LANGS = ("nl", "en")

_TEXT: dict[str, tuple[str, str]] = {
    "title": ("Transitieversneller Metropool Amsterdam: waar de investeringen landen",
              "Transition accelerator Metropool Amsterdam: where the investments land"),
    "subregions": ("Deelregio's", "Subregions"),
    "subregion": ("Deelregio", "Subregion"),
    "municipality": ("Gemeente", "Municipality"),
    "municipalities": ("Gemeentegrenzen", "Municipal boundaries"),
    "novex": ("NOVEX-gebieden (indicatief)", "NOVEX areas (indicative)"),
    "novex_short": ("NOVEX", "NOVEX"),
    "indicative": ("indicatief", "indicative"),
    "ijmeerlijn": ("IJmeerlijn (gepland, indicatief)", "IJmeerlijn (planned, indicative)"),
    "hexagons": ("Concentratie (H3-zeshoeken, ca. 5 km²)",
                 "Concentration (H3 hexagons, approx. 5 km²)"),
    "context": ("Omliggende gemeenten", "Surrounding municipalities"),
    "themes": ("Thema's", "Themes"),
    "theme": ("Thema", "Theme"),
    "theme_mix": ("Themamix", "Theme mix"),
    "amount": ("Bedrag", "Amount"),
    "amount_unknown": ("onbekend", "unknown"),
    "status": ("Status", "Status"),
    "start_year": ("Startjaar", "Start year"),
    "organisation": ("Organisatie", "Organisation"),
    "website": ("Website", "Website"),
    "projects": ("Projecten", "Projects"),
    "n_projects": ("Aantal projecten", "Number of projects"),
    "total": ("Totaal", "Total"),
    "population": ("Inwoners", "Inhabitants"),
    "population_date": ("peildatum", "reference date"),
    "area": ("Oppervlakte", "Area"),
    "share": ("Aandeel MRA", "Share of MRA"),
    "mra_average": ("MRA-gemiddelde", "MRA average"),
    "mra_total": ("MRA totaal", "MRA total"),
    "most": ("Meeste investeringen", "Largest investment"),
    "top_theme": ("Grootste thema", "Largest theme"),
    "outside": ("Buiten de MRA (niet meegeteld)", "Outside the MRA (not counted)"),
    "none": ("geen", "none"),
    "sample_notice": (
        "VOORBEELDDATA: de projecten, namen en bedragen op deze kaart zijn fictief.",
        "SAMPLE DATA: the projects, names and amounts on this map are fictitious."),
    "novex_notice": (
        "NOVEX-grenzen zijn indicatief, afgeleid volgens een vast recept; geen officiële grenzen.",
        "NOVEX boundaries are indicative, derived by a fixed recipe; not official boundaries."),
    "no_projects": ("Geen projecten.", "No projects."),
    "per_inh_note": ("Per inwoner: CBS-bevolking, peildatum {dates}.",
                     "Per inhabitant: CBS population, reference date {dates}."),
    "n_hex": ("projecten in deze cel", "projects in this cell"),
    "legend_choropleth": ("Deelregio's: {metric}", "Subregions: {metric}"),
    "source_cbs": ("Grenzen: CBS / Kadaster (PDOK), CC BY 4.0; bevolking: CBS",
                   "Boundaries: CBS / Kadaster (PDOK), CC BY 4.0; population: CBS"),
    "source_samples": ("projecten: fictieve voorbeelddata", "projects: fictitious sample data"),
    "source_user": ("projecten: {source}", "projects: {source}"),
    "click_hint": ("Klik op een deelregio voor de cijfers naast het MRA-gemiddelde.",
                   "Click a subregion for its figures next to the MRA average."),
    "figure": ("Kengetal", "Figure"),
    "not_available": ("n.v.t.", "n/a"),
}

# metric code -> (label nl, label en, unit nl, unit en, stats column)
METRICS: dict[str, tuple[str, str, str, str, str]] = {
    "total": ("Totale investering", "Total investment", "€", "€", "total_eur"),
    "per_inhabitant": ("Investering per inwoner", "Investment per inhabitant",
                       "€ per inwoner", "€ per inhabitant", "eur_per_inhabitant"),
    "per_km2": ("Investering per km²", "Investment per km²", "€ per km²", "€ per km²",
                "eur_per_km2"),
    "count": ("Aantal projecten", "Number of projects", "projecten", "projects",
              "n_projects"),
}

STATUS: dict[str, tuple[str, str]] = {
    "idea": ("idee", "idea"),
    "planned": ("gepland", "planned"),
    "ongoing": ("in uitvoering", "ongoing"),
    "completed": ("afgerond", "completed"),
    "stopped": ("gestopt", "stopped"),
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is "nl" or "en", else raise with the valid choices."""
    if lang not in LANGS:
        msg = f"Unknown language {lang!r}. Use one of: {', '.join(LANGS)}."
        raise UnknownNameError(msg)
    return lang


def t(key: str, lang: str = "nl", **fmt: object) -> str:
    """The label ``key`` in ``lang``, formatted with ``fmt``."""
    text = _TEXT[key][1 if lang == "en" else 0]
    return text.format(**fmt) if fmt else text


def metric_label(metric: str, lang: str = "nl") -> str:
    """Label of a choropleth metric."""
    return METRICS[metric][1 if lang == "en" else 0]


def metric_unit(metric: str, lang: str = "nl") -> str:
    """Unit of a choropleth metric."""
    return METRICS[metric][3 if lang == "en" else 2]


def status_label(status: object, lang: str = "nl") -> str:
    """Translate a known status code; other text is returned unchanged."""
    if not isinstance(status, str) or not status:
        return ""
    known = STATUS.get(status.strip().lower())
    return known[1 if lang == "en" else 0] if known else status
