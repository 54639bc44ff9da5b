"""Tables for the terminal and the markdown of BENCHMARKS.md, from run.py's results.

The targets are data (:data:`TARGETS`); whether each is met is computed from the
measured numbers, never written by hand.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mapbuilder.formatting import text_table

__all__ = ["PARTNER_TARGETS", "TARGETS", "evaluate_targets", "partner_markdown",
           "render_markdown", "summary_tables", "update_section"]

MB = 1e6  # sizes in MB (10^6 bytes), as in the targets

# n, what is compared ("ratio": ours / explore; "max": ours), key, limit, strict (<), text
TARGETS: list[dict[str, Any]] = [
    {"n": 1_000, "kind": "max", "key": "wall_s", "limit": 1.5, "strict": False,
     "text": "whole build process ≤ 1.5 s, imports included"},
    {"n": 100_000, "kind": "ratio", "key": "wall_s", "limit": 1 / 4, "strict": False,
     "text": "whole build process ≤ 1/4 of explore's time"},
    {"n": 100_000, "kind": "ratio", "key": "html_bytes", "limit": 1 / 6, "strict": False,
     "text": "HTML ≤ 1/6 of explore's size"},
    {"n": 100_000, "kind": "ratio", "key": "load_ms", "limit": 1 / 4, "strict": False,
     "text": "chromium load event ≤ 1/4 of explore's"},
    {"n": 1_000_000, "kind": "max", "key": "wall_s", "limit": 20.0, "strict": False,
     "text": "whole build process ≤ 20 s"},
    {"n": 1_000_000, "kind": "max", "key": "peak_rss_bytes", "limit": 3e9, "strict": True,
     "text": "peak memory < 3 GB"},
    {"n": 1_000_000, "kind": "max", "key": "html_bytes", "limit": 40e6, "strict": True,
     "text": "HTML < 40 MB"},
    {"n": 1_000_000, "kind": "max", "key": "drawn_ms", "limit": 10_000.0, "strict": False,
     "text": "page opens in chromium (project layer drawn) within 10 s"},
]

# issue 23, on the partner-style files (no ids, crs member, Dutch names, 46% outside the MRA)
PARTNER_TARGETS: list[dict[str, Any]] = [
    {"n": 100_000, "kind": "ratio", "key": "wall_s", "limit": 1 / 4, "strict": False,
     "text": "whole build process ≤ 1/4 of explore's time"},
    {"n": 1_000_000, "kind": "max", "key": "wall_s", "limit": 10.0, "strict": False,
     "text": "whole build process ≤ 10 s"},
    {"n": 1_000_000, "kind": "max", "key": "peak_rss_bytes", "limit": 2e9, "strict": True,
     "text": "peak memory < 2 GB"},
    {"n": 1_000_000, "kind": "max", "key": "html_bytes", "limit": 35e6, "strict": False,
     "text": "page ≤ 35 MB"},
    {"n": 1_000_000, "kind": "max", "key": "drawn_ms", "limit": 2000.0, "strict": True,
     "text": "project layer drawn in chromium < 2 s"},
]

_UNITS = {"wall_s": ("s", 1.0), "peak_rss_bytes": ("MB", MB), "html_bytes": ("MB", MB),
          "load_ms": ("ms", 1.0), "drawn_ms": ("ms", 1.0), "js_heap_bytes": ("MB", MB)}


def _num(v: float | None, unit_div: float = 1.0) -> str:
    if v is None:
        return "–"
    v = v / unit_div
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}" if abs(v) >= 1 else f"{v:.3f}"


def _fmt(key: str, v: float | None) -> str:
    unit, div = _UNITS[key]
    return "–" if v is None else f"{_num(v, div)} {unit}"


def _ratio(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}×"


def _size(entry: dict[str, Any], n: int) -> dict[str, Any] | None:
    return next((e for e in entry["sizes"] if e["n"] == n), None)


def evaluate_targets(results: dict[str, Any],
                     targets: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Each target (default :data:`TARGETS`) with the measured value and ``status``:
    met, not met, not measured."""
    rows = []
    for t in TARGETS if targets is None else targets:
        e = _size(results, t["n"])
        value = None
        if e is not None:
            if t["kind"] == "ratio":
                value = (e.get("ratios") or {}).get(t["key"])
            else:
                value = e["ours"]["median"].get(t["key"])
        if value is None:
            status, measured = "not measured", "–"
        else:
            ok = value < t["limit"] if t["strict"] else value <= t["limit"]
            if t["kind"] == "ratio":
                measured = f"{_ratio(value)} (limit {_ratio(t['limit'])})"
            else:
                measured = f"{_fmt(t['key'], value)} (limit {_fmt(t['key'], t['limit'])})"
            status = "met" if ok else f"not met: {value / t['limit']:.1f}× the limit"
        rows.append({**t, "value": value, "measured": measured, "status": status})
    return rows


_OURS_COLS = ["whole process", "peak RSS", "HTML", "load", "drawn", "JS heap"]
_KEYS = ["wall_s", "peak_rss_bytes", "html_bytes", "load_ms", "drawn_ms", "js_heap_bytes"]


def _tables(results: dict[str, Any]) -> dict[str, list[list[str]]]:
    """The four tables as grids (header row first)."""
    stages: list[str] = []
    for e in results["sizes"]:
        stages += [s for s in e["ours"]["median"]["stages"] if s not in stages]
    ours = [["n", "runs", *[f"{s} s" for s in stages], *_OURS_COLS]]
    explore = [["n", "runs", *_OURS_COLS]]
    ratios = [["n", *[f"{c} ours/explore" for c in _OURS_COLS]]]
    for e in results["sizes"]:
        m = e["ours"]["median"]
        ours.append([f"{e['n']:,}", str(m["runs"]),
                     *[_num(m["stages"].get(s)) for s in stages],
                     *[_fmt(k, m.get(k)) for k in _KEYS]])
        if "explore" in e:
            x = e["explore"]["median"]
            explore.append([f"{e['n']:,}", str(x["runs"]), *[_fmt(k, x.get(k)) for k in _KEYS]])
            ratios.append([f"{e['n']:,}", *[_ratio(e["ratios"].get(k)) for k in _KEYS]])
    targets = [["target", "measured", "status"]]
    for t in evaluate_targets(results):
        targets.append([f"{t['n']:,}: {t['text']}", t["measured"], t["status"]])
    return {"ours": ours, "explore": explore, "ratios": ratios, "targets": targets}


def summary_tables(results: dict[str, Any]) -> str:
    """The tables for the terminal."""
    t = _tables(results)
    parts = ["transitiekaart build (medians)", text_table(t["ours"])]
    if len(t["explore"]) > 1:
        parts += ["", "GeoDataFrame.explore() (medians)", text_table(t["explore"]),
                  "", "ours / explore", text_table(t["ratios"])]
    parts += ["", "targets", text_table(t["targets"])]
    return "\n".join(parts)


def _md(grid: list[list[str]]) -> str:
    head, *rows = grid
    align = ["---"] + ["---:"] * (len(head) - 1)
    return "\n".join("| " + " | ".join(r) + " |" for r in [head, align, *rows])


def _notes(results: dict[str, Any]) -> list[str]:
    notes = []
    for e in results["sizes"]:
        for kind in ("ours", "explore"):
            if kind not in e:
                continue
            m = e[kind]["median"]
            if kind == "ours" and "load+2rAF" in m["drawn_source"]:
                notes.append(f"n = {e['n']:,}: our page does not set "
                             "`window.transitiekaart.drawnAt` (old page); \"drawn\" is the "
                             "load event plus two animation frames.")
            for err in m["errors"]:
                notes.append(f"n = {e['n']:,}, {kind}: {err}")
    return notes


def render_markdown(results: dict[str, Any]) -> str:
    """The results section of BENCHMARKS.md."""
    mach = results["machine"]
    t = _tables(results)
    pk = mach["packages"]
    ram = f"{mach['ram_bytes'] / 2**30:.1f} GiB" if mach.get("ram_bytes") else "?"
    lines = [
        "## Results",
        "",
        f"Produced by `{results['command']}` on {results['started']} "
        f"(commit `{mach['commit']}`, {results['seconds']:.0f} s in all; "
        f"seed {results['seed']}). Medians of the runs counted in each table.",
        "",
        "| machine | |",
        "| --- | --- |",
        f"| CPU | {mach['cpu']} |",
        f"| cores | {mach['cores']} ({mach['cores_usable']} usable) |",
        f"| RAM | {ram} |",
        f"| OS | {mach['os']} |",
        f"| Python | {mach['python']} |",
        "| packages | " + ", ".join(f"{k} {v}" for k, v in pk.items()) + " |",
        f"| browser | {mach.get('chromium') or 'not used'} |",
        "",
        "### `transitiekaart build`",
        "",
        "Stage seconds from `--timings`; whole process = wall time of the child process, "
        "imports included; peak RSS = its `ru_maxrss`; sizes in MB (10⁶ bytes); load and "
        "drawn in ms since navigation start; JS heap after a forced GC.",
        "",
        _md(t["ours"]),
    ]
    if len(t["explore"]) > 1:
        lines += ["", "### `GeoDataFrame.explore()` on the same points", "",
                  "`geopandas.read_file(F).explore().save(OUT)` in a child process, "
                  "measured the same way; drawn = load event + two animation frames.", "",
                  _md(t["explore"]), "", "### Ours / explore", "", _md(t["ratios"])]
    lines += ["", "### Targets", "", "Computed from the numbers above.", "", _md(t["targets"])]
    notes = _notes(results)
    if notes:
        lines += ["", "### Notes", "", *[f"- {n}" for n in notes]]
    return "\n".join(lines) + "\n"


_HEADER = """# Benchmarks

`transitiekaart build` against `GeoDataFrame.explore()` and folium's `FastMarkerCluster`
on the same files (`benchmarks/synth.py`, fixed seed, fictitious projects):

- **synthetic** files (`synthetic_projects`): ids, English field names and theme
  codes, every point inside the 30 MRA municipalities; 1k, 10k, 100k and 1M projects;
- **partner-style** files (`partner_projects`), as partners and GDAL/QGIS write them:
  no ids (the validator derives them), Dutch column, theme and status names, a `crs`
  member (OGC CRS84), integer amounts and years, and 46% of the points elsewhere in
  the Netherlands, outside the MRA, as when a partner exports a national list;
  100k and 1M projects.

Run with `make bench` (all sizes) or e.g.
`.venv/bin/python -m benchmarks.run --sizes 1000,10000 --partner-sizes 100000 --runs 3`;
the results sections below are rewritten by each run. `python -m benchmarks.profile`
writes the profile section.

## Method

- **Build**: `transitiekaart build --projects F --out OUT --timings T` as a child
  process. Stages (layers, read, validate, combine, aggregate, render, write) come
  from `--timings`; the whole-process time is the child's wall time, imports
  included; peak memory is the child's `ru_maxrss` from `os.wait4`.
- **explore**: a child process running `benchmarks/_explore.py`:
  `geopandas.read_file(F).explore().save(OUT)` with explore's defaults (tooltips
  with every column), measured the same way.
- **FastMarkerCluster** (partner-style files): a child process running
  `benchmarks/_fastmarkercluster.py`: `geopandas.read_file(F)`, the points as
  `[lat, lon]` in `folium.plugins.FastMarkerCluster` with plain `L.marker`s (its
  default icons need awesome-markers, another CDN library), on a map fitted to them.
- **Alternating**: run 1 of ours, then run 1 of explore (and FastMarkerCluster),
  then run 2 of each, and so on, so that a slow spell of a shared machine falls on
  both sides rather than on all runs of one.
- **Work folder**: a new private temporary folder (mode 700) per run, removed at
  the end, unless `--workdir` names one to keep the generated files.
- **Browser**: Debian's chromium (headless, via playwright), a fresh context per
  page view, the page opened from `file://` with the network blocked. Every page
  gets the same request handling: Leaflet 1.9.3 JS/CSS is served from the
  `xstatic-leaflet` package and Leaflet.markercluster (FastMarkerCluster's page
  asks for 1.1.0) from `xstatic-leaflet-markercluster` (1.4.1); every other CDN
  script or style sheet (jQuery, Bootstrap, Font Awesome, awesome-markers, ...
  which explore's page pulls in) is answered with an empty 200 of its content
  type; tiles and all other requests are aborted. So no page pays for the network,
  and the others are not charged for libraries they would download. *Load* is the
  load event (`loadEventEnd`, ms since navigation start); *drawn* is
  `window.transitiekaart.drawnAt` (`performance.now()` when our project layer has
  first drawn) and, for the others (whose markers are made synchronously in their
  inline script) or a page without `drawnAt`, the load event plus two animation
  frames. *JS heap* is CDP `Performance.getMetrics` `JSHeapUsedSize` after drawing
  and a forced garbage collection.
- Medians of `--runs` runs (default 3) per size; explore and FastMarkerCluster at
  1M run once, and explore's 1M page is not opened (it did not finish loading in
  300 s). Processes that exceed `--timeout` are killed and reported as "did not
  finish".
"""


def partner_markdown(entries: list[dict[str, Any]]) -> str:
    """The partner-style section of BENCHMARKS.md: ours, explore and FastMarkerCluster
    on the same files (medians, the range of the build runs), and the targets."""
    lines = ["### Partner-style files",
             "",
             "Files as partners and GDAL write them (`benchmarks/synth.py`, "
             "`partner_projects`): no ids (the validator derives them), Dutch column, "
             "theme and status names, a `crs` member (OGC CRS84), integer amounts and "
             "years, and 46% of the points elsewhere in the Netherlands, outside the MRA, "
             "as when a partner exports a national list. Ours, `GeoDataFrame.explore()` and "
             "folium's `FastMarkerCluster` (`benchmarks/_fastmarkercluster.py`: the points "
             "as `[lat, lon]`, plain markers, on a map fitted to them) on the same file, "
             "alternating run by run; medians, with the range of our build runs. Drawn: our "
             "project layer's `drawnAt`; the others' load event plus two animation frames "
             "(explore's page of a million points is not opened).",
             "",
             "CPU: the build process's user + system time (`os.wait4`), which varies much "
             "less than the wall time on a shared machine; load: the 1-minute load average "
             "as each build ended (medians).",
             "",
             "| projects | runs | build | CPU s | load | read s | validate s | peak RSS | page "
             "| drawn | explore | build / explore | FastMarkerCluster | its page | its drawn |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for e in entries:
        ours = e["ours"]["median"]
        walls = [r["wall_s"] for r in e["ours"]["runs"] if r["error"] is None]
        build = _fmt("wall_s", ours["wall_s"])
        if len(walls) > 1:
            build += f" ({min(walls):.2f}–{max(walls):.2f})"
        exp = e.get("explore", {}).get("median", {})
        fmc = e.get("fastmarkercluster", {}).get("median", {})
        ratio = (e.get("ratios") or {}).get("wall_s")
        lines.append(
            f"| {e['n']:,} | {ours['runs']} | {build} | {_num(ours.get('cpu_s'))} | "
            f"{_num(ours.get('load'))} | {_num(ours['stages'].get('read'))} | "
            f"{_num(ours['stages'].get('validate'))} | "
            f"{_fmt('peak_rss_bytes', ours.get('peak_rss_bytes'))} | "
            f"{_fmt('html_bytes', ours.get('html_bytes'))} | "
            f"{_fmt('drawn_ms', ours.get('drawn_ms'))} | {_fmt('wall_s', exp.get('wall_s'))} | "
            f"{'–' if ratio is None else f'{ratio:.3f}'} | {_fmt('wall_s', fmc.get('wall_s'))} | "
            f"{_fmt('html_bytes', fmc.get('html_bytes'))} | "
            f"{_fmt('drawn_ms', fmc.get('drawn_ms'))} |")
    lines += ["", "| target (partner-style) | measured | status |", "| --- | ---: | ---: |"]
    for t in evaluate_targets({"sizes": entries}, PARTNER_TARGETS):
        lines.append(f"| {t['n']:,}: {t['text']} | {t['measured']} | {t['status']} |")
    errors = [f"n = {e['n']:,}, {kind}: {err}" for e in entries for kind in KIND_NAMES
              if kind in e for err in e[kind]["median"]["errors"]]
    if errors:
        lines += ["", *[f"- {err}" for err in errors]]
    return "\n".join(lines)


KIND_NAMES = ("ours", "explore", "fastmarkercluster")


def update_section(path: Path, name: str, body: str) -> None:
    """Replace the ``name`` section of ``path`` (between marker comments), or add it."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
    else:
        text = text.rstrip() + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
