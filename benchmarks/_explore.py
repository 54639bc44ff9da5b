"""The comparison: ``GeoDataFrame.explore()`` of a GeoJSON file, saved to HTML.

Run as a separate process by :mod:`benchmarks.run` so that its wall time and
peak memory are measured the same way as ``transitiekaart build``'s, imports
included::

    python benchmarks/_explore.py PROJECTS.geojson OUT.html TIMINGS.json
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> int:
    src, out, timings = argv
    t0 = time.perf_counter()
    import geopandas as gpd

    t1 = time.perf_counter()
    gdf = gpd.read_file(src)
    t2 = time.perf_counter()
    fmap = gdf.explore()
    t3 = time.perf_counter()
    fmap.save(out)
    t4 = time.perf_counter()
    stages = {"import": t1 - t0, "read": t2 - t1, "explore": t3 - t2, "save": t4 - t3}
    with open(timings, "w", encoding="utf-8") as fh:
        json.dump({"stages": stages, "projects": len(gdf)}, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
