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
from functools import lru_cache

from layers.errors import UnknownNameError
from layers.messages import msg

__all__ = [
    "THEMES",
    "THEME_CODES",
    "TRANSITIONS",
    "Theme",
    "ThemeMatch",
    "get_theme",
    "match_theme",
    "normalise_theme",
    "theme_names",
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

# Extra names people use for a theme, among them every name the agenda document
# (Transitieversneller voor de Metropool Amsterdam) gives it in its text and its
# overview picture. Compared as sets of normalised words (see _words()).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "health": ("gezondheid", "preventie", "zorg", "health", "healthcare", "health care",
               "gezondheidszorg", "zorginnovatie", "gezondheid en preventie",
               "gezondheidsbevordering en preventie", "gezondheidsbevordering",
               "prevention", "health promotion", "health and prevention",
               "health promotion and prevention"),
    "hydrogen": ("waterstof", "h2", "hydrogen", "groene waterstof", "green hydrogen",
                 "waterstofeconomie", "hydrogen economy"),
    "smart_energy": ("slimme elektriciteit", "slimme energie", "energiesystemen",
                     "smart electricity", "smart energy", "smart energy systems",
                     "energy", "energie", "smart grid", "slimme energiesystemen",
                     "slimme elektriciteit en energiesystemen", "slimme energienetten",
                     "energy systems", "smart grids", "elektriciteit", "electricity"),
    "circular_construction": ("circulair bouwen", "biobased bouwen", "modulair bouwen",
                              "circular construction", "biobased construction",
                              "modular construction", "circulair", "biobased",
                              "circular building", "bouwen", "construction",
                              "circulaire bouw", "modulaire bouw", "biobased bouw",
                              "biobased en modulair bouwen", "circulaire bouw en biobased",
                              "biobased and modular construction", "circular economy",
                              "circulaire economie", "bouw"),
    "smart_mobility": ("slimme mobiliteit", "mobiliteit", "smart mobility", "mobility"),
    "data_sharing": ("veilig data delen", "data delen", "veilig datadelen",
                     "secure data sharing", "data sharing", "data", "safe data sharing"),
    "ai": ("ai", "ki", "kunstmatige intelligentie", "artificial intelligence",
           "artificiele intelligentie", "machine learning", "artificial intelligence ai",
           "kunstmatige intelligentie ki"),
    "digital_infra": ("duurzame digitale infrastructuur", "digitale infrastructuur",
                      "sustainable digital infrastructure", "digital infrastructure",
                      "datacenters", "datacentra", "data centres", "data centers",
                      "datacentrum", "datacenter", "data centre", "data center"),
}

# words that join names rather than name anything
_STOP = frozenset({"en", "and", "of", "or", "the", "de", "het", "een", "a", "an", "voor",
                   "for", "van", "thema", "theme"})
# compounds and spelling variants, replaced before stemming
_VARIANTS = {"datadelen": "data delen", "datadeling": "data delen",
             "electriciteit": "elektriciteit", "electrische": "elektrische",
             "kunstmatig": "kunstmatige", "artificieel": "artificiele",
             "centres": "centers", "centre": "center", "datacentres": "data centers",
             "datacenters": "data centers", "datacentra": "data centers",
             "datacentrum": "data center", "datacenter": "data center",
             "healthcare": "health care", "bio": "bio", "bio-based": "biobased",
             "circulaire": "circulair", "modulaire": "modulair"}


def _stem(word: str) -> str:
    """A crude stem, the same for singular and plural and inflected forms.

    ``bouwen``/``bouw``, ``slimme``/``slim``, ``systemen``/``systeem``,
    ``digitale``/``digitaal``, ``grids``/``grid``. These are the only rules:
    a plural or inflection ending (``-s``, ``-en``, ``-e``) is removed, a
    consonant doubled before that ending is undone (``slimme`` -> ``slim``) and
    the long vowel of the last syllable is written single (``duurzaam`` and
    ``duurzame`` -> ``duurzam``). A typo is not an inflection: ``Waterstoff``
    (no ending removed) and ``Waaterstof`` (not the last syllable) keep their
    letters, so they are near misses ("did you mean"), never silently a theme.
    """
    base = word
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("en"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    word = re.sub(r"([aeou])\1([^aeiou]*)$", r"\1\2", word)  # duurzaam -> duurzam
    if word != base:  # an ending was removed: slimm(e) -> slim
        word = re.sub(r"([^aeiou])\1$", r"\1", word)
    return word


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _words(text: str) -> frozenset[str]:
    """The words of a theme name that matter: no brackets, joiners, case or plurals.

    ``"Waterstof (H2)"`` and ``"waterstof"`` give the same words, so do
    ``"Gezondheidsbevordering & preventie"`` and ``"gezondheidsbevordering en
    preventie"``, and ``"Veilig datadelen"`` and ``"Veilig data delen"``.
    """
    text = _ascii(text)
    bare = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    if bare.strip(" ,.;:-_&/"):  # "(AI)" alone keeps its word
        text = bare
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # a.i. -> ai
    tokens = re.split(r"[^a-z0-9]+", text)
    out: list[str] = []
    for tok in tokens:
        if not tok or tok in _STOP:
            continue
        for part in _VARIANTS.get(tok, tok).split():
            out.append(_stem(part))
    return frozenset(out)


def _key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive lookup key (sorted normalised words)."""
    return " ".join(sorted(_words(text)))


_LOOKUP: dict[str, str] = {}
_NAMES: dict[str, list[str]] = {t.code: [] for t in THEMES}  # every accepted name
for _t in THEMES:
    for _name in (_t.code, _t.label_nl, _t.label_en, *_SYNONYMS[_t.code]):
        _k = _key(_name)
        if _LOOKUP.get(_k, _t.code) != _t.code:  # pragma: no cover - caught by the tests
            text = f"theme name {_name!r} would name two themes"
            raise AssertionError(text)
        _LOOKUP[_k] = _t.code
        _NAMES[_t.code].append(_name)
# the words each theme's names use: a name made only of these fits that theme
_VOCAB: dict[str, frozenset[str]] = {
    code: frozenset().union(*(_words(n) for n in names)) for code, names in _NAMES.items()}
_SYNONYM_WORDS: dict[str, list[frozenset[str]]] = {
    code: [w for w in (_words(n) for n in names) if w] for code, names in _NAMES.items()}


BROADER_NAMES: dict[str, tuple[str, ...]] = {
    "circular_construction": ("circulaire economie", "circular economy"),
}
"""Names read as a theme that say more than it: a circular economy is more than the
agenda's circular, biobased and modular construction. The validator reads them as the
theme with a note naming the match, so a partner can check that the project fits."""
_BROADER_KEYS = frozenset(_key(n) for names in BROADER_NAMES.values() for n in names)


@dataclass(frozen=True)
class ThemeMatch:
    """What :func:`match_theme` made of a name.

    ``code`` is the theme when the name fits exactly one; ``candidates`` are
    the themes a name fits when it fits several (then ``code`` is None);
    ``suggestions`` are close names for a near miss ("did you mean"); ``broader``
    that the name is one of :data:`BROADER_NAMES`.
    """

    code: str | None
    candidates: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    broader: bool = False
    """The name says more than the theme (``"Circulaire economie"`` for circular
    construction): read as the theme, with a note (:data:`BROADER_NAMES`)."""


def match_theme(value: object) -> ThemeMatch:
    """Match a theme name on its words, not on the whole string.

    Brackets (``"(AI)"``), joiners (``&``, ``en``, ``and``), case, accents,
    plurals and common spelling variants do not matter. A name whose words all
    belong to one theme's names fits that theme; one that fits two themes (or
    names two, like ``"Waterstof en AI"``) gets both as ``candidates``; a near
    miss gets ``suggestions`` (difflib).

    Examples
    --------
    >>> match_theme("Biobased en modulair bouwen").code
    'circular_construction'
    >>> match_theme("Waterstof en AI").candidates
    ('hydrogen', 'ai')
    """
    if not isinstance(value, str):
        return ThemeMatch(None)
    return _match_text(value)


@lru_cache(maxsize=8192)
def _match_text(value: str) -> ThemeMatch:
    """:func:`match_theme` of a text, once per distinct text (files repeat their themes)."""
    words = _words(value)
    if not words:
        return ThemeMatch(None)
    key = " ".join(sorted(words))
    code = _LOOKUP.get(key)
    if code is not None:
        return ThemeMatch(code, broader=key in _BROADER_KEYS)
    fits = tuple(c for c in THEME_CODES if words <= _VOCAB[c])
    if len(fits) == 1:
        return ThemeMatch(fits[0])
    if len(fits) > 1:
        return ThemeMatch(None, candidates=fits)
    named = tuple(c for c in THEME_CODES if any(w <= words for w in _SYNONYM_WORDS[c]))
    if len(named) > 1:
        return ThemeMatch(None, candidates=named)
    import difflib

    keys = list(_LOOKUP)
    near = difflib.get_close_matches(" ".join(sorted(words)), keys, n=3, cutoff=0.75)
    codes = list(dict.fromkeys([*named, *(_LOOKUP[k] for k in near)]))
    return ThemeMatch(None, suggestions=tuple(codes))


def normalise_theme(value: object) -> str | None:
    """Return the theme code for a code, label or synonym, or ``None`` if unknown.

    Names are matched on their words (see :func:`match_theme`).

    Examples
    --------
    >>> normalise_theme("Waterstof"), normalise_theme("H2"), normalise_theme("AI")
    ('hydrogen', 'hydrogen', 'ai')
    """
    if not isinstance(value, str):
        return None
    return _match_text(value).code


def theme_names(code: str) -> tuple[str, ...]:
    """Every name accepted for the theme ``code`` (labels and synonyms)."""
    return tuple(_NAMES[code])


def get_theme(code: str) -> Theme:
    """Return the :class:`Theme` for ``code`` (or any accepted name).

    Raises
    ------
    UnknownNameError
        If the name is not a theme; the message lists the eight valid codes.
    """
    found = normalise_theme(code)
    if found is None:
        raise UnknownNameError(msg("projects.unknown_theme_label", value=repr(code),
                                   choices=", ".join(THEME_CODES)))
    return _BY_CODE[found]
