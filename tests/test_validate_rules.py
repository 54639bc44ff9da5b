"""The validator's rules as data (geo/validate/rules.py), shared by the fast and slow paths.

A rule is written once: changing it in ``geo.validate.rules`` changes what both the
per-feature checks and the column-wise fast path accept, and the fast path never
accepts what the slow path refuses.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import geo.validate.checks as gvc
import geo.validate.fast as gvf
from geo.validate import rules
from geo.validate.amounts import read_amount
from geo.validate.fields import parse_year, read_url
from geo.validate.reading import geojson_features, parse_geojson

AMSTERDAM = (4.8952, 52.3702)


def test_a_range_holds_its_ends_and_never_nan():
    r = rules.Range(1.0, 2.0)
    assert r.holds(1.0) and r.holds(2.0) and not r.holds(2.5) and not r.holds(math.nan)
    assert r.holds(np.array([0.5, 1.5, math.nan, math.inf])).tolist() == \
        [False, True, False, False]


def test_a_box_holds_points_and_bounds():
    box = rules.Box(rules.Range(0, 10), rules.Range(20, 30))
    assert box.holds(5, 25) and not box.holds(25, 5) and not box.holds(math.nan, 25)
    assert not box.holds(1, 21, 11, 29)  # the bounds reach past x 10
    got = box.holds(np.array([1.0, 1.0]), np.array([21.0, 21.0]), np.array([9.0, 11.0]),
                    np.array([29.0, 29.0]))
    assert got.tolist() == [True, False]


def test_the_boxes_tell_the_netherlands_apart():
    lon, lat = AMSTERDAM
    assert rules.LONLAT.holds(lon, lat) and not rules.SWAPPED.holds(lon, lat)
    assert rules.SWAPPED.holds(lat, lon)  # the same place with lat/lon swapped
    assert rules.RD_NEW.holds(121_500, 487_000) and not rules.LONLAT.holds(121_500, 487_000)


def _file(tmp_path: Path, **props: Any) -> Path:
    feats = [{"type": "Feature", "geometry": {"type": "Point",
                                              "coordinates": [AMSTERDAM[0] + i * 1e-3,
                                                              AMSTERDAM[1]]},
              "properties": {"id": f"r-{i}", "name": f"Project {i}", "theme": "ai",
                             "amount_eur": 2_000_000, "start_year": 2026,
                             "url": "https://example.nl", **props}}
             for i in range(3)]
    path = tmp_path / "rules.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}),
                    encoding="utf-8")
    return path


def _both(path: Path) -> tuple[Any, Any]:
    """The fast path's report (None: declined) and the per-feature checks' report."""
    parsed = parse_geojson(path, None)
    fast = gvf.fast_check(path, copy.deepcopy(parsed), None)
    return fast, gvc._check(path, geojson_features(parsed), None)


def _codes(report: Any) -> list[str]:
    return [p.code for p in report.problems if p.severity == "error"]


def test_the_clean_file_takes_the_fast_path(tmp_path: Path):
    fast, slow = _both(_file(tmp_path))
    assert fast is not None and not _codes(fast) and not _codes(slow)


@pytest.mark.parametrize(("rule", "narrow", "code"), [
    ("AMOUNT", rules.Range(0.0, 1e6), "amount"),
    ("YEAR", rules.Range(1950, 2020), "year"),
    ("LONLAT", rules.Box(rules.Range(-180.0, 4.0), rules.Range(-90.0, 90.0)),
     "coordinates_range"),
])
def test_a_rule_changed_in_one_place_changes_both_paths(tmp_path: Path, monkeypatch: Any,
                                                        rule: str, narrow: Any, code: str):
    path = _file(tmp_path)
    monkeypatch.setattr(rules, rule, narrow)
    fast, slow = _both(path)
    assert code in _codes(slow), slow.problems  # the slow path follows the rule
    if rule == "YEAR":
        assert "2020" in next(p.message for p in slow.problems if p.code == "year")
    assert fast is None  # and the fast path declines, leaving the error to it


def test_the_readers_follow_the_rules(monkeypatch: Any):
    assert read_amount(2e6).amount == 2e6 and parse_year(2026) == (2026, True)
    monkeypatch.setattr(rules, "AMOUNT", rules.Range(0.0, 1e6))
    monkeypatch.setattr(rules, "YEAR", rules.Range(1950, 2020))
    assert read_amount(2e6).amount is None and parse_year(2026) == (None, False)
    assert read_url("  https://a.nl ") == ("https://a.nl", True)
    assert read_url("www.a.nl") == ("www.a.nl", False) and read_url(" ") == (None, True)
