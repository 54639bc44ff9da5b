"""The page's file check on a partner's sheet of 2,000 rows (issue 21: under 1 s).

Builds the sample page, opens it in Debian's chromium (offline, as benchmarks/_browser.py
opens every page) and times ``window.transitiekaart.checkFile`` on generated sheets of
2,000 projects as a partner writes them (brochure theme names, Dutch amounts, decimal
commas), as CSV and as xlsx: the median and the slowest of ``--runs`` checks each, after
one warm-up. Each check's problems are also compared with ``transitiekaart validate``'s
(the answer must be the same, not only fast).

    python -m benchmarks.check [--rows 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import base64
import statistics
import sys
import tempfile
from pathlib import Path

import openpyxl
from playwright.sync_api import sync_playwright

from benchmarks._browser import chromium_version, launch
from geo.validate import validate_file
from layers.lang import use_lang
from mapbuilder.cli import main as cli_main

LIMIT_MS = 1000.0
THEMES = ["Waterstof", "Slimme mobiliteit", "Gezondheid en preventie", "Kunstmatige intelligentie",
          "Circulair, biobased en modulair bouwen"]
CHECK = ("const bytes = Uint8Array.from(atob(arg.b64), (c) => c.charCodeAt(0));"
         "const t0 = performance.now();"
         "return window.transitiekaart.checkFile(arg.name, bytes.buffer)"
         ".then((r) => ({ms: performance.now() - t0, n: r.n_valid, codes: r.problems.map("
         "(p) => p.code), complete: r.complete}));")


def sheets(rows: int, folder: Path) -> list[Path]:
    head = ["Projectnaam", "Thema", "Investering", "Lengtegraad", "Breedtegraad", "Trekker"]
    body = [[f"Project {i}", THEMES[i % 5], f"€ {1 + i % 90},{i % 10} mln",
             f"{4.75 + (i % 40) * 0.004:.4f}".replace(".", ","),
             f"{52.30 + (i % 50) * 0.002:.4f}".replace(".", ","), f"Organisatie {i % 37}"]
            for i in range(rows)]
    csv = folder / f"projecten-{rows}.csv"
    csv.write_text("\n".join(";".join(r) for r in [head, *body]) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    for r in [head, *body]:
        book.active.append(r)
    xlsx = folder / f"projecten-{rows}.xlsx"
    book.save(xlsx)
    return [csv, xlsx]


def measure(rows: int, runs: int, folder: Path) -> list[dict]:
    page = folder / "map.html"
    assert cli_main(["build", "--tiles", "none", "--out", str(page)]) == 0
    out = []
    with sync_playwright() as pw:
        browser = launch(pw)
        view = browser.new_page()
        view.goto(page.as_uri())
        view.wait_for_function("window.transitiekaart && window.transitiekaart.checkFile")
        for path in sheets(rows, folder):
            arg = {"name": path.name, "b64": base64.b64encode(path.read_bytes()).decode()}
            view.evaluate(f"(arg) => {{ {CHECK} }}", arg)  # warm-up
            got = [view.evaluate(f"(arg) => {{ {CHECK} }}", arg) for _ in range(runs)]
            with use_lang("nl"):
                want = validate_file(path)
            same = all(g["complete"] and g["codes"] == [p.code for p in want.problems] and
                       g["n"] == len(want.projects) for g in got)
            ms = [g["ms"] for g in got]
            out.append({"file": path.name, "rows": rows, "median_ms": statistics.median(ms),
                        "max_ms": max(ms), "same_as_validate": same})
        browser.close()
    return out


def render(results: list[dict]) -> str:
    lines = [f"chromium {chromium_version()}; limit {LIMIT_MS:.0f} ms", "",
             "| sheet | rows | median | slowest | as validate | within 1 s |",
             "| --- | ---: | ---: | ---: | --- | --- |"]
    for r in results:
        lines.append(f"| {r['file']} | {r['rows']:,} | {r['median_ms']:.0f} ms | "
                     f"{r['max_ms']:.0f} ms | {'yes' if r['same_as_validate'] else 'NO'} | "
                     f"{'yes' if r['max_ms'] < LIMIT_MS else 'NO'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        results = measure(args.rows, args.runs, Path(tmp))
    print(render(results))
    return 0 if all(r["same_as_validate"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
