"""The eight investment themes of the Transitieversneller investment agenda.

Each theme has a stable code (used in files and on the command line), Dutch
and English labels, the transition it belongs to, and a colour. The colours are
eight of Paul Tol's "muted" qualitative scheme, designed to stay
distinguishable for colour-blind readers (https://personal.sron.nl/~pault/).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from geo._errors import UnknownNameError

__all__ = [
    "THEMES",
    "THEME_CODES",
    "TRANSITIONS",
    "Theme",
    "get_theme",
    "normalise_theme",
]


@dataclass(frozen=True)
class Theme:
    """One investment theme."""

    code: str
    label_nl: str
    label_en: str
    transition: str  # "sustainable" or "digital"
    colour: str

    def label(self, lang: str = "nl") -> str:
        """The theme's label in ``lang`` ("nl" or "en")."""
        return self.label_en if lang == "en" else self.label_nl


TRANSITIONS: dict[str, dict[str, str]] = {
    "sustainable": {"nl": "Duurzame transitie", "en": "Sustainable transition"},
    "digital": {"nl": "Digitale transitie", "en": "Digital transition"},
}

THEMES: tuple[Theme, ...] = (
    Theme("health", "Gezondheidsbevordering en preventie",
          "Health promotion and prevention", "sustainable", "#CC6677"),
    Theme("hydrogen", "Waterstof", "Hydrogen", "sustainable", "#88CCEE"),
    Theme("smart_energy", "Slimme elektriciteit en energiesystemen",
          "Smart electricity and energy systems", "sustainable", "#DDCC77"),
    Theme("circular_construction", "Circulair, biobased en modulair bouwen",
          "Circular, biobased and modular construction", "sustainable", "#117733"),
    Theme("smart_mobility", "Slimme mobiliteit", "Smart mobility",
          "sustainable", "#332288"),
    Theme("data_sharing", "Veilig data delen", "Secure data sharing",
          "digital", "#AA4499"),
    Theme("ai", "Kunstmatige intelligentie", "Artificial intelligence",
          "digital", "#882255"),
    Theme("digital_infra", "Duurzame digitale infrastructuur",
          "Sustainable digital infrastructure", "digital", "#44AA99"),
)

THEME_CODES: tuple[str, ...] = tuple(t.code for t in THEMES)
_BY_CODE = {t.code: t for t in THEMES}

# Extra names people use for a theme (compared after _key()).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "health": ("gezondheid", "preventie", "zorg", "health", "healthcare", "health care",
               "gezondheidszorg", "zorginnovatie",
               "prevention", "gezondheidsbevordering", "health promotion"),
    "hydrogen": ("waterstof", "h2", "hydrogen", "groene waterstof", "green hydrogen",
                 "waterstofeconomie"),
    "smart_energy": ("slimme elektriciteit", "slimme energie", "energiesystemen",
                     "smart electricity", "smart energy", "smart energy systems",
                     "energy", "energie", "smart grid", "slimme energiesystemen"),
    "circular_construction": ("circulair bouwen", "biobased bouwen", "modulair bouwen",
                              "circular construction", "biobased construction",
                              "modular construction", "circulair", "biobased",
                              "circular building", "bouwen", "construction",
                              "circulaire bouw", "modulaire bouw", "biobased bouw"),
    "smart_mobility": ("slimme mobiliteit", "mobiliteit", "smart mobility", "mobility"),
    "data_sharing": ("veilig data delen", "data delen", "datadelen",
                     "secure data sharing", "data sharing", "data"),
    "ai": ("ai", "a.i.", "ki", "kunstmatige intelligentie", "artificial intelligence",
           "artificiele intelligentie", "machine learning"),
    "digital_infra": ("duurzame digitale infrastructuur", "digitale infrastructuur",
                      "sustainable digital infrastructure", "digital infrastructure",
                      "datacenters", "datacentra", "data centres", "data centers",
                      "datacentrum", "datacenter", "data centre", "data center"),
}


def _key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive lookup key."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("-", " ").replace("_", " ").replace(",", " ")
    return re.sub(r"\s+", " ", text).strip()


_LOOKUP: dict[str, str] = {}
for _t in THEMES:
    for _name in (_t.code, _t.label_nl, _t.label_en, *_SYNONYMS[_t.code]):
        _LOOKUP[_key(_name)] = _t.code


def normalise_theme(value: object) -> str | None:
    """Return the theme code for a code, label or synonym, or ``None`` if unknown.

    Examples
    --------
    >>> normalise_theme("Waterstof"), normalise_theme("H2"), normalise_theme("AI")
    ('hydrogen', 'hydrogen', 'ai')
    """
    if not isinstance(value, str):
        return None
    return _LOOKUP.get(_key(value))


def get_theme(code: str) -> Theme:
    """Return the :class:`Theme` for ``code`` (or any accepted name).

    Raises
    ------
    UnknownNameError
        If the name is not a theme; the message lists the eight valid codes.
    """
    found = normalise_theme(code)
    if found is None:
        msg = (f"Unknown theme {code!r}. Use one of: {', '.join(THEME_CODES)} "
               "(Dutch or English labels are accepted too).")
        raise UnknownNameError(msg)
    return _BY_CODE[found]
