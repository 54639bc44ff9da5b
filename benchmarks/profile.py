"""cProfile of one in-process ``transitiekaart build``, grouped by stage.

::

    python -m benchmarks.profile                   # 1M projects
    python -m benchmarks.profile --n 100000 --top 15 --out BENCHMARKS.md

The build runs through the real CLI (``mapbuilder.cli.main``). Each
``layers.timing.stage`` gets its own profiler, so every function call is counted in
the innermost stage that was running ("outside stages": imports, the summary).
Prints the top functions by cumulative time per stage, and writes the same as a
markdown section (``--out``: the ``profile`` section of that file; ``--md``: a
file of its own). Profiling slows Python code down, so the seconds are larger
than ``benchmarks.run``'s; compare the shares, not the totals.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import importlib
import io
import pkgutil
import pstats
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # `python benchmarks/profile.py`
    sys.path.insert(0, str(REPO))

from benchmarks.report import update_section  # noqa: E402
from benchmarks.synth import cached_geojson  # noqa: E402

__all__ = ["main", "profile_build"]

OUTSIDE = "outside stages"


class _StageProfiles:
    """One cProfile.Profile per stage; only the innermost running stage records."""

    def __init__(self) -> None:
        self.profiles: dict[str, cProfile.Profile] = {OUTSIDE: cProfile.Profile()}
        self.wall: dict[str, float] = {}
        self.stack = [OUTSIDE]

    def _switch(self, name: str) -> None:
        self.profiles[self.stack[-1]].disable()
        self.stack.append(name)
        self.profiles.setdefault(name, cProfile.Profile()).enable()

    def _back(self) -> None:
        self.profiles[self.stack.pop()].disable()
        self.profiles[self.stack[-1]].enable()

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        self._switch(name)
        try:
            yield
        finally:
            self._back()
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - t0


def _patch_stage(replacement: object) -> list[tuple[object, object]]:
    """Point every imported ``stage`` of layers.timing in the project at ``replacement``."""
    import layers.timing

    original = layers.timing.stage
    for pkg in ("geo", "layers", "mapbuilder"):
        mod = importlib.import_module(pkg)
        for info in pkgutil.walk_packages(mod.__path__, f"{pkg}."):
            if not info.name.rsplit(".", 1)[-1].startswith(("_make", "__main__")):
                with contextlib.suppress(ImportError):
                    importlib.import_module(info.name)
    patched = []
    for mod in list(sys.modules.values()):
        if getattr(mod, "stage", None) is original:
            patched.append((mod, original))
            mod.stage = replacement  # type: ignore[attr-defined]
    return patched


def profile_build(n: int, workdir: Path, top: int = 15) -> tuple[str, str]:
    """Profile a build of ``n`` synthetic projects; (terminal text, markdown)."""
    src = cached_geojson(n, workdir)
    t0 = time.perf_counter()
    profiles = _StageProfiles()
    patched = _patch_stage(profiles.stage)
    import_s = time.perf_counter() - t0
    from mapbuilder.cli import main as cli_main

    out = workdir / f"profile-{n}.html"
    try:
        profiles.profiles[OUTSIDE].enable()
        t1 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # the build's summary table
            rc = cli_main(["build", "--projects", str(src), "--out", str(out)])
        total = time.perf_counter() - t1
        profiles.profiles[OUTSIDE].disable()
    finally:
        for mod, original in patched:
            mod.stage = original  # type: ignore[attr-defined]
    if rc != 0:
        msg = f"build failed with exit code {rc}"
        raise RuntimeError(msg)
    return _summaries(profiles, n, total, import_s, top)


def _rows(prof: cProfile.Profile, top: int) -> list[tuple[float, float, int, str]]:
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if func in ("stage", "__enter__", "__exit__") or file.endswith("contextlib.py"):
            continue
        where = file
        for root in (str(REPO) + "/", "site-packages/"):
            if root in where:
                where = where.split(root, 1)[1]
        rows.append((ct, tt, nc, f"{where}:{line}({func})" if line else func))
    rows.sort(reverse=True)
    return rows[:top]


def _summaries(profiles: _StageProfiles, n: int, total: float, import_s: float,
               top: int) -> tuple[str, str]:
    stages = sorted(profiles.profiles, key=lambda s: -profiles.wall.get(s, 0.0))
    stages.remove(OUTSIDE)
    stages.append(OUTSIDE)
    per = max(3, top // max(1, min(len(stages), 5)))
    txt = [f"profile of transitiekaart build, n = {n:,}: {total:.2f} s under cProfile "
           f"(project modules imported beforehand in {import_s:.2f} s)"]
    md = ["## Profile", "",
          f"`python -m benchmarks.profile --n {n}`: one in-process build of {n:,} projects "
          f"under cProfile, {total:.2f} s in all (profiling overhead included; project "
          f"modules imported beforehand in {import_s:.2f} s). Top functions by cumulative "
          "time within each stage (a call counts in the innermost stage running).", ""]
    for s in stages:
        wall = profiles.wall.get(s)
        head = f"{s}: {wall:.2f} s" if wall is not None else s
        rows = _rows(profiles.profiles[s], per)
        txt += ["", head] + [f"  {ct:8.3f} cum {tt:8.3f} own {nc:>9,}×  {name}"
                             for ct, tt, nc, name in rows]
        md += [f"**{head}**", "", "| cumulative s | own s | calls | function |",
               "| ---: | ---: | ---: | --- |"]
        md += [f"| {ct:.3f} | {tt:.3f} | {nc:,} | `{name}` |" for ct, tt, nc, name in rows]
        md.append("")
    return "\n".join(txt), "\n".join(md)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.profile",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=1_000_000, help="projects (default: %(default)s)")
    p.add_argument("--top", type=int, default=15,
                   help="about this many functions in all (default: %(default)s)")
    p.add_argument("--workdir", type=Path,
                   default=Path(tempfile.gettempdir()) / "transitiekaart-bench",
                   help="generated projects (cached) and the page (default: %(default)s)")
    p.add_argument("--out", type=Path, help="write the profile section of this markdown file "
                                            "(e.g. BENCHMARKS.md)")
    p.add_argument("--md", type=Path, help="write the markdown section to this file alone")
    args = p.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    text, md = profile_build(args.n, args.workdir, args.top)
    print(text)
    if args.md:
        args.md.write_text(md, encoding="utf-8")
    if args.out:
        update_section(args.out, "profile", md)
        print(f"\nprofile section written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
