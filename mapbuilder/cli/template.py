"""``transitiekaart template``: a fill-in file for partners (Excel, CSV or GeoJSON).

The Excel template has the columns, an example row, drop-down lists of the
eight themes, the statuses and the 30 MRA municipalities, and a sheet that
explains each column in Dutch. A filled-in template validates with no errors.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

from geo.themes import THEMES
from geo.validate.fields import TEMPLATE_EXAMPLE
from layers.messages import msg

__all__ = ["COLUMNS", "add_commands", "write_template"]

# (column, explanation in Dutch, example)
COLUMNS: tuple[tuple[str, str, object], ...] = (
    ("id", "Eigen kenmerk van het project (optioneel). Met een id kunt u het project later "
     "bijwerken met 'transitiekaart add BESTAND --update'.", TEMPLATE_EXAMPLE["id"]),
    ("naam", "Naam van het project (verplicht). De voorbeeldrij (deze naam) wordt "
     "overgeslagen.", TEMPLATE_EXAMPLE["name"]),
    ("thema", "Een van de acht thema's van de investeringsagenda (verplicht); kies uit de "
     "lijst. Ook de namen uit de brochure werken, zoals 'Waterstof (H2)'.", "Waterstof"),
    ("bedrag", "Investering in euro. '2500000', '€ 2.500.000', '€ 2,5 mln' en '2,5 miljoen' "
     "werken allemaal. Zet een eenheid in de kolomnaam als alle bedragen in duizenden of "
     "miljoenen zijn: 'bedrag (x € 1.000)' of 'bedrag (mln)'.", "€ 2,5 mln"),
    ("status", "idee, gepland, in uitvoering, afgerond of gestopt (optioneel).", "gepland"),
    ("startjaar", "Jaar waarin het project start, bijvoorbeeld 2026 (optioneel).", 2026),
    ("organisatie", "Trekker of penvoerder (optioneel).", "Gemeente Haarlem"),
    ("gemeente", "De gemeente van het project. Zonder lon/lat komt het project in deze "
     "gemeente te staan (getekend in het midden van de gemeente).", "Haarlem"),
    ("deelregio", "Alleen voor projecten zonder één plek: een deelregio (bijvoorbeeld "
     "'IJmond') of 'MRA-breed'. Zulke projecten tellen alleen mee in die deelregio of in het "
     "MRA-totaal, nooit verdeeld over gemeenten. Laat lon, lat en gemeente dan leeg.", None),
    ("lon", "Lengtegraad in WGS84, bijvoorbeeld 4.6368 (optioneel als gemeente of deelregio "
     "is ingevuld).", 4.6368),
    ("lat", "Breedtegraad in WGS84, bijvoorbeeld 52.3808.", 52.3808),
    ("website", "Webadres dat begint met https:// (optioneel).", "https://www.haarlem.nl"),
    ("omschrijving", "Korte omschrijving (optioneel).", "Tankstation voor bussen en "
     "vrachtwagens"),
)
STATUSES = ("idee", "gepland", "in uitvoering", "afgerond", "gestopt")  # the status labels
FORMATS = ("xlsx", "csv", "geojson")


def _example() -> dict[str, object]:
    return {c: v for c, _, v in COLUMNS}


def _write_xlsx(path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from geo.validate.places import municipality_names

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Projecten"
    ws.append([c for c, _, _ in COLUMNS])
    ws.append([v for _, _, v in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, (c, _, _) in enumerate(COLUMNS, 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(12, len(c) + 4)
    lists = wb.create_sheet("Lijsten")
    values = {"A": [t.label_nl for t in THEMES], "B": list(STATUSES),
              "C": municipality_names()}
    for col, items in values.items():
        for r, item in enumerate(items, 1):
            lists[f"{col}{r}"] = item
    col_of = {c: openpyxl.utils.get_column_letter(i) for i, (c, _, _) in
              enumerate(COLUMNS, 1)}
    for field, col, n in (("thema", "A", len(THEMES)), ("status", "B", len(STATUSES)),
                          ("gemeente", "C", len(values["C"]))):
        dv = DataValidation(type="list", formula1=f"=Lijsten!${col}$1:${col}${n}",
                            allow_blank=True, showErrorMessage=field != "thema")
        dv.error = "Kies een waarde uit de lijst."
        ws.add_data_validation(dv)
        dv.add(f"{col_of[field]}2:{col_of[field]}1000")
    help_sheet = wb.create_sheet("Uitleg")
    help_sheet.append(["kolom", "uitleg"])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for c, text, _ in COLUMNS:
        help_sheet.append([c, text])
    help_sheet.column_dimensions["A"].width = 14
    help_sheet.column_dimensions["B"].width = 110
    help_sheet.append([])
    help_sheet.append(["", "Eén rij per project. Controleer het bestand met: transitiekaart "
                           "validate BESTAND.xlsx; voeg het toe met: transitiekaart add "
                           "BESTAND.xlsx."])
    buf = io.BytesIO()
    wb.save(buf)
    _atomic(path, buf.getvalue())


def _write_csv(path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow([c for c, _, _ in COLUMNS])
    w.writerow(["" if v is None else str(v).replace(".", ",") if isinstance(v, float) else v
                for _, _, v in COLUMNS])
    # with a byte-order mark, as Excel's own "CSV UTF-8": Excel then shows € and é right
    _atomic(path, buf.getvalue().encode("utf-8-sig"))


def _write_geojson(path: Path) -> None:
    props = {c: v for c, v in _example().items() if c not in ("lon", "lat")}
    ex = _example()
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props,
         "geometry": {"type": "Point", "coordinates": [ex["lon"], ex["lat"]]}}]}
    _atomic(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def _atomic(path: Path, data: bytes) -> None:
    from layers.atomic import atomic_write_bytes

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data)


def write_template(path: str | Path, fmt: str = "xlsx") -> Path:
    """Write a fill-in project file (``xlsx``, ``csv`` or ``geojson``) with one example row."""
    p = Path(path)
    {"xlsx": _write_xlsx, "csv": _write_csv, "geojson": _write_geojson}[fmt](p)
    return p


def run_template(args: argparse.Namespace) -> int:
    """``transitiekaart template``: write the file and say what to do next."""
    out = args.out or Path(f"projecten_sjabloon.{args.format}")
    if out.exists() and not args.force:
        print(msg("cli.template_exists", out=out))
        return 1
    write_template(out, args.format)
    print(msg("cli.template_written", out=out))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the ``template`` subcommand."""
    p = sub.add_parser(
        "template", help=msg("cli.help_template"),
        description=msg("cli.description_template"))
    p.add_argument("--format", choices=FORMATS, default="xlsx",
                   help=msg("cli.help_template_format"))
    p.add_argument("--out", type=Path, metavar="FILE",
                   help=msg("cli.help_template_out"))
    p.add_argument("--force", action="store_true",
                   help=msg("cli.help_template_force"))
    p.set_defaults(func=run_template)
