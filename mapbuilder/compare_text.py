"""Texts of ``transitiekaart compare`` that the map page does not share, in Dutch and English.

The comparison outputs also use the shared labels of :mod:`mapbuilder.i18n`;
:func:`ct` looks a key up here first and falls back to those.
"""

from __future__ import annotations

from mapbuilder.i18n import t

__all__ = ["ct"]

_TEXT: dict[str, tuple[str, str]] = {
    # population dates, in words (issue: "peildatum 2019 – 2025" puzzled readers)
    "pop_one": ("Per inwoner: CBS-bevolking op {main}.",
                "Per inhabitant: CBS population on {main}."),
    "pop_mostly": (
        "Per inwoner: CBS-bevolking, meestal op {main}; voor {n} van de {total} gemeenten "
        "geldt een andere peildatum.",
        "Per inhabitant: CBS population, mostly on {main}; {n} of the {total} "
        "municipalities have another reference date."),
    # where each area's reference date is shown (only where that column is)
    "pop_column": ("Zie de kolom {col}.", "See the column {col}."),
    "pop_columns": ("Zie de kolommen {a} en {b}.", "See the columns {a} and {b}."),
    # the workbook: an area's reference dates as two date columns (an area may span several)
    "code_col": ("Code", "Code"),
    "date_first": ("Peildatum (vroegste)", "Reference date (earliest)"),
    "date_last": ("Peildatum (laatste)", "Reference date (latest)"),
    "pop_elsewhere": ("De peildatum per gebied staat in --format csv, xlsx en html.",
                      "Each area's reference date is in --format csv, xlsx and html."),
    "novex_file": ("NOVEX-grenzen uit het opgegeven bestand ({names}).",
                   "NOVEX boundaries from the file given ({names})."),
    # classes and legends
    "class_zero": ("0 (geen)", "0 (none)"),
    "class_under": ("tot {hi}", "under {hi}"),
    "class_from": ("{lo} en meer", "{lo} and over"),
    "class_span": ("{lo} – {hi}", "{lo} – {hi}"),
    "class_note": ("Een grenswaarde hoort bij de hogere klasse.",
                   "A limit value belongs to the higher class."),
    "mln": ("mln", "m"),
    "circle_zero": ("0: geen cirkel", "0: no circle"),
    "circle_dot": ("stip: minder dan {value} (groter dan op schaal)",
                   "dot: under {value} (larger than to scale)"),
    "circle_note": ("De oppervlakte van een cirkel is evenredig met de waarde; alle cirkels "
                    "delen één schaal.",
                    "A circle's area is proportional to the value; all circles share one "
                    "scale."),
    "maps_note_circles": ("De kaarten bewegen samen. Totalen zijn cirkels, in beide kaarten op "
                          "dezelfde schaal; bij zoomen blijven ze even groot.",
                          "The maps move together. Totals are circles, on the same scale in "
                          "both maps; they keep their size when you zoom."),
    "bln": ("mld", "bn"),
    # the page
    "wheel_hint": ("Klik op een kaart om met het muiswiel te zoomen (of houd Ctrl ingedrukt); "
                   "anders scrolt de pagina.",
                   "Click a map to zoom with the mouse wheel (or hold Ctrl); otherwise the "
                   "page scrolls."),
    "touch_hint": ("Zoom met twee vingers (knijpen); tik eerst op een kaart om hem met één "
                   "vinger te verschuiven, anders scrolt de pagina.",
                   "Pinch with two fingers to zoom; tap a map first to move it with one "
                   "finger, otherwise the page scrolls."),
    "full_view": ("Heel het gebied", "Full view"),
    "zoom_in": ("Inzoomen", "Zoom in"),
    "zoom_out": ("Uitzoomen", "Zoom out"),
    "sort_hint": ("Sorteren: klik op een kolomkop (getallen eerst van hoog naar laag).",
                  "Sort: click a column header (numbers high to low first)."),
    "bars_avg": ("MRA-gemiddelde", "MRA average"),
    "table": ("Tabel", "Table"),
    "sources": ("Bronnen", "Sources"),
    # workbook
    "sheet_notes": ("Toelichting en bronnen", "Notes and sources"),
    "sheet_head": ("Naast elkaar", "Head to head"),
    "notes_title": ("Toelichting", "Notes"),
    "status_sample": ("Status: VOORBEELDDATA (fictieve projecten).",
                      "Status: SAMPLE DATA (fictitious projects)."),
    "status_real": ("Status: projecten uit {source}.", "Status: projects from {source}."),
    "status_register": ("Status: projecten uit het projectregister {name}.",
                        "Status: projects from the project register {name}."),
    "generated_by": ("Gemaakt met transitiekaart compare.", "Made with transitiekaart compare."),
    # what the command prints
    "page_written": ("Vergelijkingspagina geschreven naar {path}",
                     "Comparison page written to {path}"),
    "book_written": ("Werkmap (Excel) geschreven naar {path}",
                     "Workbook (Excel) written to {path}"),
    "file_written": ("Vergelijking geschreven naar {path}", "Comparison written to {path}"),
    "notes_written": ("Toelichting (bronnen, peildata, definities) geschreven naar {path}",
                      "Notes (sources, reference dates, definitions) written to {path}"),
    "summary": ("{n} {level}; {projects} projecten in de MRA, samen {eur}.",
                "{n} {level}; {projects} projects in the MRA, {eur} in all."),
    "summary_top": ("Meeste per inwoner: {name} ({value}).",
                    "Most per inhabitant: {name} ({value})."),
    "summary_area_wide": ("Daarnaast regiobreed (niet over deze gebieden verdeeld): {n} "
                          "project(en), samen {eur}.",
                          "Besides, area-wide (not spread over these areas): {n} "
                          "project(s), {eur} in all."),
    "summary_novex_partial": ("Daarnaast in een gemeente of deelregio die deels in een "
                              "NOVEX-gebied ligt en in geen enkel helemaal (niet "
                              "toegerekend): {n} project(en), samen {eur}.",
                              "Besides, in a municipality or subregion that lies partly in "
                              "a NOVEX area and wholly in none (not assigned): {n} "
                              "project(s), {eur} in all."),
    "summary_head": ("Naast elkaar: {a} en {b}.", "Head to head: {a} and {b}."),
    "summary_outside": ("Buiten de MRA (niet meegeteld): {n} project(en).",
                        "Outside the MRA (not counted): {n} project(s)."),
    # spatial autocorrelation (geo.autocorrelation): the reading in the run's language
    "moran_line": ("Ruimtelijke clustering van € per inwoner over de gemeenten (Moran's I): "
                   "I = {I}, E[I] = {EI}, z = {z}, p = {p} ({perm} permutaties): {reading}.",
                   "Spatial clustering of € per inhabitant across the municipalities "
                   "(Moran's I): I = {I}, E[I] = {EI}, z = {z}, p = {p} ({perm} "
                   "permutations): {reading}."),
    "moran_themes": ("Per thema (€ per inwoner, Moran's I): {items}.",
                     "Per theme (€ per inhabitant, Moran's I): {items}."),
    "moran_item": ("{theme} I = {I}, p = {p}: {reading}", "{theme} I = {I}, p = {p}: {reading}"),
    "moran_few": ("Ruimtelijke clustering (Moran's I): te weinig gegevens, {n} gemeenten met "
                  "projecten; er zijn er minstens {min} nodig.",
                  "Spatial clustering (Moran's I): too little data, {n} municipalities with "
                  "projects; at least {min} are needed."),
    "reading_clustered": ("geclusterd", "clustered"),
    "reading_dispersed": ("gespreid", "dispersed"),
    "reading_no_pattern": ("geen patroon", "no pattern"),
    "reading_too_little_data": ("te weinig gegevens", "too little data"),
    "lisa_col": ("LISA-cluster (€ per inwoner)", "LISA cluster (€ per inhabitant)"),
    "lisa_section": ("Ruimtelijke clustering (Moran's I, LISA)",
                     "Spatial clustering (Moran's I, LISA)"),
    "lisa_only_mun": ("De LISA-kaart per gemeente staat op de pagina van compare --by "
                      "municipality.",
                      "The LISA map per municipality is on the page of compare --by "
                      "municipality."),
    "lisa_high-high": ("hoog-hoog", "high-high"),
    "lisa_low-low": ("laag-laag", "low-low"),
    "lisa_high-low": ("hoog-laag", "high-low"),
    "lisa_low-high": ("laag-hoog", "low-high"),
    "lisa_ns": ("niet significant", "not significant"),
    "moran_term": ("Moran's I en LISA", "Moran's I and LISA"),
    "moran_def": ("Moran's I meet of gemeenten met veel € per inwoner naast elkaar liggen "
                  "(geclusterd), afwisselen (gespreid) of geen patroon tonen; buren delen een "
                  "grens of hoekpunt (queen, rijgestandaardiseerd; zonder buren: de "
                  "dichtstbijzijnde), p uit 999 permutaties met vaste seed. LISA per gemeente: "
                  "hoog-hoog, laag-laag, hoog-laag, laag-hoog bij p tot en met 0,05. Bronnen: "
                  "Anselin (1995); Getis & Ord (1992).",
                  "Moran's I measures whether municipalities with many € per inhabitant lie "
                  "next to each other (clustered), alternate (dispersed) or show no pattern; "
                  "neighbours share a border or corner (queen, row-standardised; without "
                  "neighbours: the nearest), p from 999 permutations with a fixed seed. LISA "
                  "per municipality: high-high, low-low, high-low, low-high at p up to 0.05. "
                  "References: Anselin (1995); Getis & Ord (1992)."),
    # messages
    "err_both": ("Geef zowel --a als --b om twee gebieden naast elkaar te zetten (of geen van "
                 "beide).",
                 "Give both --a and --b to put two areas head to head (or neither)."),
    "err_unknown_format": ("Onbekend formaat {fmt!r}. Kies uit: {choices}.",
                           "Unknown format {fmt!r}. Use one of: {choices}."),
    "err_multiples": ("Onbekende keuze {kind!r} voor --multiples. Kies uit: lq, eur, share.",
                      "Unknown multiples {kind!r}. Use one of: lq, eur, share."),
    "err_map": ("Onbekende kaart {spec!r} voor --maps. Kies een kengetal ({metrics}), een "
                "thema ({themes}) of lq:THEMA / share:THEMA.",
                "Unknown map {spec!r} for --maps. Use a metric ({metrics}), a theme "
                "({themes}) or lq:THEME / share:THEME."),
    "err_units": ("De kaarten {a!r} en {b!r} hebben verschillende eenheden en kunnen dus geen "
                  "schaal delen. Kies twee van dezelfde soort, bijv. twee thema's "
                  "(--maps hydrogen ai) of lq:hydrogen lq:ai.",
                  "The maps {a!r} and {b!r} have different units, so they cannot share one "
                  "scale. Choose two of the same kind, e.g. two themes (--maps hydrogen ai) "
                  "or lq:hydrogen lq:ai."),
    "err_column": ("De tabel heeft geen kolom {cols} voor --maps; neem deze thema's op in de "
                   "vergelijking (of laat --theme weg).",
                   "The table has no column {cols} for --maps; compare with these themes "
                   "included (or leave out --theme)."),
}


def ct(key: str, lang: str = "nl", **fmt: object) -> str:
    """The comparison text ``key`` in ``lang`` (else the shared label), formatted with ``fmt``."""
    if key not in _TEXT:
        return t(key, lang, **fmt)
    text = _TEXT[key][1 if lang == "en" else 0]
    return text.format(**fmt) if fmt else text
