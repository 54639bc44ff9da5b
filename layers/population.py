"""Inhabitants per MRA municipality (CBS), with the reference date of each figure."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from layers.errors import InputFileError

__all__ = ["load_population"]


@cache
def _builtin() -> pd.DataFrame:
    path = Path(str(resources.files("layers") / "data" / "mra_population.csv"))
    return pd.read_csv(path, dtype={"code": str, "population": "int64",
                                   "reference_date": str})


def load_population(path: str | Path | None = None) -> pd.DataFrame:
    """Population table with ``code``, ``name``, ``population``, ``reference_date``.

    Parameters
    ----------
    path
        Optional newer CSV with at least the columns ``code`` and ``population``
        (and ideally ``reference_date``). Municipalities it lacks keep the
        built-in figure and its date.
    """
    base = _builtin().copy()
    if path is None:
        return base
    p = Path(path)
    if not p.is_file():
        msg = f"{p}: population file not found. Give a CSV with columns code, population."
        raise InputFileError(msg)
    try:
        user = pd.read_csv(p, dtype=str, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        msg = f"{p}: could not be read as CSV ({exc}). Save it as UTF-8 CSV."
        raise InputFileError(msg) from exc
    user.columns = [c.strip().lower() for c in user.columns]
    missing = {"code", "population"} - set(user.columns)
    if missing:
        msg = (f"{p}: missing column(s) {', '.join(sorted(missing))}. The population "
               "CSV needs 'code' (CBS code, e.g. GM0363) and 'population'.")
        raise InputFileError(msg)
    user["code"] = user["code"].str.strip().str.upper()
    pop = pd.to_numeric(user["population"].str.replace(r"[ .]", "", regex=True),
                        errors="coerce")
    bad = user.loc[pop.isna() | (pop < 0), ["code", "population"]]
    if not bad.empty:
        rows = "; ".join(f"row {i + 2}: {r.code} = {r.population!r}"
                         for i, r in bad.head(5).iterrows())
        msg = f"{p}: population must be a whole number >= 0 ({rows})."
        raise InputFileError(msg)
    user["population"] = pop.astype("int64")
    if "reference_date" not in user.columns:
        user["reference_date"] = "unknown"
    user = user.set_index("code")
    known = base["code"].isin(user.index)
    base.loc[known, "population"] = base.loc[known, "code"].map(user["population"])
    base.loc[known, "reference_date"] = base.loc[known, "code"].map(user["reference_date"])
    base.loc[known, "source"] = str(p.name)
    return base
