"""Write the partner corpus: files as municipalities' policy officers write them.

Run ``python -m tests.data.partner._make_partner`` to (re)write them. Each file's
expected totals per subregion, computed by hand, are in ``EXPECTED.json``; the
tests (tests/test_validate_partner.py) check them against ``geo``.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent

# An Excel sheet the way a policy officer fills it: brochure theme names, Dutch
# amounts in text, no ids, a municipality instead of coordinates, area-wide rows.
EXCEL_ROWS = [
    ["Projectnaam", "Thema", "Bedrag", "Gemeente", "Deelregio", "Status", "Startjaar",
     "Organisatie", "Omschrijving"],
    ["Waterstofhub Velsen", "Waterstof (H2)", "€ 2,5 mln", "Velsen", None, "gepland", 2026,
     "Gemeente Velsen", "Tankstation en elektrolyser"],
    ["Biobased woningen", "Biobased en modulair bouwen", "€ 750.000", "gooise meren", None,
     "lopend", 2025, "Gemeente Gooise Meren", None],
    ["Zorgpreventie wijkaanpak", "Gezondheid en preventie", "1,2 mln", "GM0392", None,
     "lopend", 2024, "GGD Kennemerland", None],
    ["Datadeelplatform MRA", "Veilig datadelen", "€ 2.500.000,-", None, "MRA-breed",
     "gepland", 2026, "Amsterdam Economic Board", None],
    ["AI-lab IJmond", "artificial intelligence (AI)", "2.5M", None, "IJmond", "gepland",
     2027, "Tata Steel", None],
    ["Slimme laadpleinen", "Slimme energiesystemen", 400000, "Zaanstad", None, "lopend",
     2025, "Gemeente Zaanstad", None],
]
# hand-computed totals per subregion (Velsen: IJmond; Gooise Meren: Gooi en
# Vechtstreek; GM0392 Haarlem: Zuid-Kennemerland; Zaanstad: Zaanstreek-Waterland)
EXCEL_TOTALS = {"IJmond": 2_500_000 + 2_500_000, "Gooi en Vechtstreek": 750_000,
                "Zuid-Kennemerland": 1_200_000, "Zaanstreek-Waterland": 400_000,
                "MRA": 2_500_000 + 750_000 + 1_200_000 + 2_500_000 + 2_500_000 + 400_000}

# Dutch Excel's default CSV: Windows-1252, ';' and a unit in the header
CP1252_CSV = ("Naam;Thema;Bedrag (x € 1.000);lon;lat;Gemeente\n"
              "Café-laadhub Haarlem;Slimme mobiliteit;1250;4,6368;52,3808;\n"
              "Geëlektrificeerde haven;Slimme elektriciteit;800;4,7800;52,4100;\n"
              "Preventiecentrum Almere;Gezondheidsbevordering & preventie;2000;;;Almere\n")
CP1252_TOTALS = {"Zuid-Kennemerland": 1_250_000, "Amsterdam": 800_000,
                 "Almere-Lelystad": 2_000_000, "MRA": 4_050_000}

# GeoJSON saved by Notepad (UTF-8 with BOM), amounts in millions by the header
BOM_FEATURES = [
    ({"naam": "Datacenter Schiphol-Rijk", "thema": "Duurzame digitale infrastructuur",
      "amount_meur": 3.5}, {"type": "Point", "coordinates": [4.7425, 52.2875]}),
    ({"naam": "KI-proeftuin Lelystad", "thema": "Kunstmatige Intelligentie (KI)",
      "amount_meur": "0,6"}, {"type": "Point", "coordinates": [5.4714, 52.5185]}),
]
BOM_TOTALS = {"Amstelland-Meerlanden": 3_500_000, "Almere-Lelystad": 600_000,
              "MRA": 4_100_000}

# across the MRA's border: a multipolygon with 79 % of its area in Velsen (measured
# in EPSG:28992), counted in IJmond although the interior point of the whole shape
# lies at sea, and a line from the sea with 16 % of its length in Velsen: mostly
# outside the MRA, so not counted, with a note)
POLYGONS = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature",
         "properties": {"id": "poly-velsen", "name": "Windpark-aansluiting Velsen",
                        "theme": "smart_energy", "amount_eur": 5_000_000},
         # an onshore station in Velsen and a cable corridor at sea: the point
         # GEOS picks inside the whole shape lies at sea, 5 km off the coast
         "geometry": {"type": "MultiPolygon", "coordinates": [
             [[[4.66, 52.455], [4.66, 52.475], [4.62, 52.475], [4.62, 52.455],
               [4.66, 52.455]]],
             [[[4.55, 52.46], [4.55, 52.462], [4.45, 52.462], [4.45, 52.46],
               [4.55, 52.46]]]]}},
        {"type": "Feature",
         "properties": {"id": "poly-sea", "name": "Offshore waterstofleiding",
                        "theme": "hydrogen", "amount_eur": 9_000_000},
         "geometry": {"type": "LineString", "coordinates": [
             [4.20, 52.46], [4.45, 52.46], [4.62, 52.46]]}},
    ],
}

# issue 20, item 1: one 'Locatie' column with Google-Maps pairs (either order), an RD
# x/y pair and a municipality name; the point at sea stays outside the MRA (a note)
LOCATIE_CSV = ("Naam;Thema;Bedrag;Gemeente;Locatie\n"
               "Warmtenet Hoofddorp-Noord;Slimme energiesystemen;€ 2.000.000;Haarlemmermeer;"
               "52.3080, 4.6890\n"
               "Laadplein Nieuw-Vennep;Slimme mobiliteit;€ 500.000;Haarlemmermeer;"
               "4.6300, 52.2640\n"
               "Zonneweide Badhoevedorp;Slimme energiesystemen;€ 1.000.000;Haarlemmermeer;"
               "113274, 483184\n"
               "Datahub Schiphol;Veilig datadelen;€ 3.000.000;;Haarlemmermeer\n"
               "Windmeetmast Noordzee;Slimme energiesystemen;€ 5.000.000;Haarlemmermeer;"
               "52.30, 4.40\n")
# (52.308, 4.689), (52.264, 4.630) and RD (113274, 483184) ~ (52.335, 4.775) lie in
# Haarlemmermeer (Amstelland-Meerlanden); (52.30, 4.40) lies in the North Sea
LOCATIE_TOTALS = {"Amstelland-Meerlanden": 2_000_000 + 500_000 + 1_000_000 + 3_000_000,
                  "MRA": 6_500_000}
LOCATIE_ADDRESS = "Waterstofstation Hoofddorp;Waterstof;€ 800.000;Haarlemmermeer;Kruisweg 100\n"
"""A row with an address in the Locatie column: an error naming the value."""

# issue 20, item 2: Dutch Excel's CSV (';', Windows-1252) with Dutch thousands
# separators in text: "750.000" beside "1.250.000" and "12.000.000" is € 750.000
ZAANSTAD_CSV = ("Naam;Thema;Investering;Gemeente;Startjaar\n"
                "Laadpleinen Zaandam;Slimme mobiliteit;750.000;Zaanstad;2025\n"
                "Warmtenet Poelenburg;Slimme energiesystemen;1.250.000;Zaanstad;2026\n"
                "Circulaire kade Wormer;Circulaire bouw;450.000;Wormerland;2025\n"
                "Fietsenstalling Krommenie;Slimme mobiliteit;2.500;Zaanstad;2025\n"
                "Waterstofhaven Zaandam;Waterstof;12.000.000;Zaanstad;2027\n"
                "Zonnedaken Coöperatie;Slimme energiesystemen;€ 2,5 mln;Oostzaan;2026\n")
# Zaanstad, Wormerland and Oostzaan lie in Zaanstreek-Waterland
ZAANSTAD_TOTALS = {"Zaanstreek-Waterland": 750_000 + 1_250_000 + 450_000 + 2_500
                   + 12_000_000 + 2_500_000, "MRA": 16_952_500}

# issue 20, item 3: a filled-in template ('transitiekaart template --format csv') in
# which the example row was kept: it is skipped with a note and adds nothing
TEMPLATE_CSV = ("id;naam;thema;bedrag;status;startjaar;organisatie;gemeente;deelregio;lon;lat;"
                "website;omschrijving\n"
                "VB-001;Voorbeeld: waterstoftankstation Haarlem;Waterstof;€ 2,5 mln;gepland;"
                "2026;Gemeente Haarlem;Haarlem;;4,6368;52,3808;https://www.haarlem.nl;"
                "Tankstation voor bussen en vrachtwagens\n"
                "HLM-01;Laadhub Schalkwijk;Slimme mobiliteit;€ 600.000;gepland;2026;"
                "Gemeente Haarlem;Haarlem;;;;;\n"
                "HLM-02;Zonnedak Stadion;Slimme energiesystemen;1.200.000;in uitvoering;2025;"
                "Gemeente Haarlem;Haarlem;;;;;\n")
TEMPLATE_TOTALS = {"Zuid-Kennemerland": 600_000 + 1_200_000, "MRA": 1_800_000}

# issue 20, item 6: common entries: "n.t.b.", "onbekend", "-" as amount (no amount),
# "2025/2026", "Q3 2025", "najaar 2025" as start year (the first year), and former
# municipalities (CBS mergers) read as the municipality they merged into
COMMON_CSV = ("Naam;Thema;Bedrag;Gemeente;Startjaar\n"
              "Fietsroute Weesp;Slimme mobiliteit;€ 1,5 mln;Weesp;2025/2026\n"
              "Warmtenet Bussum-Zuid;Slimme energiesystemen;n.t.b.;Bussum;Q3 2025\n"
              "Zonnepark Zeevang;Slimme energiesystemen;€ 800.000;Zeevang;najaar 2025\n"
              "Waterstofbus Spaarnwoude;Waterstof;onbekend;Haarlemmerliede en Spaarnwoude;"
              "2026\n"
              "Bouwhub Beemster;Circulaire bouw;€ 2.000.000;Beemster;2025-2026\n"
              "Datapunt Bennebroek;Veilig datadelen;-;Bennebroek;\n")
# Weesp -> Amsterdam (Amsterdam); Zeevang -> Edam-Volendam and Beemster -> Purmerend
# (Zaanstreek-Waterland); Bussum, Spaarnwoude and Bennebroek have no amount
COMMON_TOTALS = {"Amsterdam": 1_500_000, "Zaanstreek-Waterland": 800_000 + 2_000_000,
                 "MRA": 4_300_000}
COMMON_YEARS = [2025, 2025, 2025, 2026, 2025, None]
COMMON_MUNICIPALITIES = ["Amsterdam", "Gooise Meren", "Edam-Volendam", "Haarlemmermeer",
                         "Purmerend", "Bloemendaal"]

# issue 20, item 8: "1,2 mld" for a local heat network: 480x the file's median and above
# € 500 mln; it is kept (it may be right) with a note naming its share of the total
IMPLAUSIBLE_CSV = ("Naam;Thema;Bedrag;Gemeente\n"
                   "Warmtenet Lokaal;Slimme energiesystemen;1,2 mld;Zaanstad\n"
                   "Laadplein Centrum;Slimme mobiliteit;€ 2,5 mln;Haarlem\n"
                   "Deelfietsen;Slimme mobiliteit;€ 750.000;Haarlem\n"
                   "Zonnedaken;Slimme energiesystemen;€ 1,5 mln;Haarlem\n"
                   "Datacentrum Almere;Duurzame digitale infrastructuur;€ 30 mln;Almere\n")
# median of 1200, 2.5, 0.75, 1.5, 30 mln is 2.5 mln; 1200 / 1234.75 = 97.2 %
IMPLAUSIBLE_TOTALS = {"Zaanstreek-Waterland": 1_200_000_000,
                      "Zuid-Kennemerland": 2_500_000 + 750_000 + 1_500_000,
                      "Almere-Lelystad": 30_000_000, "MRA": 1_234_750_000}

# issue 20, item 7: points near a municipal border (distances measured in EPSG:28992
# to the built-in, ~100 m precise boundaries): Hembrug 12.7 m outside Zaanstad (in
# Amsterdam) and a greenhouse 40 m outside Aalsmeer (in Haarlemmermeer) count where
# their row says; the N201 point 155 m outside Haarlemmermeer counts where it lies
# (Aalsmeer), with a note
BORDER_CSV = ("Naam;Thema;Bedrag;Gemeente;lat;lon\n"
              "Hembrug laadhub;Slimme mobiliteit;€ 1 mln;Zaanstad;52,42001;4,82996\n"
              "Kassen warmtenet;Slimme energiesystemen;€ 2 mln;Aalsmeer;52,26629;4,73400\n"
              "N201 warmteleiding;Slimme energiesystemen;€ 8 mln;Haarlemmermeer;52,24630;"
              "4,70778\n")
BORDER_MUNICIPALITIES = {"Zaanstad": 1_000_000, "Aalsmeer": 2_000_000 + 8_000_000}
BORDER_TOTALS = {"Zaanstreek-Waterland": 1_000_000, "Amstelland-Meerlanden": 10_000_000,
                 "MRA": 11_000_000}

# issue 20, item 4: a sheet without ids (v1), then the same sheet with one location
# corrected from Aalsmeer to Haarlemmermeer (v2). register_v0.geojson holds v1 and
# excel_brochure_names.xlsx as the release before issue 20 wrote them (ids derived
# from the location; written once by commit 476a605, not by this generator)
MOVED_V1 = ("Naam;Thema;Bedrag;Organisatie;lat;lon\n"
            "Warmtenet Kudelstaart;Slimme energiesystemen;€ 8 mln;Gemeente Aalsmeer;"
            "52,2390;4,7420\n"
            "Laadplein Oosteinde;Slimme mobiliteit;€ 400.000;Gemeente Aalsmeer;52,2650;4,7800\n")
MOVED_V2 = MOVED_V1.replace("52,2390;4,7420", "52,2620;4,7000")
# (52.239, 4.742) lies in Aalsmeer, (52.262, 4.700) in Haarlemmermeer; after v2 with
# --update: Haarlemmermeer 8 mln, Aalsmeer 0.4 mln, nothing counted twice
MOVED_MUNICIPALITIES = {"Haarlemmermeer": 8_000_000, "Aalsmeer": 400_000}


# issue 21, the page check: sheets as partners paste them. A title and a blank row above the
# header (Excel numbers the rows from the title: the header is on row 3) and a totals row at
# the bottom; the same sheet pasted twice (its header again in the middle); a workbook whose
# first sheet is empty (the projects are on the third sheet, a note on the second).
TITLE_HEADER = ["Projectnaam", "Thema", "Bedrag", "Gemeente", "Status"]
TITLE_ROWS = [
    ["Projecten MRA 2026", None, None, None, None],
    [None, None, None, None, None],
    TITLE_HEADER,
    ["Warmtenet Zaandam-Oost", "Slimme energiesystemen", "€ 2,5 mln", "Zaanstad", "gepland"],
    ["Laadpleinen Haarlem", "Slimme mobiliteit", "750.000", "Haarlem", "lopend"],
    ["Waterstofhub Velsen", "Waterstof", "1.250.000", "Velsen", "idee"],
    ["Totaal", None, "4.500.000", None, None],
]
TITLE_TOTALS = {"Zaanstreek-Waterland": 2_500_000, "Zuid-Kennemerland": 750_000,
                "IJmond": 1_250_000, "MRA": 4_500_000}
PASTED_ROWS = [
    TITLE_HEADER,
    ["Warmtenet Zaandam-Oost", "Slimme energiesystemen", "€ 2,5 mln", "Zaanstad", "gepland"],
    ["Laadpleinen Haarlem", "Slimme mobiliteit", "750.000", "Haarlem", "lopend"],
    ["Naam", "Thema", "Bedrag (€)", "Gemeente", "Status"],
    ["Waterstofhub Velsen", "Waterstof", "1.250.000", "Velsen", "idee"],
    ["Biobased woningen", "Biobased en modulair bouwen", "€ 600.000", "Gooise Meren", None],
]
PASTED_TOTALS = {"Zaanstreek-Waterland": 2_500_000, "Zuid-Kennemerland": 750_000,
                 "IJmond": 1_250_000, "Gooi en Vechtstreek": 600_000, "MRA": 5_100_000}
EMPTY_FIRST_SHEETS: dict[str, list[list[object]]] = {
    "Blad1": [],
    "Toelichting": [["Zie het blad Projecten 2026; vragen: mra@example.nl"]],
    "Projecten 2026": PASTED_ROWS[:3] + PASTED_ROWS[4:],
}


def _csv(rows: list[list[object]]) -> str:
    """Rows as Dutch Excel saves them as CSV: ';' between cells, empty cells kept."""
    return "".join(";".join("" if c is None else str(c) for c in r) + "\n" for r in rows)


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


def write() -> None:
    """Write every file of the corpus."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Projecten"
    for row in EXCEL_ROWS:
        ws.append(row)
    wb.save(HERE / "excel_brochure_names.xlsx")
    (HERE / "cp1252_excel.csv").write_bytes(CP1252_CSV.encode("cp1252"))
    fc = {"type": "FeatureCollection",
          "features": [{"type": "Feature", "properties": p, "geometry": g}
                       for p, g in BOM_FEATURES]}
    (HERE / "bom_notepad.geojson").write_bytes(
        b"\xef\xbb\xbf" + json.dumps(fc, ensure_ascii=False, indent=1).encode("utf-8"))
    (HERE / "locatie_mixed.csv").write_text(LOCATIE_CSV, encoding="utf-8")
    (HERE / "moved_v1.csv").write_text(MOVED_V1, encoding="utf-8")
    (HERE / "moved_v2.csv").write_text(MOVED_V2, encoding="utf-8")
    (HERE / "border_points.csv").write_text(BORDER_CSV, encoding="utf-8")
    (HERE / "implausible_amount.csv").write_text(IMPLAUSIBLE_CSV, encoding="utf-8")
    (HERE / "common_entries.csv").write_text(COMMON_CSV, encoding="utf-8")
    (HERE / "template_example_kept.csv").write_bytes(TEMPLATE_CSV.encode("utf-8-sig"))
    (HERE / "zaanstad_dutch_excel.csv").write_bytes(ZAANSTAD_CSV.encode("cp1252"))
    (HERE / "polygons_border.geojson").write_text(json.dumps(POLYGONS, indent=1),
                                                  encoding="utf-8")
    (HERE / "title_rows.csv").write_text(_csv(TITLE_ROWS), encoding="utf-8")
    _xlsx(HERE / "title_rows.xlsx", {"Projecten": TITLE_ROWS})
    (HERE / "pasted_twice.csv").write_text(_csv(PASTED_ROWS), encoding="utf-8")
    _xlsx(HERE / "pasted_twice.xlsx", {"Projecten": PASTED_ROWS})
    _xlsx(HERE / "empty_first_sheet.xlsx", EMPTY_FIRST_SHEETS)


if __name__ == "__main__":
    write()
