"""Make a rendered map page self-contained and locked down.

:func:`finalise` takes the HTML that folium renders and

- replaces the Leaflet ``<script src>`` and ``<link rel=stylesheet>`` tags with
  inline copies from the ``xstatic-leaflet`` package (its images become
  ``data:`` URIs), so the page needs no server and no CDN (``assets="inline"``);
  with ``assets="cdn"`` the tags stay, with Subresource Integrity hashes;
- sets ``<html lang>``, a ``<title>`` and a viewport that allows zooming;
- adds a strict Content-Security-Policy ``<meta>``: scripts only by the SHA-256
  of each inline script (and the CDN host with ``--assets cdn``), images only
  from ``data:`` and the tile hosts, no other network access.

A page that references a script or style sheet this module has no packaged copy
of is refused in inline mode, so "self-contained" cannot silently stop being true.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from layers.errors import TransitiekaartError, UnknownNameError
from layers.messages import msg

__all__ = [
    "ASSETS",
    "PackagedAsset",
    "content_security_policy",
    "external_assets",
    "finalise",
    "inline_scripts",
    "packaged_asset",
]

ASSETS: tuple[str, ...] = ("inline", "cdn")

# Executable script types; anything else (application/json, ...) is data.
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}

_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.S | re.I)
_SCRIPT_SRC = re.compile(r"""<script\b[^>]*?\bsrc\s*=\s*["'](?P<url>[^"']+)["'][^>]*>\s*"""
                         r"""</script\s*>""", re.I)
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""(?P<name>[\w:-]+)\s*=\s*"""
                   r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""")
_CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>[^"')]+)(?P=q)\s*\)""")
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")
_VIEWPORT = re.compile(r"<meta\s+name=[\"']viewport[\"'][^>]*>", re.I | re.S)
_CSP_META = re.compile(r"<meta\s+http-equiv=[\"']Content-Security-Policy[\"'][^>]*>", re.I)
_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.I | re.S)

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


@dataclass(frozen=True)
class PackagedAsset:
    """A script or style sheet the page may reference, and its copy in a Python package."""

    kind: str  # "js" or "css"
    text: str  # ready to inline (images as data: URIs, no source-map comment)
    raw: bytes  # the file as published, for Subresource Integrity in CDN mode


def _attrs(tag: str) -> dict[str, str]:
    out = {}
    for m in _ATTR.finditer(tag):
        out[m["name"].lower()] = m["dq"] if m["dq"] is not None else (
            m["sq"] if m["sq"] is not None else m["bare"])
    return out


def _data_uri(path: Path) -> str:
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{ctype};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css_urls(css: str, base: Path) -> str:
    """Replace each relative ``url(...)`` in ``css`` by a ``data:`` URI of the file."""

    def repl(m: re.Match[str]) -> str:
        url = m["url"].strip()
        if url.startswith(("data:", "#")):  # already inline, or IE's url(#default#VML)
            return m[0]
        if urlsplit(url).scheme or url.startswith("//"):
            message = msg("build.css_network", url=url)
            raise TransitiekaartError(message)
        path = (base / url.split("?", 1)[0].split("#", 1)[0]).resolve()
        if base.resolve() not in path.parents or not path.is_file():
            message = msg("build.css_missing", url=url)
            raise TransitiekaartError(message)
        return f'url("{_data_uri(path)}")'

    return _CSS_URL.sub(repl, css)


def _leaflet_dir() -> tuple[Path, str]:
    import xstatic.pkg.leaflet as xs

    return Path(xs.BASE_DIR), str(xs.VERSION)


# the Leaflet release on the CDN that folium links to, matched to the xstatic copy
_LEAFLET_URL = re.compile(r"^https://(?:cdn\.jsdelivr\.net/npm|unpkg\.com)/leaflet@"
                          r"(?P<ver>[\d.]+)/dist/(?P<file>leaflet\.(?:js|css))$")


@cache
def packaged_asset(url: str) -> PackagedAsset | None:
    """The packaged copy of the CDN file ``url``, or None if there is none."""
    m = _LEAFLET_URL.match(url)
    if not m:
        return None
    base, version = _leaflet_dir()
    if m["ver"] != version:
        message = msg("build.leaflet_version", linked=m["ver"], installed=version)
        raise TransitiekaartError(message)
    path = base / m["file"]
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    if m["file"].endswith(".css"):
        kind, text = "css", _inline_css_urls(text, base)
        if re.search(r"</style", text, re.I):
            message = msg("build.asset_has_style_end", path=path)
            raise TransitiekaartError(message)
    else:
        kind, text = "js", _SOURCE_MAP.sub("", text) + "\n" + _leaflet_icon_js(base)
        if re.search(r"</script|<!--", text, re.I):
            message = msg("build.asset_has_script_end", path=path)
            raise TransitiekaartError(message)
    return PackagedAsset(kind, text, raw)


def _leaflet_icon_js(base: Path) -> str:
    """Point Leaflet's default marker at ``data:`` URIs (it builds URLs from a CSS path)."""
    icons = {opt: _data_uri(base / "images" / name) for opt, name in (
        ("iconUrl", "marker-icon.png"), ("iconRetinaUrl", "marker-icon-2x.png"),
        ("shadowUrl", "marker-shadow.png"))}
    opts = ", ".join(f'{k}: "{v}"' for k, v in icons.items())
    return f"L.Icon.Default.imagePath = \"\";\nL.Icon.Default.mergeOptions({{{opts}}});"


def external_assets(html: str) -> list[tuple[str, str]]:
    """``(kind, url)`` of every external script and style sheet the page loads."""
    found = [("js", m["url"]) for m in _SCRIPT_SRC.finditer(html)]
    for m in _LINK.finditer(html):
        a = _attrs(m[0])
        if "stylesheet" in a.get("rel", "").lower().split() and a.get("href"):
            found.append(("css", a["href"]))
    return found


def _sri(raw: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(raw).digest()).decode("ascii")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _replace_assets(html: str, assets: str) -> tuple[str, set[str]]:
    """Inline (or pin with SRI) each external asset; return the page and CDN origins."""
    origins: set[str] = set()
    missing: list[str] = []

    def swap(tag: str, url: str) -> str:
        found = packaged_asset(url)
        if found is None:
            missing.append(url)
        if assets == "cdn":
            origins.add(_origin(url))
            if found is None:
                return tag
            pin = f'integrity="{_sri(found.raw)}" crossorigin="anonymous"'
            return (f'<script src="{escape(url)}" {pin}></script>' if found.kind == "js"
                    else f'<link rel="stylesheet" href="{escape(url)}" {pin}>')
        if found is None:
            return tag
        return (f"<script>{found.text}</script>" if found.kind == "js"
                else f"<style>{found.text}</style>")

    def script(m: re.Match[str]) -> str:
        return swap(m[0], m["url"])

    def link(m: re.Match[str]) -> str:
        a = _attrs(m[0])
        if "stylesheet" not in a.get("rel", "").lower().split() or not a.get("href"):
            return m[0]
        return swap(m[0], a["href"])

    html = _SCRIPT_SRC.sub(script, html)
    html = _LINK.sub(link, html)
    if missing and assets == "inline":
        message = msg("build.assets_missing", files=", ".join(missing))
        raise TransitiekaartError(message)
    return html, origins


def inline_scripts(html: str) -> list[str]:
    """The text of every executable inline ``<script>`` (not ``src=``, not JSON data)."""
    out = []
    for m in _SCRIPT.finditer(html):
        a = _attrs(m["attrs"])
        if "src" in a or a.get("type", "").strip().lower() not in _JS_TYPES:
            continue
        out.append(m["body"])
    return out


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()
                                         ).decode("ascii") + "'"


def content_security_policy(html: str, tile_origins: Iterable[str] = (),
                            cdn_origins: Iterable[str] = ()) -> str:
    """The policy for ``html``: its inline scripts by hash, images from tiles and data:."""
    hashes = sorted({_sha256(s) for s in inline_scripts(html)})
    cdn = sorted(set(cdn_origins))
    tiles = sorted(set(tile_origins))
    for origin in (*cdn, *tiles):
        if not re.fullmatch(r"https?://[\w.*-]+(:\d+)?", origin):
            message = msg("build.csp_origin", origin=origin)
            raise TransitiekaartError(message)
    directives = [
        "default-src 'none'",
        "script-src " + " ".join([*hashes, *cdn] or ["'none'"]),
        "style-src " + " ".join(["'unsafe-inline'", *cdn]),
        "img-src " + " ".join(["data:", *tiles, *cdn]),
        "base-uri 'none'",
        "form-action 'none'",
    ]
    return "; ".join(directives)


def finalise(html: str, *, assets: str = "inline", lang: str = "nl", title: str = "",
             tile_origins: Iterable[str] = ()) -> str:
    """Post-process a rendered page: assets, ``lang``, title, viewport and the CSP.

    Parameters
    ----------
    html
        A complete page, e.g. from :func:`mapbuilder.mappage.render.page_html`.
    assets
        ``"inline"`` (default): every script and style sheet inside the page;
        ``"cdn"``: linked from the CDN, pinned with Subresource Integrity.
    lang
        Value of ``<html lang>``.
    title
        Text of ``<title>`` (escaped here); an existing title is replaced.
    tile_origins
        Origins the map loads tiles from (see :func:`mapbuilder.tiles.add_basemap`);
        the only hosts images may come from.
    """
    if assets not in ASSETS:
        message = msg("build.unknown_assets", assets=assets, choices=", ".join(ASSETS))
        raise UnknownNameError(message)
    html, cdn = _replace_assets(html, assets)
    html = re.sub(r"<html\b[^>]*>", f'<html lang="{escape(lang, quote=True)}">', html,
                  count=1, flags=re.I)
    # only the head's title and metas (an SVG in the body has <title>s of its own)
    end = re.search(r"</head\s*>", html, re.I)
    cut = end.start() if end else 0
    head_part = _CSP_META.sub("", html[:cut])
    head_part = _TITLE.sub("", head_part, count=1) if title else head_part
    head_part = _VIEWPORT.sub("", head_part)  # folium's forbids zooming (user-scalable=no)
    html = head_part + html[cut:]
    head = [VIEWPORT]
    if title:
        head.append(f"<title>{escape(title)}</title>")
    csp = content_security_policy(html, tile_origins, cdn)
    # the policy must come before the first script to cover it
    content = escape(csp, quote=False).replace('"', "&quot;")
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{content}">\n'
            + "\n".join(head))
    m = re.search(r"<meta\s+(?:charset=|http-equiv=[\"']content-type)[^>]*>", html, re.I)
    if m:
        html = f"{html[:m.end()]}\n{meta}{html[m.end():]}"
    else:
        m = re.search(r"<head\b[^>]*>", html, re.I)
        if m is None:
            message = msg("build.no_head")
            raise TransitiekaartError(message)
        html = f'{html[:m.end()]}\n<meta charset="utf-8">\n{meta}{html[m.end():]}'
    return html
