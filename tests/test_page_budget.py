"""The page's size budget for the page's own file check (issue 21, item 5: "the page grows by
at most 150 kB"), held against the sample page as it was before that work.

The file users get is not compressed, so the budget is in raw bytes. The sizes below were
measured on the sample page as ``make map`` builds it (``transitiekaart build --out
output/map.html``, the built-in sample projects, default tiles) at commit 9e110f8, the last
commit before issue 21's page check, in a temporary worktree of that commit with this
project's virtualenv (``git worktree add --detach /tmp/base 9e110f8; cd /tmp/base;
PYTHONPATH=$PWD python -m mapbuilder build [--lang en] --out map.html; wc -c map.html``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapbuilder.cli import main
from mapbuilder.mappage.check_rules import LANGUAGE_KEYS, check_rules, check_rules_js

BASELINE_BYTES = {"nl": 764_310, "en": 763_245}
"""The sample page's size at 9e110f8 (before issue 21), per language (see above)."""

BUDGET_BYTES = 150_000
"""What issue 21's check may add to the page (raw bytes, data and script included)."""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for lang in ("nl", "en"):
        path = tmp_path_factory.mktemp("budget") / "map.html"
        assert main(["--lang", lang, "build", "--out", str(path)]) == 0
        out[lang] = path
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sample_page_grows_within_the_budget(pages: dict[str, Path], lang: str,
                                             record_property: pytest.RecordProperty) -> None:
    raw = pages[lang].read_bytes()  # as users get it (read_text would drop its CRs)
    size, html = len(raw), raw.decode("utf-8")
    rules = len(check_rules_js(lang).encode("utf-8"))
    growth = size - BASELINE_BYTES[lang]
    report = (f"sample page ({lang}): {size:,} B, {growth:+,} B against 9e110f8 "
              f"(budget {BUDGET_BYTES:,} B; the check's rules {rules:,} B of it)")
    record_property("page_bytes", size)
    print(report)  # shown with -rP; the numbers BENCHMARKS.md's "Page size" records
    assert check_rules_js(lang) in html  # the rules measured are the page's own
    assert growth <= BUDGET_BYTES, report


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_page_gets_the_check_texts_of_its_own_language_only(lang: str) -> None:
    """check_rules(lang) is check_rules() with, where the rules hold texts per language
    (LANGUAGE_KEYS), only that language's: nothing else differs."""
    both, one = check_rules(), check_rules(lang)
    other = "en" if lang == "nl" else "nl"
    assert set(one) == set(both)
    rest_one, rest_both = json.loads(json.dumps(one)), json.loads(json.dumps(both))
    for *outer, last in LANGUAGE_KEYS:
        a, b = rest_one, rest_both
        for key in outer:
            a, b = a[key], b[key]
        assert set(b[last]) == {"nl", "en"}, (outer, last)
        assert a[last] == {lang: b[last][lang]}, (outer, last)
        assert b[last][other] != b[last][lang]
        del a[last], b[last]
    assert rest_one == rest_both  # the rest unchanged (and check_rules() itself not changed)
    assert set(check_rules()["texts"]) == {"nl", "en"}


def test_each_page_uses_its_own_language_in_the_check(pages: dict[str, Path]) -> None:
    """A Dutch page holds the check's Dutch texts and not the English ones, and the other
    way round (the page check reads rules.texts[lang] for the page's lang)."""
    for lang, other in (("nl", "en"), ("en", "nl")):
        html = pages[lang].read_text("utf-8")
        texts = check_rules()["texts"]
        mine = json.dumps(texts[lang], ensure_ascii=False, separators=(",", ":"))
        theirs = json.dumps(texts[other], ensure_ascii=False, separators=(",", ":"))
        assert mine.replace("</", "<\\/") in html
        assert theirs.replace("</", "<\\/") not in html
