"""The finished page without a browser: inlined assets, CSP, lang, title and base maps."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape

import folium
import pytest
from branca.element import Element

from layers.errors import TransitiekaartError, UnknownNameError
from mapbuilder.page import (
    content_security_policy,
    external_assets,
    finalise,
    inline_scripts,
    packaged_asset,
)
from mapbuilder.tiles import BACKGROUND, add_basemap, map_tile_origins, provider, url_origins

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"


def bare_map(tiles: str = "osm", js: str = LEAFLET_JS, css: str = LEAFLET_CSS) -> folium.Map:
    """A folium map with only Leaflet linked, like the investment map."""
    fmap = folium.Map(tiles=None)
    fmap.default_js = [("leaflet", js)]
    fmap.default_css = [("leaflet_css", css)]
    add_basemap(fmap, tiles)
    return fmap


def csp_of(html: str) -> dict[str, list[str]]:
    metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert len(metas) == 1
    out = {}
    for part in unescape(metas[0]).split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def page() -> str:
    return finalise(bare_map().get_root().render(), lang="nl", title="Kaart <1>",
                    tile_origins=["https://tile.openstreetmap.org"])


def test_no_external_script_or_style(page: str) -> None:
    assert external_assets(page) == []
    assert not re.search(r"<(script|link)\b[^>]*(src|href)=[\"']?(https?:)?//", page)
    assert "sourceMappingURL" not in page
    assert "Leaflet 1.9.3" in page  # the library itself is inside
    # Leaflet's images are data: URIs, in the CSS and for the default marker
    assert "url(images/" not in page
    assert page.count("data:image/png;base64,") >= 6


def test_lang_title_viewport(page: str) -> None:
    assert re.search(r'<html lang="nl">', page)
    assert "<title>Kaart &lt;1&gt;</title>" in page
    assert "user-scalable=no" not in page and "maximum-scale" not in page
    assert page.count('name="viewport"') == 1


def test_csp_hashes_every_inline_script(page: str) -> None:
    csp = csp_of(page)
    scripts = inline_scripts(page)
    assert len(scripts) >= 3
    assert sorted(csp["script-src"]) == sorted({sha256(s) for s in scripts})
    assert csp["default-src"] == ["'none'"]
    assert csp["style-src"] == ["'unsafe-inline'"]
    assert csp["img-src"] == ["data:", "https://tile.openstreetmap.org"]
    assert csp["base-uri"] == ["'none'"]
    assert "connect-src" not in csp and "unsafe-eval" not in page.split("<body")[0]
    # the policy precedes every script, so it covers them all
    assert page.index("Content-Security-Policy") < page.lower().index("<script")


def test_no_inline_event_handlers(page: str) -> None:
    tags = re.findall(r"<[a-z][^>]*>", re.sub(r"<script>.*?</script>", "", page, flags=re.S))
    assert not [tag for tag in tags if re.search(r"\son\w+\s*=", tag, re.I)]


def test_json_data_blocks_are_not_hashed() -> None:
    html = ('<html><head><meta charset="utf-8"></head><body>'
            '<script type="application/json" id="d">{"a": 1}</script>'
            '<script>var x = 1;</script><script type="module">var y;</script></body></html>')
    page = finalise(html)
    assert inline_scripts(page) == ["var x = 1;", "var y;"]
    assert csp_of(page)["script-src"] == sorted([sha256("var x = 1;"), sha256("var y;")])


def test_page_without_scripts_allows_none() -> None:
    csp = content_security_policy("<html><body>hi</body></html>")
    assert "script-src 'none'" in csp


def test_cdn_mode_pins_leaflet_with_integrity() -> None:
    page = finalise(bare_map().get_root().render(), assets="cdn")
    assets = external_assets(page)
    assert assets == [("js", LEAFLET_JS), ("css", LEAFLET_CSS)]
    raw = packaged_asset(LEAFLET_JS).raw
    sri = "sha384-" + base64.b64encode(hashlib.sha384(raw).digest()).decode()
    assert f'src="{LEAFLET_JS}" integrity="{sri}" crossorigin="anonymous"' in page
    csp = csp_of(page)
    assert "https://cdn.jsdelivr.net" in csp["script-src"]
    assert "https://cdn.jsdelivr.net" in csp["style-src"]
    assert len(page) < 60_000  # much smaller than the inline page


def test_unknown_external_asset_is_refused_inline() -> None:
    fmap = bare_map()
    fmap.get_root().header.add_child(
        Element('<script src="https://example.org/other.js"></script>'), name="other")
    html = fmap.get_root().render()
    with pytest.raises(TransitiekaartError, match=r"example\.org/other\.js.*--assets cdn"):
        finalise(html)
    page = finalise(html, assets="cdn")  # linked, and its host allowed
    assert "https://example.org" in csp_of(page)["script-src"]


def test_other_leaflet_version_is_refused() -> None:
    html = bare_map(js=LEAFLET_JS.replace("1.9.3", "1.9.4")).get_root().render()
    with pytest.raises(TransitiekaartError,
                       match=r"Leaflet 1\.9\.4.*xstatic-leaflet bevat 1\.9\.3"):
        finalise(html)


def test_unknown_assets_mode() -> None:
    with pytest.raises(UnknownNameError, match="inline, cdn"):
        finalise("<html><head></head></html>", assets="local")


# ---------------------------------------------------------------- base maps


def test_osm_default_with_attribution() -> None:
    fmap = bare_map("osm")
    assert fmap._tk_tile_origins == ["https://tile.openstreetmap.org"]
    assert map_tile_origins(fmap) == ["https://tile.openstreetmap.org"]
    html = fmap.get_root().render()
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert "OpenStreetMap" in html and "copyright" in html


def test_no_tiles_means_no_tile_layer_and_a_background() -> None:
    fmap = bare_map("none")
    assert map_tile_origins(fmap) == []
    html = fmap.get_root().render()
    assert "L.tileLayer" not in html
    assert BACKGROUND in html
    assert csp_of(finalise(html))["img-src"] == ["data:"]


def test_named_provider_with_subdomains() -> None:
    fmap = bare_map("OpenTopoMap")
    assert map_tile_origins(fmap) == [f"https://{s}.tile.opentopomap.org" for s in "abc"]
    assert "opentopomap.org" in fmap.get_root().render()
    assert provider("nlmaps.grijs").name == "nlmaps.grijs"
    assert provider("OSM").name == "OpenStreetMap.Mapnik"


def test_unknown_provider_lists_close_names() -> None:
    with pytest.raises(UnknownNameError, match=r"'OpenTopMap'.*OpenTopoMap.*in totaal"):
        provider("OpenTopMap")


def test_provider_needing_a_key_is_refused() -> None:
    with pytest.raises(TransitiekaartError, match="vraagt een API-sleutel"):
        provider("Thunderforest.OpenCycleMap")


def test_url_origins() -> None:
    assert url_origins("https://{s}.x.org/{z}/{x}/{y}.png", "ab") == ["https://a.x.org",
                                                                     "https://b.x.org"]
    with pytest.raises(TransitiekaartError, match="geen http"):
        url_origins("file:///tiles/{z}/{x}/{y}.png")
    with pytest.raises(TransitiekaartError, match="niet kan gebruiken"):
        url_origins("https://{variant}.x.org/{z}/{x}/{y}.png")


def test_only_the_head_title_is_replaced() -> None:
    html = ('<html><head><meta charset="utf-8"><title>old</title></head><body>'
            '<svg><path><title>Zaanstreek</title></path></svg></body></html>')
    page = finalise(html, title="new")
    assert "<title>new</title>" in page and "old" not in page
    assert "<title>Zaanstreek</title>" in page
