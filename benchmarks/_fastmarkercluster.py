"""The second comparison: folium's ``FastMarkerCluster`` of a GeoJSON file's points.

Run as a separate process by :mod:`benchmarks.run`, measured as ``explore()`` is::

    python benchmarks/_fastmarkercluster.py PROJECTS.geojson OUT.html TIMINGS.json

The points are read with ``geopandas.read_file`` (as explore reads them) and handed
to ``folium.plugins.FastMarkerCluster`` as ``[lat, lon]`` pairs, on a map fitted to
them, each a plain ``L.marker`` (its default callback gives each an awesome-markers
icon, a further CDN library the offline benchmark does not serve). The page loads
Leaflet.markercluster from a CDN; the benchmark serves it from the
``xstatic-leaflet-markercluster`` package (see :mod:`benchmarks._browser`).
"""

from __future__ import annotations

import json
import sys
import time

_PLAIN_MARKER = "function (row) { return L.marker(new L.LatLng(row[0], row[1])); }"


def main(argv: list[str]) -> int:
    src, out, timings = argv
    t0 = time.perf_counter()
    import folium
    import geopandas as gpd
    import numpy as np
    from folium.plugins import FastMarkerCluster

    t1 = time.perf_counter()
    gdf = gpd.read_file(src)
    t2 = time.perf_counter()
    xy = gdf.geometry.get_coordinates().to_numpy()
    fmap = folium.Map(tiles="OpenStreetMap")
    FastMarkerCluster(np.column_stack([xy[:, 1], xy[:, 0]]).tolist(),
                      callback=_PLAIN_MARKER).add_to(fmap)
    x0, y0, x1, y1 = gdf.total_bounds
    fmap.fit_bounds([[y0, x0], [y1, x1]])
    t3 = time.perf_counter()
    fmap.save(out)
    t4 = time.perf_counter()
    stages = {"import": t1 - t0, "read": t2 - t1, "map": t3 - t2, "save": t4 - t3}
    with open(timings, "w", encoding="utf-8") as fh:
        json.dump({"stages": stages, "projects": len(gdf)}, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
