"""Map labels in Dutch (default) and English."""

from __future__ import annotations

from layers.lang import LANGS, check_lang

__all__ = ["DEFAULT_METRIC", "LANGS", "METRICS", "STATUS", "THEME_SHORT", "check_lang",
           "metric_label", "metric_unit", "page_labels", "spatial_definitions", "status_label", "t"]


_TEXT: dict[str, tuple[str, str]] = {
    "title": ("Transitieversneller Metropool Amsterdam: waar de investeringen landen",
              "Transition accelerator Metropool Amsterdam: where the investments land"),
    "check_button": ("Bestand controleren", "Check a file"),
    "check_drop": ("Sleep uw bestand (.xlsx, .csv, .geojson) op de kaart of kies het hier. "
                   "Het blijft op uw computer: er wordt niets verstuurd.",
                   "Drop your file (.xlsx, .csv, .geojson) on the map or choose it here. "
                   "It stays on your computer: nothing is sent."),
    "check_incomplete": ("de controle in de kaart is onvolledig voor dit bestand ({reasons}); "
                         "het oordeel hieronder is daarom niet definitief.",
                         "the check in the map is incomplete for this file ({reasons}); "
                         "the verdict below is therefore not final."),
    "check_incomplete_hint": ("Laat het bestand controleren met 'transitiekaart validate "
                              "BESTAND' voor het volledige oordeel.",
                              "Have the file checked with 'transitiekaart validate FILE' for "
                              "the full verdict."),
    "check_unsupported": ("dit soort bestand ({ext}) kan de kaart niet lezen.",
                          "the map cannot read this kind of file ({ext})."),
    "check_unsupported_hint": ("Gebruik 'transitiekaart validate BESTAND', of sla het blad op "
                               "als CSV of GeoJSON.",
                               "Use 'transitiekaart validate FILE', or save the sheet as CSV "
                               "or GeoJSON."),
    "check_too_big": ("het bestand is groter dan {mb} MB, de grens van de kaart.",
                      "the file is larger than {mb} MB, the map's limit."),
    "check_verdict_ok": ("{errors} fouten, {notes} opmerkingen: klaar om in te sturen.",
                         "{errors} errors, {notes} notes: ready to send in."),
    "check_verdict_bad": ("{errors} fouten, {notes} opmerkingen: nog niet klaar om in te sturen.",
                          "{errors} errors, {notes} notes: not ready to send in yet."),
    "check_verdict_open": ("{errors} fouten, {notes} opmerkingen: controle onvolledig, "
                           "gebruik 'transitiekaart validate'.",
                           "{errors} errors, {notes} notes: check incomplete, use "
                           "'transitiekaart validate'."),
    "check_layer": ("Uw bestand", "Your file"),
    "check_why_amount": ("bedragen anders dan hele euro's", "amounts other than whole euros"),
    "check_why_amount_unit": ("een bedragkolom met een eenheid", "an amount column with a unit"),
    "check_why_column": ("onbekende kolom", "unknown column"),
    "check_why_column_twice": ("een veld in twee kolommen", "a field in two columns"),
    "check_why_coordinates": ("coördinaten die geen getal zijn",
                              "coordinates that are not numbers"),
    "check_why_delimiter": ("scheidingsteken onduidelijk", "unclear separator"),
    "check_why_duplicate_id": ("dubbele ids", "duplicate ids"),
    "check_why_duplicate_name": ("dubbele namen", "duplicate names"),
    "check_why_encoding": ("geen UTF-8", "not UTF-8"),
    "check_why_feature_id": ("ids buiten de eigenschappen", "ids outside the properties"),
    "check_why_format": ("bestandssoort", "file type"),
    "check_why_geojson": ("geen gewone FeatureCollection", "not a plain FeatureCollection"),
    "check_why_geometry": ("vormen anders dan punten", "shapes other than points"),
    "check_why_id": ("ids", "ids"),
    "check_why_id_text": ("namen of organisaties met tekens buiten Latin-1 zonder id",
                          "names or organisations with characters outside Latin-1 and no id"),
    "check_why_implausible_amount": ("bedragen veel groter dan de rest van het bestand",
                                     "amounts far larger than the rest of the file"),
    "check_why_template_row": ("de voorbeeldrij van het sjabloon",
                               "the template's example row"),
    "check_why_json": ("geen geldige JSON", "not valid JSON"),
    "check_why_location": ("punten bij of buiten de MRA-grens",
                           "points near or outside the MRA border"),
    "check_why_location_columns": ("geen kolommen lon en lat", "no lon and lat columns"),
    "check_why_name": ("namen", "names"),
    "check_why_property": ("onbekende eigenschap", "unknown property"),
    "check_why_property_twice": ("een veld twee keer", "a field twice"),
    "check_why_quotes": ("een open aanhalingsteken", "an open quote"),
    "check_why_row_length": ("rijen met te veel of te weinig cellen",
                             "rows with too many or too few cells"),
    "check_why_rows": ("geen rijen", "no rows"),
    "check_why_size": ("grootte", "size"),
    "check_why_status": ("statussen", "statuses"),
    "check_why_text": ("ongeldige tekens", "invalid characters"),
    "check_why_theme": ("thema's", "themes"),
    "check_why_start_year": ("startjaren", "start years"),
    "check_why_url": ("websites", "websites"),
    "check_why_municipality": ("plaatsing op gemeente", "placing by municipality"),
    "check_why_subregion": ("plaatsing op deelregio", "placing by subregion"),
    "check_why_address": ("adressen", "addresses"),
    "check_why_organisation": ("organisaties", "organisations"),
    "check_why_description": ("beschrijvingen", "descriptions"),
    "check_why_place": ("plaatsen", "places"),
    "check_why_place_area": ("plaatsen", "places"),
    "check_why_no_coordinates": ("projecten zonder coördinaten", "projects without coordinates"),
    "check_why_sheets": ("meer dan één blad", "more than one sheet"),
    "check_why_formula": ("formules", "formulas"),
    "check_why_xlsx": ("onderdelen van de Excel-werkmap", "parts of the Excel workbook"),
    "check_why_header_row": ("de kopregel staat niet op rij 1", "the header is not on row 1"),
    "check_why_sample": ("voorbeeldkolom", "sample column"),
    "check_row": ("rij", "row"),
    "check_column": ("kolom", "column"),
    "check_value": ("waarde", "value"),
    "check_fix": ("Oplossing", "Fix"),
    "check_download": ("Meldingen downloaden (CSV)", "Download the messages (CSV)"),
    "check_download_register": ("Gecontroleerd bestand downloaden (CSV, met ids)",
                                "Download the checked file (CSV, with ids)"),
    "subregions": ("Deelregio's", "Subregions"),
    "subregion": ("Deelregio", "Subregion"),
    "municipality": ("Gemeente", "Municipality"),
    "municipalities": ("Gemeentegrenzen", "Municipal boundaries"),
    "novex": ("NOVEX-gebieden (indicatief)", "NOVEX areas (indicative)"),
    "novex_short": ("NOVEX", "NOVEX"),
    "indicative": ("indicatief", "indicative"),
    "ijmeerlijn": ("IJmeerlijn (gepland, indicatief)", "IJmeerlijn (planned, indicative)"),
    "hexagons": ("Concentratie: hotspots (Gi*, H3-cellen van ca. 5 km²)",
                 "Concentration: hot spots (Gi*, H3 cells of approx. 5 km²)"),
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
    "pop_mostly": ("meestal {date}; zie bronnen", "mostly {date}; see sources"),
    "pop_mostly_short": ("meestal {date}", "mostly {date}"),
    "src_population": ("Inwoners: CBS, peildata {dates}",
                       "Inhabitants: CBS, reference dates {dates}"),
    "n_hex": ("projecten in deze cel", "projects in this cell"),
    "legend_choropleth": ("Deelregio's: {metric}", "Subregions: {metric}"),
    "source_cbs": ("Grenzen: CBS / Kadaster (PDOK), CC BY 4.0; bevolking: CBS",
                   "Boundaries: CBS / Kadaster (PDOK), CC BY 4.0; population: CBS"),
    "source_samples": ("projecten: fictieve voorbeelddata", "projects: fictitious sample data"),
    "source_user": ("projecten: {source}", "projects: {source}"),
    "source_register": ("projecten: projectregister {name}", "projects: project register {name}"),
    "themes_hint": ("Kleuren en aantallen per thema: zie de lagenlijst rechtsboven; "
                    "vink een thema aan of uit.",
                    "Colours and counts per theme: see the layer list at the top right; "
                    "tick a theme on or off."),
    "novex_short_notice": ("NOVEX-grenzen indicatief", "NOVEX boundaries indicative"),
    "points_zoom_in": ("Klik om in te zoomen", "Click to zoom in"),
    "points_here": ("{n} projecten op deze plek", "{n} projects at this spot"),
    "points_more": ("en nog {n}", "and {n} more"),
    "click_hint": ("Klik op een deelregio voor de cijfers naast het MRA-gemiddelde.",
                   "Click a subregion for its figures next to the MRA average."),
    "figure": ("Kengetal", "Figure"),
    "not_available": ("n.v.t.", "n/a"),
    # comparison (transitiekaart compare)
    "cmp_title": ("{level} vergeleken", "{level} compared"),
    "cmp_key_figures": ("Kerncijfers", "Key figures"),
    "cmp_theme_eur": ("Bedrag per thema (€)", "Amount per theme (€)"),
    "cmp_theme_share": ("Aandeel van het thema in het bedrag van het gebied",
                        "Theme's share of the area's amount"),
    "cmp_theme_lq": ("Locatiequotiënt per thema", "Location quotient per theme"),
    "cmp_novex_share": ("Deel van het bedrag binnen elk NOVEX-gebied",
                        "Share of the amount inside each NOVEX area"),
    "cmp_area": ("Gebied", "Area"),
    "cmp_rank": ("Rang", "Rank"),
    "cmp_diversity": ("Themadiversiteit", "Theme diversity"),
    "cmp_lq": ("LQ", "LQ"),
    "cmp_share_area": ("aandeel", "share"),
    "cmp_population": ("Inwoners", "Inhabitants"),
    "cmp_area_km2": ("Oppervlakte (km²)", "Area (km²)"),
    "cmp_n_with_amount": ("Projecten met bedrag", "Projects with an amount"),
    "cmp_difference": ("Verschil", "Difference"),
    "cmp_pp": ("verschillen in aandelen (%) zijn procentpunten.",
               "differences of shares (%) are percentage points."),
    "cmp_head_to_head": ("{a} naast {b}", "{a} next to {b}"),
    "cmp_figure": ("Kengetal", "Figure"),
    "cmp_def_lq": (
        "Locatiequotiënt (LQ) = (bedrag thema in gebied / bedrag gebied) / (bedrag thema "
        "in MRA / bedrag MRA). Boven 1: het thema is in dit gebied geconcentreerd; onder 1: "
        "ondervertegenwoordigd. Leeg (–) als het gebied geen bedrag heeft of het thema in "
        "de hele MRA geen bedrag heeft.",
        "Location quotient (LQ) = (theme amount in area / area amount) / (theme amount in "
        "MRA / MRA amount). Above 1: the theme is concentrated in the area; below 1: "
        "under-represented. Empty (–) when the area has no amount or the theme has none in "
        "the whole MRA."),
    "cmp_def_diversity": (
        "Themadiversiteit = Shannon-entropie van de themaverdeling van het bedrag, "
        "−Σ p·ln p, gedeeld door ln 8: 0 = alles in één thema, 1 = gelijk verdeeld over "
        "alle acht thema's. Leeg (–) als het gebied geen bedrag heeft.",
        "Theme diversity = Shannon entropy of the split of the amount over the themes, "
        "−Σ p·ln p, divided by ln 8: 0 = all in one theme, 1 = equal over all eight "
        "themes. Empty (–) when the area has no amount."),
    "cmp_def_novex": (
        "NOVEX-aandeel = bedrag van de projecten van het gebied die binnen het NOVEX-gebied "
        "liggen / bedrag van het gebied. NOVEX-gebieden overlappen; de aandelen tellen dus "
        "niet op tot 100%.",
        "NOVEX share = amount of the area's projects lying inside the NOVEX area / the "
        "area's amount. NOVEX areas overlap, so the shares do not add up to 100%."),
    "cmp_def_rank": ("Rang naar totaal bedrag (1 = grootste).",
                     "Rank by total amount (1 = largest)."),
    "cmp_def_km2": ("Oppervlakte gemeten in EPSG:28992 (RD New).",
                    "Area measured in EPSG:28992 (RD New)."),
    "cmp_outside": (
        "Buiten de MRA: {n} project(en), {eur}; niet meegeteld in de gebieden of het "
        "MRA-totaal.",
        "Outside the MRA: {n} project(s), {eur}; not counted in the areas or the MRA "
        "total."),
    "cmp_no_outside": ("Alle projecten liggen in de MRA.", "All projects lie in the MRA."),
    "cmp_novex_overlap": ("NOVEX-gebieden overlappen: tel hun rijen niet op.",
                          "NOVEX areas overlap: do not add up their rows."),
    "cmp_maps": ("Twee kaarten, één schaal", "Two maps, one scale"),
    "cmp_maps_note": ("De kaarten bewegen samen en delen klassengrenzen en kleuren.",
                      "The maps pan and zoom together and share class breaks and colours."),
    "cmp_multiples": ("Per thema: waar concentreert het zich?",
                      "Per theme: where does it concentrate?"),
    "cmp_table": ("Tabel (klik op een kolomkop om te sorteren)",
                  "Table (click a column header to sort)"),
    "cmp_bars": ("Investering per inwoner", "Investment per inhabitant"),
    "cmp_definitions": ("Definities", "Definitions"),
    "cmp_no_data": ("geen gegevens", "no data"),
    "cmp_level_subregion": ("Deelregio's", "Subregions"),
    "cmp_level_municipality": ("Gemeenten", "Municipalities"),
    "cmp_level_novex": ("NOVEX-gebieden", "NOVEX areas"),
    "cmp_lq_legend": ("Locatiequotiënt (zelfde schaal voor alle thema's)",
                      "Location quotient (one scale for all themes)"),
    "cmp_eur_legend": ("Bedrag per thema in € (zelfde schaal voor alle thema's)",
                       "Amount per theme in € (one scale for all themes)"),
    "cmp_written": ("Vergelijking geschreven naar {path}", "Comparison written to {path}"),
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

DEFAULT_METRIC = "per_inhabitant"

# What the spatial statistics measure (map page, comparison page, README), paragraph per line.
SPATIAL_DEFINITIONS: dict[str, tuple[str, str]] = {
    "gistar": (
        "Hotspots (Getis-Ord Gi*): voor elke H3-cel van ca. 5 km² waarvan het midden in de MRA "
        "ligt, telt de toets de euro's van de cel en haar (tot zes) buurcellen op en vergelijkt "
        "die met wat je zou verwachten als hetzelfde geld willekeurig over alle cellen verdeeld "
        "was. Een hoge z-waarde betekent: hier ligt samen veel meer geld dan toeval geeft. "
        "Alleen projecten met een precieze locatie tellen mee (niet die per gemeente of "
        "regiobreed geplaatst zijn).",
        "Hot spots (Getis-Ord Gi*): for every H3 cell of about 5 km² whose centre lies in the "
        "MRA, the test adds up the euros of the cell and its (up to six) neighbouring cells and "
        "compares them with what the same money spread at random over all cells would give. A "
        "high z-score means: far more money lies here together than chance gives. Only projects "
        "with an exact location count (not those placed by municipality or area-wide)."),
    "circle": (
        "Een hotspot is niet hetzelfde als een grote cirkel: een cirkel toont hoeveel geld een "
        "gebied krijgt; een hotspot toont dat geld geclusterd ligt, in een cel én haar buren, "
        "meer dan bij toeval. Eén groot project in een lege omgeving is meestal geen hotspot.",
        "A hot spot is not the same as a big circle: a circle shows how much money an area "
        "gets; a hot spot shows that money is clustered, in a cell and its neighbours, beyond "
        "chance. One large project in empty surroundings is usually not a hot spot."),
    "fdr": (
        "Veel cellen tegelijk toetsen geeft vanzelf toevalstreffers. Daarom wordt gecorrigeerd "
        "voor het aantal toetsen (Benjamini-Hochberg, 'false discovery rate'): een cel is "
        "significant als haar tweezijdige p-waarde onder de gecorrigeerde drempel bij α = 0,05 "
        "ligt; de 90/95/99%-klassen gebruiken dezelfde correctie. Met minder dan 30 projecten "
        "met een precieze locatie, of minder dan 5 cellen met een bedrag, wordt niets getekend.",
        "Testing many cells at once produces chance findings by itself. The result is therefore "
        "corrected for the number of tests (Benjamini-Hochberg, 'false discovery rate'): a cell "
        "is significant when its two-sided p-value is below the corrected threshold at α = "
        "0.05; the 90/95/99% bins use the same correction. With fewer than 30 projects with an "
        "exact location, or fewer than 5 cells with an amount, nothing is drawn."),
    "moran": (
        "Moran's I (vergelijking, gemeenten): meet of gemeenten met veel euro's per inwoner "
        "naast elkaar liggen (I boven E[I]: geclusterd), juist afwisselen (onder E[I]: "
        "gespreid) of geen patroon tonen. Buren: gemeenten die een grens of hoekpunt delen "
        "(queen, rijgestandaardiseerd; een gemeente zonder buren krijgt de dichtstbijzijnde). "
        "p-waarde uit 999 permutaties met vaste seed. LISA (lokale Moran) geeft per gemeente: "
        "hoog-hoog, laag-laag, hoog-laag, laag-hoog of niet significant (p tot en met 0,05).",
        "Moran's I (comparison, municipalities): measures whether municipalities with many "
        "euros per inhabitant lie next to each other (I above E[I]: clustered), alternate "
        "(below E[I]: dispersed) or show no pattern. Neighbours: municipalities sharing a "
        "border or corner (queen, row-standardised; a municipality without neighbours gets "
        "its nearest one). p-value from 999 permutations with a fixed seed. LISA (local Moran) "
        "gives per municipality: high-high, low-low, high-low, low-high or not significant "
        "(p up to 0.05)."),
    "refs": (
        "Bronnen: Getis & Ord (1992), Geographical Analysis 24(3); Ord & Getis (1995), "
        "Geographical Analysis 27(4); Anselin (1995), Geographical Analysis 27(2); Benjamini & "
        "Hochberg (1995), J. R. Stat. Soc. B 57(1). Berekend met PySAL (esda, libpysal).",
        "References: Getis & Ord (1992), Geographical Analysis 24(3); Ord & Getis (1995), "
        "Geographical Analysis 27(4); Anselin (1995), Geographical Analysis 27(2); Benjamini & "
        "Hochberg (1995), J. R. Stat. Soc. B 57(1). Computed with PySAL (esda, libpysal)."),
}


def spatial_definitions(lang: str = "nl", keys: tuple[str, ...] = ("gistar", "circle", "fdr",
                                                                 "moran", "refs")) -> list[str]:
    """The paragraphs of :data:`SPATIAL_DEFINITIONS` in ``lang``."""
    k = 1 if lang == "en" else 0
    return [SPATIAL_DEFINITIONS[key][k] for key in keys]


# the map page's texts (mapbuilder/static/panels.js reads them by key)
_PAGE: dict[str, tuple[str, str]] = {
    "sec_summary": ("Cijfers", "Figures"),
    "sec_filters": ("Filters", "Filters"),
    "sec_legend": ("Legenda", "Legend"),
    "sec_list": ("Projecten", "Projects"),
    "sec_areas": ("Gebieden", "Areas"),
    "sec_sources": ("Bronnen", "Sources"),
    "panel_label": ("Kaartpanelen", "Map panels"),
    "full_view": ("Hele MRA", "Whole MRA"),
    "full_view_title": ("Zoom naar de hele MRA", "Zoom to the whole MRA"),
    "map_shows": ("Kaart toont", "Map shows"),
    "themes": ("Thema's", "Themes"),
    "all": ("alle", "all"),
    "none": ("geen", "none"),
    "year": ("Startjaar", "Start year"),
    "from": ("van", "from"),
    "to": ("tot en met", "to"),
    "status": ("Status", "Status"),
    "status_unknown": ("onbekend", "unknown"),
    "amount": ("Bedrag (€)", "Amount (€)"),
    "amount_min": ("minimaal", "at least"),
    "amount_max": ("maximaal", "at most"),
    "search": ("Zoeken", "Search"),
    "search_hint": ("naam, organisatie, id of gemeente", "name, organisation, id or municipality"),
    "reset": ("Alle filters wissen", "Clear all filters"),
    "selection": ("Selectie", "Selection"),
    "n_split": ("{a} in de MRA + {b} erbuiten = {c} projecten",
                "{a} in the MRA + {b} outside = {c} projects"),
    "n_areawide": ("waarvan {n} zonder exacte plek (hele gemeente, deelregio of MRA)",
                   "of which {n} without an exact place (whole municipality, subregion or MRA)"),
    "mra_total": ("Totaal in de MRA", "Total in the MRA"),
    "unknown_amounts": ("{n} zonder bedrag (tellen als € 0)",
                        "{n} without an amount (count as €0)"),
    "per_inhabitant": ("Per inwoner (MRA)", "Per inhabitant (MRA)"),
    "largest_area": ("Hoogste deelregio", "Highest subregion"),
    "top_theme": ("Grootste thema", "Largest theme"),
    "outside": ("Buiten de MRA (niet meegeteld)", "Outside the MRA (not counted)"),
    "pop_note": ("Inwoners: CBS, peildatum {date}.", "Inhabitants: CBS, reference date {date}."),
    "legend_fill": ("Deelregio's: {metric}", "Subregions: {metric}"),
    "legend_plain": ("Deelregio's (geen kleurvlak: {metric} staat in de cirkels)",
                     "Subregions (no fill: {metric} is in the circles)"),
    "legend_fill_mun": ("Gemeenten: {metric}", "Municipalities: {metric}"),
    "legend_plain_mun": ("Gemeenten (geen kleurvlak: {metric} staat in de cirkels)",
                         "Municipalities (no fill: {metric} is in the circles)"),
    "no_data": ("geen projecten in de selectie", "no projects in the selection"),
    "class_note": ("Klassen: vanaf de ondergrens tot de volgende grens.",
                   "Classes: from the lower limit up to the next limit."),
    "symbols": ("Cirkels: {what} per {level}", "Circles: {what} per {level}"),
    "symbols_eur": ("bedrag", "amount"),
    "symbols_n": ("aantal projecten", "number of projects"),
    "symbols_refs": ("voorbeeldcirkels", "reference circles"),
    "symbols_note": ("Oppervlak evenredig met de waarde. Zoom in voor gemeenten en losse "
                     "projecten.",
                     "Area proportional to the value. Zoom in for municipalities and single "
                     "projects."),
    "symbols_fixed": ("Vaste schaal voor elke selectie (uit alle projecten): minder geld, een "
                      "kleinere cirkel.",
                      "Fixed scale for every selection (from all projects): less money, a "
                      "smaller circle."),
    "pies": ("Themaverdeling in de cirkels", "Theme breakdown in the circles"),
    "theme_key": ("Kleuren: thema's", "Colours: themes"),
    "dots_scale": ("Stippen: oppervlak naar bedrag (vanaf {cap} even groot)",
                   "Dots: area by amount (the same from {cap})"),
    "dots_note": ("Kleur: thema.", "Colour: theme."),
    "dot_unknown": ("geen bedrag", "no amount"),
    "class_mode": ("Klassen", "Classes"),
    "class_index": ("% van het MRA-gemiddelde", "% of the MRA average"),
    "class_fixed": ("vaste bedragen (uit alle projecten)", "fixed amounts (from all projects)"),
    "index_ref": ("100% = het MRA-gemiddelde van deze selectie: {value}",
                  "100% = the MRA average of this selection: {value}"),
    "index_note": ("Klassen blijven gelijk bij elk filter; een grens hoort bij de hogere klasse.",
                   "Classes stay the same through every filter; a limit belongs to the higher "
                   "class."),
    "fixed_note": ("Vaste klassen uit alle projecten zonder filter, gelijk bij elk filter; een "
                   "grens hoort bij de hogere klasse.",
                   "Fixed classes from all projects without a filter, the same through every "
                   "filter; a limit belongs to the higher class."),
    "amount_ambiguous": ("Dubbelzinnig: {a} of {b}? Zet er € voor ('€ 1.250') of schrijf het "
                         "zonder punt. Dit bedrag telt niet mee.",
                         "Ambiguous: {a} or {b}? Put € before it ('€1,250') or write it without "
                         "the separator. This bound is not applied."),
    "amount_unreadable": ("Geen bedrag. Schrijf bijv. 1.000.000, € 750.000, 2,5 mln of 300k. "
                          "Dit bedrag telt niet mee.",
                          "Not an amount. Write e.g. 1,000,000, €750,000, 2.5m or 300k. This "
                          "bound is not applied."),
    "amount_no_digits": ("Geen cijfers. Schrijf bijv. 2,5 mln. Dit bedrag telt niet mee.",
                         "No digits. Write e.g. 2.5m. This bound is not applied."),
    "amount_not_finite": ("Geen eindig getal. Dit bedrag telt niet mee.",
                          "Not a finite number. This bound is not applied."),
    "amount_negative": ("Een bedrag is 0 of meer. Dit bedrag telt niet mee.",
                        "An amount is 0 or more. This bound is not applied."),
    "amount_too_large": ("Meer dan € 1.000 mld: controleer de cijfers. Dit bedrag telt niet mee.",
                         "More than €1,000bn: check the digits. This bound is not applied."),
    "amount_range": ("Minimum boven maximum: het bedragfilter staat uit.",
                     "Minimum above maximum: the amount filter is off."),
    "year_range": ("Beginjaar na eindjaar: het jaarfilter staat uit.",
                   "Start after end: the year filter is off."),
    "empty_selection": ("Geen projecten voldoen aan deze filters.",
                        "No projects match these filters."),
    "strip_open": ("Legenda \u25b8", "Legend \u25b8"),
    "strip_fixed": ("vaste schaal", "fixed scale"),
    "novex_totals": ("NOVEX-gebieden (selectie)", "NOVEX areas (selection)"),
    "novex_overlap": ("NOVEX-gebieden overlappen elkaar en de deelregio's: een project kan in "
                      "meer dan één liggen, dus ze tellen niet op tot de MRA.",
                      "NOVEX areas overlap each other and the subregions: a project can lie in "
                      "more than one, so they do not add up to the MRA."),
    "map_label": ("Kaart van de investeringen in de MRA; dezelfde cijfers staan als lijst onder "
                  "Gebieden", "Map of the investments in the MRA; the same figures are listed "
                  "under Areas"),
    "map_role": ("kaart", "map"),
    "status_hint": ("Klik een status om alleen die te tonen.",
                    "Click a status to show only that one."),
    "print_filter": ("Selectie: {what}", "Selection: {what}"),
    "print_all": ("alle projecten", "all projects"),
    "print_date": ("Stand van {date}", "As of {date}"),
    "pct_of_mra": ("{pct}% van het MRA-gemiddelde", "{pct}% of the MRA average"),
    "level_sub": ("deelregio", "subregion"),
    "level_mun": ("gemeente", "municipality"),
    "dots": ("Project (kleur: thema)", "Project (colour: theme)"),
    "dot_mun": ("Project met alleen een gemeente bekend (op het gemeentepunt)",
                "Project known by municipality only (at its label point)"),
    "dot_outside": ("Project buiten de MRA (niet meegeteld)",
                    "Project outside the MRA (not counted)"),
    "located_mun": ("locatie: gemeente", "location: municipality"),
    "located_sub": ("locatie: hele deelregio", "location: whole subregion"),
    "located_mra": ("locatie: hele MRA", "location: whole MRA"),
    "layers": ("Kaartlagen", "Map layers"),
    "projects": ("projecten", "projects"),
    "project_1": ("project", "project"),
    "sort_by": ("Sorteer op", "Sort by"),
    "sort_amount": ("bedrag", "amount"),
    "sort_name": ("naam", "name"),
    "sort_year": ("startjaar", "start year"),
    "list_label": ("Projecten in de selectie: pijltjestoetsen om te kiezen, Enter om te tonen",
                   "Projects in the selection: arrow keys to choose, Enter to show"),
    "list_count": ("{n} projecten in de selectie", "{n} projects in the selection"),
    "areas_label": ("Gebieden: Enter opent de cijfers", "Areas: Enter opens the figures"),
    "export": ("Selectie downloaden", "Download the selection"),
    "export_csv": ("CSV (Excel)", "CSV (Excel)"),
    "export_geojson": ("GeoJSON", "GeoJSON"),
    "export_busy": ("Bezig met schrijven\u2026", "Writing\u2026"),
    "figure": ("Kengetal", "Figure"),
    "mra_average": ("MRA-gemiddelde", "MRA average"),
    "avg_note": ("MRA-gemiddelde: per deelregio (MRA / {n}) voor aantallen en bedragen; de MRA "
                 "als geheel per inwoner en per km².",
                 "MRA average: per subregion (MRA / {n}) for counts and amounts; the MRA as a "
                 "whole per inhabitant and per km²."),
    "n_projects": ("Aantal projecten", "Number of projects"),
    "total": ("Totaal", "Total"),
    "share": ("Aandeel MRA", "Share of MRA"),
    "theme_mix": ("Themamix", "Theme mix"),
    "no_projects": ("Geen projecten in de selectie.", "No projects in the selection."),
    "click_more": ("Klik voor details", "Click for details"),
    "zoom_in": ("Klik om in te zoomen", "Click to zoom in"),
    "mln": ("mln", "m"),
    "mld": ("mld", "bn"),
    "sample": ("VOORBEELDDATA: de projecten, namen en bedragen op deze kaart zijn fictief.",
               "SAMPLE DATA: the projects, names and amounts on this map are fictitious."),
    "key_fill": ("Kleur: {fill}", "Colour: {fill}"),
    "key_circles": ("Cirkels: {circles}", "Circles: {circles}"),
    "key_dots": ("Stippen: projecten in de kleur van hun thema",
                 "Dots: projects in the colour of their theme"),
    "per": ("per", "per"),
    "sample_short": ("VOORBEELDDATA: fictieve projecten", "SAMPLE DATA: fictitious projects"),
    "close": ("Sluiten", "Close"),
    "open_panel": ("{name} tonen", "Show {name}"),
    # the hot-spot layer (static/hotspots.js; definitions as in geo/getisord.py)
    "hs_title": ("Hotspots (Getis-Ord Gi*)", "Hot spots (Getis-Ord Gi*)"),
    "hs_meaning": ("Een hotspot is een cel die met haar buren samen veel meer geld krijgt dan "
                   "toeval zou geven; een koude plek veel minder.",
                   "A hot spot is a cell that, with its neighbours, gets far more money than "
                   "chance would give; a cold spot far less."),
    "hs_hot99": ("Hotspot, 99% betrouwbaar", "Hot spot, 99% confidence"),
    "hs_hot95": ("Hotspot, 95% betrouwbaar", "Hot spot, 95% confidence"),
    "hs_cold95": ("Koude plek, 95% betrouwbaar", "Cold spot, 95% confidence"),
    "hs_cold99": ("Koude plek, 99% betrouwbaar", "Cold spot, 99% confidence"),
    "hs_ns": ("Cellen zonder kleur: niet significant (na FDR-correctie, α = 0,05).",
              "Cells without colour: not significant (after FDR correction, α = 0.05)."),
    "hs_left_out": ("{n} geselecteerde projecten in de MRA tellen hier niet mee: alleen per "
                    "gemeente of regiobreed geplaatst, of zonder precieze locatie.",
                    "{n} selected projects in the MRA do not count here: placed only by "
                    "municipality or area-wide, or without an exact location."),
    "hs_few_projects": ("Te weinig gegevens, geen hotspots getekend: {n} projecten met een "
                        "precieze locatie in de selectie; er zijn er minstens {min} nodig.",
                        "Too little data, no hot spots drawn: {n} projects with an exact "
                        "location in the selection; at least {min} are needed."),
    "hs_few_cells": ("Te weinig gegevens, geen hotspots getekend: {n} cellen met een bedrag; "
                     "er zijn er minstens {min} nodig.",
                     "Too little data, no hot spots drawn: {n} cells with an amount; at least "
                     "{min} are needed."),
    "hs_c_hot": ("Hotspot", "Hot spot"),
    "hs_c_cold": ("Koude plek", "Cold spot"),
    "hs_c_ns": ("Niet significant", "Not significant"),
    "hs_c_none": ("Te weinig gegevens", "Too little data"),
    "hs_conf": ("{c}% betrouwbaar", "{c}% confidence"),
    "hs_cell": ("Deze cel", "This cell"),
    "hs_cells": ("{n} cellen", "{n} cells"),
    "hs_where_hot": ("Hotspots", "Hot spots"),
    "hs_where_cold": ("Koude plekken", "Cold spots"),
    "hs_around": ("Met de buurcellen samen", "With its neighbouring cells"),
    "hs_tip_note": ("Hotspot-analyse van de selectie (Gi*)",
                    "Hot-spot analysis of the selection (Gi*)"),
    "hs_def_title": ("Wat betekent dit?", "What does this mean?"),
}

_CSV_HEADER: dict[str, tuple[str, str]] = {
    "id": ("id", "id"), "name": ("naam", "name"), "theme": ("thema", "theme"),
    "amount_eur": ("bedrag_eur", "amount_eur"), "status": ("status", "status"),
    "start_year": ("startjaar", "start_year"), "organisation": ("organisatie", "organisation"),
    "municipality": ("gemeente", "municipality"), "subregion": ("deelregio", "subregion"),
    "in_mra": ("in_mra", "in_mra"), "place": ("plaats", "place"),
    "lon": ("lon", "lon"), "lat": ("lat", "lat"),
    "selection": ("selectie", "selection"),  # the page's CSV: the filters and the date, row 1
}


def page_labels(lang: str = "nl") -> dict[str, object]:
    """Every text of the map page's panels in ``lang`` (plus metrics and CSV headers)."""
    k = 1 if lang == "en" else 0
    out: dict[str, object] = {key: v[k] for key, v in _PAGE.items()}
    out["metrics"] = {m: v[k] for m, v in METRICS.items()}
    out["units"] = {m: v[2 + k] for m, v in METRICS.items()}
    out["csv"] = {key: v[k] for key, v in _CSV_HEADER.items()}
    out["title"] = t("title", lang)
    out["hs_def"] = "\n".join(spatial_definitions(lang, ("gistar", "circle", "fdr", "refs")))
    for key in ("municipalities", "novex", "ijmeerlijn", "hexagons", "subregion", "municipality"):
        out[f"t_{key}"] = t(key, lang)
    return out


# short theme labels for narrow table columns (compare)
THEME_SHORT: dict[str, tuple[str, str]] = {
    "health": ("Gezondheid", "Health"),
    "hydrogen": ("Waterstof", "Hydrogen"),
    "smart_energy": ("Slimme energie", "Smart energy"),
    "circular_construction": ("Circulair bouwen", "Circular constr."),
    "smart_mobility": ("Mobiliteit", "Mobility"),
    "data_sharing": ("Data delen", "Data sharing"),
    "ai": ("AI", "AI"),
    "digital_infra": ("Digitale infra", "Digital infra"),
}

STATUS: dict[str, tuple[str, str]] = {
    "idea": ("idee", "idea"),
    "planned": ("gepland", "planned"),
    "ongoing": ("in uitvoering", "ongoing"),
    "completed": ("afgerond", "completed"),
    "stopped": ("gestopt", "stopped"),
}


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
