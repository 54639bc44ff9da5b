"""The catalogue's helpers for counts (msg_n) and for texts a page's script fills in (template)."""

from __future__ import annotations

import pytest

from layers.lang import use_lang
from layers.messages import MessageKeyError, entries, msg_n, template


@pytest.mark.parametrize(("lang", "n", "want"), [
    ("nl", 1, "1 project"), ("en", 1, "1 project"),
    ("nl", 2, "2 projecten"), ("en", 2, "2 projects"),
    ("nl", 0, "0 projecten"), ("en", 0, "0 projects"),
    ("nl", 12345, "12.345 projecten"), ("en", 12345, "12,345 projects"),
])
def test_a_count_takes_the_singular_entry_only_for_one(lang, n, want):
    assert msg_n("cli.projects", n, lang=lang) == want
    with use_lang(lang):
        assert msg_n("cli.projects", n) == want


def test_a_count_without_a_singular_entry_fills_n_in_the_plural():
    # catalogue.example has no catalogue.example_1: one project reads "1 project(en)"
    assert msg_n("catalogue.example", 1, lang="nl", file="a.csv") == "1 project(en) in a.csv"
    assert msg_n("catalogue.example", 1000, lang="en", file="b") == "1,000 project(s) in b"


def test_a_template_keeps_its_fields_open_for_the_page():
    assert template("page.n_split", "nl") == entries("page")["n_split"]["nl"]
    assert "{a}" in template("page.n_split", "en") and "{c}" in template("page.n_split", "en")
    with use_lang("en"):
        assert template("labels.points_here") == "{n} projects at this spot"
    with pytest.raises(MessageKeyError):
        template("page.nope", "nl")
