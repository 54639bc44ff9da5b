"""How fast the map page answers a filter change, at 100k and 1M projects.

For each size the partner-style projects (:func:`benchmarks.synth.partner_projects`:
no ids, 46% of the points outside the MRA; ``--style synthetic`` for the synthetic
ones) are built into a page with ``transitiekaart build --tiles none``, opened in
Debian's chromium offline, and a fixed series of filter states (the last a reset of
every filter and the metric) is applied with ``window.transitiekaart.setFilter``.
Measured per change, inside the page: from the call until the second animation
frame after it returned (the filter, every sum, the fills, the legend, the summary,
the symbols and the list are redrawn synchronously in between, and the first frame
paints them). Also measured: the JS heap after a forced garbage
collection, the page size, and how much the page's project payload grew for the
in-page filters (the payload against the same payload without the columns and
tables the filters added: ``sub``, ``inm``, ``pl``, ``hx``, ``cells``, ``sts``,
``areas``, ``page`` and the rest of the page texts).

Run with ``python -m benchmarks.filters`` (``make bench`` runs it after
:mod:`benchmarks.run`); writes the ``filters`` section of BENCHMARKS.md.
Nothing is asserted: the targets (at the 90th percentile 100 ms at 100k and 300 ms
at 1M, a page of at most 35 MB at 1M) are reported as met or not; the JS heap is
reported beside them. Generated files go to a private temporary folder unless
``--workdir`` names one.
Also timed: the hot spots' in-page recompute (Gi* of the selection, target 50 ms
at 100k) alone, and a filter change with the hot-spot layer on.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.report import update_section  # noqa: E402
from benchmarks.synth import cached_geojson, cached_partner_geojson  # noqa: E402

__all__ = ["STATES", "main", "measure"]

SEED = 20261127
STATES: list[dict[str, Any]] = [
    {"theme": ["hydrogen"]},
    {"theme": ["hydrogen", "ai", "smart_energy"], "year": [2025, 2030]},
    {"theme": None, "year": None, "status": ["planned"]},
    {"status": None, "min": 1_000_000, "max": 5_000_000},
    {"min": None, "max": None, "q": "organisation 3"},
    {"q": "", "metric": "per_km2"},
    {"metric": "total", "theme": ["digital_infra"]},
    {"theme": None, "metric": "per_inhabitant"},
    {"theme": None, "year": None, "status": None, "min": None, "max": None, "q": "",
     "metric": "total"},  # reset
]
TARGET_MS = {100_000: 100.0, 1_000_000: 300.0}  # p90 (issue 23: 300 ms at 1M)
PAGE_TARGET = 35 * 1024 * 1024
_ADDED = ("sub", "inm", "pl", "hx", "cells", "sts", "areas", "metric", "bounds", "choropleth",
          "hs", "page", "pop_words", "sources", "has_samples", "lang")
HOTSPOT_TARGET_MS = {100_000: 50.0}

_CHANGE_JS = """async (state) => {
  const tk = window.transitiekaart;
  const t0 = performance.now();
  tk.setFilter(state);
  await new Promise(r => requestAnimationFrame(() => r()));
  await new Promise(r => requestAnimationFrame(() => r()));
  return performance.now() - t0;
}"""


# the first sort of the project list by name and the first zoom to the municipal level, right
# after the page opened (issue 19: under 150 ms at 100k), each to the second frame after it;
# then the list goes back to its order by amount (and closed), the map to its opening view
_FIRSTS_JS = """async () => {
  const tk = window.transitiekaart;
  const two = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const tab = document.querySelector(".tk-tab[data-key=list]");
  const opened = tab.getAttribute("aria-expanded") !== "true";
  if (opened) { tab.click(); await two(); }
  const sel = [...document.querySelectorAll("#tk-sec-list select")]
    .find(s => [...s.options].some(o => o.value === "name"));
  const t0 = performance.now();
  sel.value = "name"; sel.dispatchEvent(new Event("change"));
  await two();
  const sort = performance.now() - t0;
  const center = tk.map.getCenter(), zoom = tk.map.getZoom();
  const t1 = performance.now();
  tk.map.setZoom(tk.ZOOM.mun, {animate: false});
  await two();
  const mun = performance.now() - t1;
  sel.value = "amount"; sel.dispatchEvent(new Event("change"));
  tk.map.setView(center, zoom, {animate: false});
  if (opened) { tab.click(); }  // the filter changes are timed as the page opens
  await two();
  return [sort, mun];
}"""
FIRSTS_TARGET_MS = {100_000: 150.0}


# the hot spots (Gi*) of a selection: the sums per study-area cell and the statistic, timed
# alone after the filter (the layer off, so the filter did not compute them), then the whole
# change with the layer on (filter, hot spots, their colours and legend, and the rest)
_HOTSPOT_JS = """async (state) => {
  const tk = window.transitiekaart;
  const map = tk.map || Object.values(window).find(v => v instanceof L.Map);
  if (map.hasLayer(tk.groups.hexagons)) { map.removeLayer(tk.groups.hexagons); }
  tk.setFilter(state);
  const t0 = performance.now();
  tk.hotspots.compute();
  const alone = performance.now() - t0;
  tk.setFilter({theme: null, year: null, status: null, min: null, max: null, q: ""});
  tk.groups.hexagons.addTo(map);
  const t1 = performance.now();
  tk.setFilter(state);
  await new Promise(r => requestAnimationFrame(() => r()));
  return [alone, performance.now() - t1];
}"""


def _payload_growth(html: Path) -> tuple[int, int]:
    """Bytes of the page's encoded payload, and of the same without the filter columns."""
    import numpy as np

    from mapbuilder.mappage.points import BINARY_COLUMNS, DATA_ID, decode_payload, encode_payload

    text = html.read_text(encoding="utf-8")
    block = re.search(rf'<script type="text/plain" id="{DATA_ID}">\s*([^<]*)</script>', text)
    payload = decode_payload(block.group(1))
    # decoded as lists; as arrays again, the columns are encoded as the page's were (binary)
    before = {k: np.asarray(v, dtype=np.int64) if k in BINARY_COLUMNS else v
              for k, v in payload.items() if k not in _ADDED}
    return len(block.group(1).strip()), len(encode_payload(before))


def measure(n: int, workdir: Path, repeats: int = 3, style: str = "partner") -> dict[str, Any]:
    """Build the page for ``n`` projects and time the filter changes in chromium.

    ``style``: "partner" (:func:`benchmarks.synth.partner_projects`: no ids, 46% of the
    points outside the MRA) or "synthetic" (every point inside, with ids).
    """
    from playwright.sync_api import sync_playwright

    from benchmarks._browser import launch

    src = (cached_partner_geojson if style == "partner" else cached_geojson)(n, workdir, SEED)
    html = workdir / f"filters-{style}-{n}.html"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mapbuilder", "build", "--projects", str(src),
                    "--tiles", "none", "--out", str(html)], check=True, cwd=REPO,
                   stdout=subprocess.DEVNULL)
    build_s = time.perf_counter() - t0
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            context.route(re.compile(r"^(https?|wss?)://"), lambda r: r.abort())
            page = context.new_page()
            page.set_default_timeout(600_000)
            page.goto(html.resolve().as_uri(), wait_until="load")
            page.wait_for_function("() => window.transitiekaart && window.transitiekaart.drawnAt")
            first_sort_ms, first_zoom_ms = page.evaluate(_FIRSTS_JS)
            times = []
            for _ in range(repeats):
                for state in STATES:
                    times.append(page.evaluate(_CHANGE_JS, state))
            hot = [page.evaluate(_HOTSPOT_JS, state) for _ in range(repeats)
                   for state in STATES if "metric" not in state]
            cdp = context.new_cdp_session(page)
            cdp.send("HeapProfiler.collectGarbage")
            cdp.send("Performance.enable")
            metrics = {m["name"]: m["value"]
                       for m in cdp.send("Performance.getMetrics")["metrics"]}
        finally:
            browser.close()
    payload, without = _payload_growth(html)
    return {"n": n, "style": style, "build_s": build_s, "median_ms": statistics.median(times),
            "p90_ms": _p90(times), "max_ms": max(times), "changes": len(times),
            "by_state": {i: max(times[i::len(STATES)]) for i in range(len(STATES))},
            "first_sort_ms": first_sort_ms, "first_zoom_ms": first_zoom_ms,
            "hotspot_median_ms": statistics.median(h[0] for h in hot),
            "hotspot_max_ms": max(h[0] for h in hot),
            "with_layer_median_ms": statistics.median(h[1] for h in hot),
            "heap_bytes": int(metrics["JSHeapUsedSize"]), "html_bytes": html.stat().st_size,
            "payload_bytes": payload, "payload_without_filters_bytes": without}


def _p90(times: list[float]) -> float:
    """The 90th percentile (nearest rank) of ``times``."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def render(rows: list[dict[str, Any]]) -> str:
    """The markdown section for BENCHMARKS.md."""
    mb = 1024 * 1024
    lines = ["## Filter changes in the page",
             "",
             "`python -m benchmarks.filters` (part of `make bench`): "
             f"{len(STATES)} filter states (the last a reset of every filter and the "
             f"metric), each applied {rows[0]['changes'] // len(STATES)} "
             "times with `window.transitiekaart.setFilter` in chromium (1366×768, offline); "
             "time from the call to the second animation frame after it. Partner-style "
             "files (no ids, 46% of the points outside the MRA; `benchmarks/synth.py`). "
             "Not asserted in tests. The target is on the 90th percentile; the 35 MB "
             "target is the page file at 1M projects; the JS heap after a forced collection is "
             "reported beside it.",
             "",
             "| projects | median ms | p90 ms | max ms | target (p90) | JS heap | page | "
             "payload | payload without filter columns |",
             "|---:|---:|---:|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        target = TARGET_MS.get(r["n"])
        ok = "" if target is None else (
            f"≤ {target:.0f} ms: {'met' if r['p90_ms'] <= target else 'NOT met'}")
        heap = f"{r['heap_bytes'] / mb:.1f} MB"
        page = f"{r['html_bytes'] / mb:.1f} MB"
        if r["n"] >= 1_000_000:
            page += " (≤ 35 MB: " + ("met" if r["html_bytes"] <= PAGE_TARGET else "NOT met") + ")"
        growth = r["payload_bytes"] / r["payload_without_filters_bytes"] - 1
        lines.append(f"| {r['n']:,} | {r['median_ms']:.0f} | {r['p90_ms']:.0f} | "
                     f"{r['max_ms']:.0f} | {ok} | {heap} "
                     f"| {page} | {r['payload_bytes'] / mb:.1f} MB | "
                     f"{r['payload_without_filters_bytes'] / mb:.1f} MB (+{100 * growth:.0f}%) |")
    lines += ["",
              "Hot spots (Getis-Ord Gi*, the 'Concentratie' layer): the in-page recompute for a "
              "selection (sums per study-area cell, z, p, Benjamini-Hochberg, classes), timed "
              "alone after each filter state, and the whole filter change with the layer on.",
              "",
              "| projects | recompute median ms | recompute max ms | target | "
              "change with the layer on, median ms |",
              "|---:|---:|---:|---|---:|"]
    for r in rows:
        target = HOTSPOT_TARGET_MS.get(r["n"])
        ok = "" if target is None else (
            f"≤ {target:.0f} ms: {'met' if r['hotspot_median_ms'] <= target else 'NOT met'}")
        lines.append(f"| {r['n']:,} | {r['hotspot_median_ms']:.2f} | {r['hotspot_max_ms']:.2f} "
                     f"| {ok} | {r['with_layer_median_ms']:.0f} |")
    lines += ["",
              "Right after the page opened: the first sort of the project list by name, and the "
              "first zoom to one circle per municipality (to the second frame after it).",
              "",
              "| projects | first sort by name ms | first zoom to municipalities ms | target |",
              "|---:|---:|---:|---|"]
    for r in rows:
        target = FIRSTS_TARGET_MS.get(r["n"])
        worst = max(r["first_sort_ms"], r["first_zoom_ms"])
        ok = "" if target is None else (
            f"≤ {target:.0f} ms: {'met' if worst <= target else 'NOT met'}")
        lines.append(f"| {r['n']:,} | {r['first_sort_ms']:.0f} | {r['first_zoom_ms']:.0f} "
                     f"| {ok} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.filters",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100000,1000000")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--style", choices=("partner", "synthetic"), default="partner",
                   help="the projects: partner-style (no ids, half outside the MRA) or the "
                        "synthetic ones (default: %(default)s)")
    p.add_argument("--workdir", type=Path, default=None,
                   help="generated projects (kept and reused) and pages (default: a new "
                        "private temporary folder, removed afterwards)")
    p.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md")
    args = p.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="transitiekaart-filters-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            print(f"n = {n:,}: building and timing filter changes ...", flush=True)
            row = measure(n, workdir, args.repeats, args.style)
            print(f"  median {row['median_ms']:.0f} ms, p90 {row['p90_ms']:.0f} ms, "
                  f"max {row['max_ms']:.0f} ms, heap {row['heap_bytes'] / 1e6:.0f} MB; "
                  f"slowest per state (ms): "
                  + ", ".join(f"{v:.0f}" for v in row["by_state"].values())
                  + f"; hot spots {row['hotspot_median_ms']:.2f} ms "
                  f"(max {row['hotspot_max_ms']:.2f})", flush=True)
            rows.append(row)
    body = render(rows)
    print(body)
    if str(args.out) != "-":
        update_section(args.out, "filters", body)
        print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
