"""The map's labels by code: metrics, statuses, spatial definitions and the page's texts.

The texts themselves live in the message catalogue (:mod:`layers.messages`):
``labels`` (map layers, pop-ups, summaries), ``page`` (the map page's panels),
``metrics``, ``csv`` (the page's CSV headers), ``definitions`` (what the spatial
statistics measure) and ``check`` (the page's own check of a dropped file). This
module keeps what is not text (the metric codes and their statistics columns, the
order of the statuses) and gathers the texts the page's script reads.
"""

from __future__ import annotations

from layers.lang import LANGS, check_lang
from layers.messages import entries, msg, template

__all__ = ["DEFAULT_METRIC", "LANGS", "METRICS", "STATUS", "check_lang", "metric_label",
           "metric_unit", "page_labels", "spatial_definitions", "status_label"]

# metric code -> its column in the statistics table (labels: messages "metrics.<code>",
# units: "metrics.<code>_unit")
METRICS: dict[str, str] = {
    "total": "total_eur",
    "per_inhabitant": "eur_per_inhabitant",
    "per_km2": "eur_per_km2",
    "count": "n_projects",
}

DEFAULT_METRIC = "per_inhabitant"

STATUS: tuple[str, ...] = ("idea", "planned", "ongoing", "completed", "stopped")
"""The status codes in their order on the page (labels: messages ``labels.status_<code>``)."""

SPATIAL_DEFINITIONS: tuple[str, ...] = ("gistar", "circle", "fdr", "moran", "refs")
"""The paragraphs of what the spatial statistics measure (messages ``definitions.<key>``)."""


def spatial_definitions(lang: str = "nl",
                        keys: tuple[str, ...] = SPATIAL_DEFINITIONS) -> list[str]:
    """The paragraphs ``keys`` of the spatial definitions in ``lang``."""
    return [msg(f"definitions.{key}", lang=lang) for key in keys]


def page_labels(lang: str = "nl") -> dict[str, object]:
    """Every text of the map page's panels in ``lang`` (plus metrics and CSV headers).

    The page's script fills in the ``{fields}`` itself, so the texts stay unfilled.
    """
    out: dict[str, object] = {key: template(f"page.{key}", lang) for key in entries("page")}
    out["metrics"] = {m: metric_label(m, lang) for m in METRICS}
    out["units"] = {m: metric_unit(m, lang) for m in METRICS}
    out["csv"] = {key: template(f"csv.{key}", lang) for key in entries("csv")}
    out["withfile"] = {key: template(f"withfile.{key}", lang) for key in entries("withfile")}
    out["title"] = msg("labels.title", lang=lang)
    out["hs_def"] = "\n".join(spatial_definitions(lang, ("gistar", "circle", "fdr", "refs")))
    for key in ("municipalities", "novex", "ijmeerlijn", "hexagons", "subregion", "municipality"):
        out[f"t_{key}"] = msg(f"labels.{key}", lang=lang)
    return out


def metric_label(metric: str, lang: str = "nl") -> str:
    """Label of a choropleth metric."""
    return msg(f"metrics.{metric}", lang=lang)


def metric_unit(metric: str, lang: str = "nl") -> str:
    """Unit of a choropleth metric."""
    return msg(f"metrics.{metric}_unit", lang=lang)


def status_label(status: object, lang: str = "nl") -> str:
    """Translate a known status code; other text is returned unchanged."""
    if not isinstance(status, str) or not status:
        return ""
    code = status.strip().lower()
    return msg(f"labels.status_{code}", lang=lang) if code in STATUS else status
