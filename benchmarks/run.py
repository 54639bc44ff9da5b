"""Benchmark ``transitiekaart build`` against ``GeoDataFrame.explore()``.

For each size (synthetic projects with a fixed seed, see :mod:`benchmarks.synth`)::

    python -m benchmarks.run                      # all sizes: 1k, 10k, 100k, 1M
    python -m benchmarks.run --sizes 1000,10000 --runs 3 --out BENCHMARKS.md

* ours: ``transitiekaart build --projects F --out OUT --timings T`` in a child
  process: the seconds per stage (from ``--timings``), the wall time of the whole
  process (imports included) and its peak resident memory (``os.wait4``'s
  ``ru_maxrss``), the HTML size;
* explore: ``geopandas.read_file(F).explore().save(OUT)`` in a child process
  (:mod:`benchmarks._explore`), measured the same way;
* both pages in chromium, offline (:mod:`benchmarks._browser`): load event,
  project layer drawn, JS heap.

Medians over ``--runs`` runs (explore: ``--explore-runs``; one run at 1M and up).
Prints tables and writes the results section of ``--out`` (BENCHMARKS.md) plus the
raw numbers as JSON (``--json``). Nothing here asserts a time: the targets are
reported as met or not, computed from the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # `python benchmarks/run.py`
    sys.path.insert(0, str(REPO))

from benchmarks.report import (  # noqa: E402
    TARGETS,
    partner_markdown,
    render_markdown,
    summary_tables,
    update_section,
)
from benchmarks.synth import cached_geojson, cached_partner_geojson  # noqa: E402

__all__ = ["main", "measure_process", "run"]

DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)
PARTNER_SIZES = (100_000, 1_000_000)  # as partners write them: no ids, Dutch names, crs
# member, 46% of the points outside the MRA
SEED = 20261127
STAGES = ("layers", "read", "validate", "combine", "aggregate", "render", "write")
PACKAGES = ("transitiekaart", "geopandas", "shapely", "folium", "pyogrio", "pandas", "numpy",
            "pyproj", "branca", "mapclassify", "matplotlib", "playwright")
BIG = 1_000_000  # from here on explore runs once


def _build_cmd() -> list[str]:
    script = Path(sys.executable).parent / "transitiekaart"
    if script.exists():
        return [str(script), "build"]
    return [sys.executable, "-c", "import sys; from mapbuilder.cli import main; "
            "sys.exit(main(sys.argv[1:]))", "build"]


def measure_process(cmd: list[str], timeout_s: float, log: Path) -> dict[str, Any]:
    """Run ``cmd``; its wall seconds, peak RSS (bytes) and exit status.

    A process still running after ``timeout_s`` is killed and reported as such.
    """
    timed_out = threading.Event()
    with open(log, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=REPO)

        def _kill() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(timeout_s, _kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, not by Popen
    res: dict[str, Any] = {"wall_s": wall, "peak_rss_bytes": usage.ru_maxrss * 1024,
                           "cpu_s": usage.ru_utime + usage.ru_stime,  # varies less under load
                           "load": os.getloadavg()[0],
                           "returncode": proc.returncode, "error": None}
    if proc.returncode != 0:
        if timed_out.is_set():
            res["error"] = f"did not finish within {timeout_s:g} s"
        else:
            tail = log.read_text(errors="replace").strip().splitlines()[-3:]
            res["error"] = f"exit {proc.returncode}: " + " | ".join(tail)
    return res


def _median(values: list[float | int | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def _machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) * 1024
    except OSError:
        pass
    osname = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osname = f"{line.split('=', 1)[1].strip(chr(34))} ({platform.platform()})"
    except OSError:
        pass
    versions = {}
    for pkg in PACKAGES:
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "not installed"
    try:
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO,
                                capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(),
            "cores_usable": len(os.sched_getaffinity(0)), "ram_bytes": ram, "os": osname,
            "python": platform.python_version(), "packages": versions, "commit": commit}


KINDS = ("ours", "explore", "fastmarkercluster")
_SCRIPTS = {"explore": "_explore.py", "fastmarkercluster": "_fastmarkercluster.py"}


def _cmd(kind: str, src: Path, out: Path, timings: Path) -> list[str]:
    if kind == "ours":
        return [*_build_cmd(), "--projects", str(src), "--out", str(out),
                "--timings", str(timings)]
    return [sys.executable, str(Path(__file__).with_name(_SCRIPTS[kind])), str(src), str(out),
            str(timings)]


def _alternating_runs(n: int, src: Path, work: Path, runs: dict[str, int], timeout_s: float,
                      tag: str = "") -> dict[str, dict[str, Any]]:
    """``runs[kind]`` child processes of each kind on ``src``, alternating run by run.

    Run 1 of ours, run 1 of explore (and of FastMarkerCluster), then run 2 of each,
    ...: on a shared machine a slow spell then falls on both sides, instead of on
    all of one side's runs (the ratio of medians is what the targets compare).
    A kind that fails or times out is not run again.
    """
    sides: dict[str, dict[str, Any]] = {}
    for kind in runs:
        sides[kind] = {"html": str(work / f"{tag}{kind}-{n}.html"), "runs": []}
    for i in range(max(runs.values(), default=0)):
        for kind, k in runs.items():
            side = sides[kind]
            if i >= k or any(r["error"] for r in side["runs"]):
                continue  # a failure or a timeout will not improve on a second try
            out, timings = Path(side["html"]), work / f"{tag}{kind}-{n}.timings.json"
            for stale in (out, timings):
                stale.unlink(missing_ok=True)
            print(f"  {kind:17} n={n:>9,} run {i + 1}/{k} ...", end="", flush=True)
            res = measure_process(_cmd(kind, src, out, timings), timeout_s,
                                  work / f"{tag}{kind}-{n}.stderr.log")
            if res["error"] is None:
                res["html_bytes"] = out.stat().st_size
                res["stages"] = json.loads(timings.read_text())["stages"]
            print(f" {res['wall_s']:.2f} s" + (f"  ({res['error']})" if res["error"] else ""),
                  flush=True)
            side["runs"].append(res)
    return sides


def _summarise(kind: str, side: dict[str, Any]) -> dict[str, Any]:
    ok = [r for r in side["runs"] if r["error"] is None]
    views = [v for v in side.get("views", []) if not v["errors"] or v["drawn_ms"] is not None]
    med: dict[str, Any] = {
        "runs": len(ok),
        "wall_s": _median([r["wall_s"] for r in ok]),
        "peak_rss_bytes": _median([r["peak_rss_bytes"] for r in ok]),
        "cpu_s": _median([r.get("cpu_s") for r in ok]),
        "load": _median([r.get("load") for r in ok]),
        "html_bytes": _median([r["html_bytes"] for r in ok]),
        "stages": {s: _median([r["stages"].get(s) for r in ok])
                   for s in (ok[0]["stages"] if ok else {})},
        "views": len(views),
        "load_ms": _median([v["load_ms"] for v in views]),
        "drawn_ms": _median([v["drawn_ms"] for v in views]),
        "js_heap_bytes": _median([v["js_heap_bytes"] for v in views]),
        "drawn_source": sorted({v["drawn_source"] for v in views if v["drawn_source"]}),
        "errors": sorted({e for r in side["runs"] if r["error"] for e in [r["error"]]}
                         | {e for v in side.get("views", []) for e in v["errors"]}),
    }
    if kind == "ours":
        med["stages"] = {s: med["stages"].get(s) for s in STAGES} | {
            s: v for s, v in med["stages"].items() if s not in STAGES}
    return med


def _ratios(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, float | None]:
    keys = ("wall_s", "peak_rss_bytes", "html_bytes", "load_ms", "drawn_ms", "js_heap_bytes")
    return {k: (ours[k] / theirs[k] if ours.get(k) and theirs.get(k) else None) for k in keys}


def _view_pages(browser: Any, html: Path, views: int, timeout_s: float,
                kind: str) -> list[dict[str, Any]]:
    from benchmarks._browser import view_page

    # The new page announces the moment its project layer has drawn.
    drawn_at = kind == "ours" and b"drawnAt" in html.read_bytes()
    out = []
    for i in range(views):
        print(f"  {kind:8} page run {i + 1}/{views} ...", end="", flush=True)
        v = view_page(browser, html, timeout_s, drawn_at).as_dict()
        print(f" load {v['load_ms'] or 0:.0f} ms, drawn {v['drawn_ms'] or 0:.0f} ms"
              + (f"  ({v['errors'][0]})" if v["errors"] else ""), flush=True)
        out.append(v)
        if v["drawn_ms"] is None:
            break
    return out


@contextmanager
def _browser_session(browser: bool) -> Iterator[Any]:
    """Debian's chromium via playwright for the page views, or None without ``browser``."""
    if not browser:
        yield None
        return
    from playwright.sync_api import sync_playwright

    from benchmarks._browser import launch

    with sync_playwright() as pw:
        browser_obj = launch(pw)
        try:
            yield browser_obj
        finally:
            browser_obj.close()


def run(sizes: list[int], runs: int, explore_runs: int, explore: bool, browser: bool,
        workdir: Path, timeout_s: float, browser_timeout_s: float,
        seed: int = SEED) -> dict[str, Any]:
    """Measure every size; the raw runs, their medians and the ratios."""
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"sizes": []}
    if browser:
        from benchmarks._browser import chromium_version

        results["chromium"] = chromium_version()
    with _browser_session(browser) as browser_obj:
        for n in sizes:
            print(f"n = {n:,}", flush=True)
            t0 = time.perf_counter()
            src = cached_geojson(n, workdir, seed)
            gen = time.perf_counter() - t0
            print(f"  projects: {src} ({gen:.1f} s)", flush=True)
            results["sizes"].append(_measure_file(
                n, src, workdir, runs, explore_runs if explore else 0, 0, browser_obj,
                browser_timeout_s, timeout_s))
    return results


def _measure_file(n: int, src: Path, workdir: Path, runs: int, explore_runs: int,
                  cluster_runs: int, browser_obj: Any, browser_timeout_s: float,
                  timeout_s: float, tag: str = "") -> dict[str, Any]:
    """Ours, explore (``explore_runs``, 0 for none) and FastMarkerCluster (``cluster_runs``)
    on ``src``, alternating (the other two once from 1M); then their pages in chromium."""
    counts = {"ours": runs, "explore": min(explore_runs, 1) if n >= BIG else explore_runs,
              "fastmarkercluster": min(cluster_runs, 1) if n >= BIG else cluster_runs}
    counts = {k: v for k, v in counts.items() if v > 0}
    entry: dict[str, Any] = {"n": n, "geojson_bytes": src.stat().st_size}
    sides = _alternating_runs(n, src, workdir, counts, timeout_s, tag)
    for kind, side in sides.items():
        html = Path(side["html"])
        built = any(r["error"] is None for r in side["runs"])
        # explore's page of a million points did not finish loading in 300 s: not opened
        viewed = kind == "ours" or n < BIG or kind == "fastmarkercluster"
        if browser_obj is not None and built and viewed:
            k = runs if kind == "ours" or n < BIG else 1
            side["views"] = _view_pages(browser_obj, html, k, browser_timeout_s, kind)
        side["median"] = _summarise(kind, side)
        entry[kind] = side
    if "explore" in entry:
        entry["ratios"] = _ratios(entry["ours"]["median"], entry["explore"]["median"])
    if "fastmarkercluster" in entry:
        entry["cluster_ratios"] = _ratios(entry["ours"]["median"],
                                          entry["fastmarkercluster"]["median"])
    return entry


def run_partner(sizes: list[int], runs: int, explore_runs: int, explore: bool,
                workdir: Path, timeout_s: float, seed: int = SEED, browser: bool = False,
                browser_timeout_s: float = 300.0) -> list[dict[str, Any]]:
    """Build from partner-style files (:func:`benchmarks.synth.partner_projects`).

    The same measurements as :func:`run`, on a file without ids, with Dutch column
    and theme names, a ``crs`` member, integer years and 46% of the points outside
    the MRA, beside ``explore()`` and folium's ``FastMarkerCluster`` on the same file,
    all alternating run by run; the pages in chromium when ``browser``.
    """
    out = []
    with _browser_session(browser) as browser_obj:
        for n in sizes:
            print(f"partner-style n = {n:,}", flush=True)
            src = cached_partner_geojson(n, workdir, seed)
            k = explore_runs if explore else 0
            out.append(_measure_file(n, src, workdir, runs, k, k, browser_obj,
                                     browser_timeout_s, timeout_s, tag="partner-"))
    return out


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                   help="comma-separated project counts (default: %(default)s)")
    p.add_argument("--runs", type=int, default=3, help="runs per size, ours (default: 3)")
    p.add_argument("--explore-runs", type=int, default=None,
                   help=f"runs per size for explore (default: --runs; always 1 from {BIG:,})")
    p.add_argument("--no-explore", action="store_true", help="skip GeoDataFrame.explore()")
    p.add_argument("--partner-sizes", default=",".join(map(str, PARTNER_SIZES)),
                   help="comma-separated sizes of partner-style files (no ids, Dutch names, "
                        "crs member); empty for none (default: %(default)s)")
    p.add_argument("--no-browser", action="store_true", help="skip the chromium measurements")
    p.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md",
                   help="markdown file whose results section is (re)written "
                        "(default: BENCHMARKS.md; '-' for none)")
    p.add_argument("--json", type=Path, default=None,
                   help="raw results as JSON (default: WORKDIR/results.json when --workdir "
                        "is given, else none)")
    p.add_argument("--workdir", type=Path, default=None,
                   help="generated projects (kept and reused) and pages (default: a new "
                        "private temporary folder, removed afterwards)")
    p.add_argument("--seed", type=int, default=SEED, help="generator seed (default: %(default)s)")
    p.add_argument("--timeout", type=float, default=900.0,
                   help="seconds one build or explore process may take (default: %(default)s)")
    p.add_argument("--browser-timeout", type=float, default=300.0,
                   help="seconds one page may take to draw (default: %(default)s)")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    browser = not args.no_browser
    if browser:
        from benchmarks._browser import CHROMIUM

        if not CHROMIUM.exists():
            print(f"{CHROMIUM} not found: skipping the browser measurements (make browser)",
                  file=sys.stderr)
            browser = False
    if args.workdir is None:  # private (mode 700), so no other user's files are read
        with tempfile.TemporaryDirectory(prefix="transitiekaart-bench-") as tmp:
            return _main(args, argv, browser, Path(tmp), sizes, args.json)
    return _main(args, argv, browser, args.workdir, sizes,
                 args.json or args.workdir / "results.json")


def _main(args: argparse.Namespace, argv: list[str], browser: bool, workdir: Path,
          sizes: list[int], json_path: Path | None) -> int:
    started = datetime.now(UTC)
    results = run(sizes, args.runs, args.explore_runs or args.runs, not args.no_explore,
                  browser, workdir, args.timeout, args.browser_timeout, args.seed)
    partner_sizes = [int(s.replace("_", "")) for s in args.partner_sizes.split(",")
                     if s.strip()]
    results["partner"] = run_partner(partner_sizes, args.runs, args.explore_runs or args.runs,
                                     not args.no_explore, workdir, args.timeout,
                                     args.seed, browser, args.browser_timeout)
    results.update({
        "command": shlex.join(["python", "-m", "benchmarks.run", *argv]),
        "started": started.isoformat(timespec="seconds"),
        "seconds": round((datetime.now(UTC) - started).total_seconds(), 1),
        "runs": args.runs, "seed": args.seed, "machine": _machine(),
        "targets": TARGETS,
    })
    results["machine"]["chromium"] = results.get("chromium", "")
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if results["sizes"]:
        print()
        print(summary_tables(results))
    if results["partner"]:
        print()
        print(partner_markdown(results["partner"]))
    if json_path is not None:
        print(f"\nraw results: {json_path}")
    if str(args.out) != "-":
        if results["sizes"]:  # --sizes "" measures the partner-style files alone
            update_section(args.out, "results", render_markdown(results))
        if results["partner"]:
            update_section(args.out, "partner", partner_markdown(results["partner"]))
        print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
