"""The test suite's own rules: browser tests are marked and cannot vanish from CI unseen.

- every test that gets a chromium (the ``chromium`` or ``chromium_ok`` fixture, directly or
  through another fixture) carries the ``browser`` marker, so ``-m "not browser"`` really
  runs without a browser and ``-m browser`` runs all that need one;
- without chromium the end-to-end tests skip on a developer's machine, but fail when the
  environment variable ``CI`` is set, so a CI run cannot go green without them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER_FIXTURES = {"chromium", "chromium_ok"}

PLUGIN = '''
import json, os

def pytest_collection_modifyitems(session, config, items):
    with open(os.environ["TK_DUMP"], "w") as f:
        json.dump([{"id": i.nodeid, "fixtures": list(getattr(i, "fixturenames", ())),
                    "marks": [m.name for m in i.iter_markers()]} for i in items], f)
'''


def _pytest(*args: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **env}, timeout=300)


def test_every_test_that_gets_a_chromium_is_marked_browser(tmp_path: Path) -> None:
    (tmp_path / "tk_dump.py").write_text(PLUGIN, "utf-8")
    dump = tmp_path / "items.json"
    run = _pytest("--collect-only", "-q", "-p", "tk_dump", "tests/e2e",
                  env={"TK_DUMP": str(dump),
                       "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])})
    assert run.returncode == 0, run.stdout + run.stderr
    items = json.loads(dump.read_text("utf-8"))
    with_browser = [i for i in items if BROWSER_FIXTURES & set(i["fixtures"])]
    assert len(with_browser) > 50  # the collection saw the end-to-end tests
    assert [i["id"] for i in with_browser if "browser" not in i["marks"]] == []


@pytest.mark.parametrize("ci", ["", "1"])
def test_without_chromium_e2e_tests_skip_but_fail_under_ci(ci: str, tmp_path: Path) -> None:
    env = {"TRANSITIEKAART_CHROMIUM": str(tmp_path / "no-chromium"), "CI": ci}
    test = "tests/e2e/test_screenshot.py::test_screenshot_writes_output_map_png"
    run = _pytest("-q", "-rs", test, env=env)
    if ci:
        assert run.returncode == 1, run.stdout
        assert "1 error" in run.stdout and "CI is set" in run.stdout
    else:
        assert run.returncode == 0, run.stdout
        assert "1 skipped" in run.stdout
