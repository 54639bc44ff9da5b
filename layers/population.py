"""Inhabitants per MRA municipality (CBS), with the reference date of each figure."""

from __future__ import annotations

import io
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from layers.errors import InputFileError
from layers.files import check_regular_file, read_bytes_bounded, sniff_container
from layers.lang import format_number
from layers.messages import msg

__all__ = ["MAX_POPULATION", "load_population"]

MAX_POPULATION = 10_000_000
"""More inhabitants than this in one municipality is a typo (Amsterdam has about 930,000)."""

_WHOLE = r"^(\d{1,3}([ .,]\d{3})+|\d+)$"  # 931298, 931.298, 931,298 or 931 298


def _short(value: object, limit: int = 30) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _whole_numbers(values: pd.Series) -> pd.Series:
    """Whole numbers 0..MAX_POPULATION (thousands separators allowed); NaN where not."""
    text = values.fillna("").astype(str).str.strip().str.replace("\u00a0", " ")
    ok = text.str.fullmatch(_WHOLE) & (text.str.len() <= 12)
    digits = text.where(ok, "").str.replace(r"[ .,]", "", regex=True)
    num = pd.to_numeric(digits.where(ok), errors="coerce")
    return num.where(num <= MAX_POPULATION)


def _read_user_csv(p: Path) -> pd.DataFrame:
    """The user's CSV as text columns: bounded read, UTF-8 (BOM allowed), ',' or ';'."""
    fd = os.open(check_regular_file(p, msg("population.what")),
                 os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never hangs on a FIFO
    try:
        head = os.read(fd, 1 << 16)  # before reading it whole: a sparse or blanked file
    finally:
        os.close(fd)
    if (nul := head.find(b"\x00")) >= 0 and sniff_container(head, p.name) is None:
        raise InputFileError(msg("population.nul_bytes", path=p, at=format_number(nul)))
    data = read_bytes_bounded(p, msg("population.what"))
    sniffed = sniff_container(data, p.name)
    if sniffed is not None:
        what, fix = sniffed
        raise InputFileError(msg("population.not_csv_text", path=p, kind=what, fix=fix))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(msg("population.not_utf8", path=p,
                                 byte=f"{data[exc.start]:02x}")) from exc
    header = text.split("\n", 1)[0]
    sep = ";" if header.count(";") > header.count(",") else ","
    names = [h.strip().strip('"').strip().lower() for h in header.split(sep)]
    twice = sorted({h for h in names if h and names.count(h) > 1})
    if twice:
        raise InputFileError(msg("population.columns_twice", path=p, columns=", ".join(twice)))
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, sep=sep, keep_default_na=False,
                           na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputFileError(msg("population.unreadable", path=p, reason=first)) from exc


@cache
def _builtin() -> pd.DataFrame:
    path = Path(str(resources.files("layers") / "data" / "mra_population.csv"))
    dtypes: dict[str, Any] = {"code": str, "population": "int64", "reference_date": str}
    return pd.read_csv(path, dtype=dtypes)


def load_population(path: str | Path | None = None) -> pd.DataFrame:
    """Population table with ``code``, ``name``, ``population``, ``reference_date``.

    Parameters
    ----------
    path
        Optional newer CSV with at least the columns ``code`` and ``population``
        (and ideally ``reference_date``; without it, the date is "onbekend", or
        "unknown" in an English run). Municipalities it lacks keep the
        built-in figure and its date.
    """
    base = _builtin().copy()
    if path is None:
        return base
    p = Path(path)
    user = _read_user_csv(p)
    user.columns = [str(c).strip().lower() for c in user.columns]
    missing = {"code", "population"} - set(user.columns)
    if missing:
        raise InputFileError(msg("population.missing_columns", path=p,
                                 columns=", ".join(sorted(missing))))
    user["code"] = user["code"].fillna("").str.strip().str.upper()
    pop = _whole_numbers(user["population"])
    bad = user.loc[pop.isna(), ["code", "population"]]
    if not bad.empty:
        # i: the user table's RangeIndex (an int; pandas types it as any Hashable)
        rows = "; ".join(msg("population.row_value", row=i + 2,  # type: ignore[operator]
                             code=r.code, value=_short(r.population))
                         for i, r in bad.head(5).iterrows())
        raise InputFileError(msg("population.not_whole", path=p,
                                 max=format_number(MAX_POPULATION), rows=rows))
    dup = user.loc[user["code"].duplicated(keep=False) & (user["code"] != ""), "code"]
    if not dup.empty:
        codes = ", ".join(sorted(set(dup))[:5])
        raise InputFileError(msg("population.codes_twice", path=p, codes=codes))
    user["population"] = pop.astype("int64")
    if "reference_date" not in user.columns:
        user["reference_date"] = msg("population.date_unknown")  # shown as it is
    user = user.set_index("code")
    known = base["code"].isin(user.index)
    base.loc[known, "population"] = base.loc[known, "code"].map(user["population"])
    base.loc[known, "reference_date"] = base.loc[known, "code"].map(user["reference_date"])
    base.loc[known, "source"] = str(p.name)
    return base
