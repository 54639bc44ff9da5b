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
from layers.lang import format_number, pick

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
    fd = os.open(check_regular_file(p, pick("bevolkingsbestand", "population file")),
                 os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never hangs on a FIFO
    try:
        head = os.read(fd, 1 << 16)  # before reading it whole: a sparse or blanked file
    finally:
        os.close(fd)
    if (nul := head.find(b"\x00")) >= 0 and sniff_container(head, p.name) is None:
        msg = pick(f"{p}: bevat NUL-bytes (byte {format_number(nul)}): het is geen tekst. "
                   "Sla het op als 'CSV UTF-8'.",
                   f"{p}: holds NUL bytes (byte {format_number(nul)}): it is not text. "
                   "Save it as 'CSV UTF-8'.")
        raise InputFileError(msg)
    data = read_bytes_bounded(p, pick("bevolkingsbestand", "population file"))
    sniffed = sniff_container(data, p.name)
    if sniffed is not None:
        what, fix = sniffed
        msg = pick(f"{p}: is {what}, geen CSV-tekst. {fix}", f"{p}: is {what}, not CSV text. {fix}")
        raise InputFileError(msg)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = pick(f"{p}: is geen UTF-8-tekst (byte 0x{data[exc.start]:02x}; waarschijnlijk "
                   "Latin-1/Windows-1252). Sla het op als 'CSV UTF-8'.",
                   f"{p}: is not UTF-8 text (byte 0x{data[exc.start]:02x}; probably "
                   "Latin-1/Windows-1252). Save it as 'CSV UTF-8'.")
        raise InputFileError(msg) from exc
    header = text.split("\n", 1)[0]
    sep = ";" if header.count(";") > header.count(",") else ","
    names = [h.strip().strip('"').strip().lower() for h in header.split(sep)]
    twice = sorted({h for h in names if h and names.count(h) > 1})
    if twice:
        msg = pick(f"{p}: de kolom(men) {', '.join(twice)} staan er twee keer in; welke geldt, "
                   "is niet te zeggen. Houd er een over.",
                   f"{p}: the column(s) {', '.join(twice)} occur twice; which one counts "
                   "cannot be told. Keep one.")
        raise InputFileError(msg)
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, sep=sep, keep_default_na=False,
                           na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        msg = pick(f"{p}: kan niet als CSV worden gelezen ({first}). Sla het op als "
                   "'CSV UTF-8' met de kolommen code en population.",
                   f"{p}: could not be read as CSV ({first}). Save it as 'CSV UTF-8' with "
                   "the columns code and population.")
        raise InputFileError(msg) from exc


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
        (and ideally ``reference_date``). Municipalities it lacks keep the
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
        msg = pick(f"{p}: kolom(men) {', '.join(sorted(missing))} ontbreken. Het "
                   "bevolkingsbestand heeft 'code' (CBS-code, bijv. GM0363) en 'population' "
                   "nodig.",
                   f"{p}: missing column(s) {', '.join(sorted(missing))}. The population "
                   "CSV needs 'code' (CBS code, e.g. GM0363) and 'population'.")
        raise InputFileError(msg)
    user["code"] = user["code"].fillna("").str.strip().str.upper()
    pop = _whole_numbers(user["population"])
    bad = user.loc[pop.isna(), ["code", "population"]]
    if not bad.empty:
        # i: the user table's RangeIndex (an int; pandas types it as any Hashable)
        rows = "; ".join(f"row {i + 2}: {r.code} = {_short(r.population)}"  # type: ignore[operator]
                         for i, r in bad.head(5).iterrows())
        msg = pick(f"{p}: het inwonertal moet een geheel getal zijn van 0 tot "
                   f"{format_number(MAX_POPULATION)} ({rows.replace('row', 'rij')}).",
                   f"{p}: population must be a whole number from 0 to "
                   f"{format_number(MAX_POPULATION)} ({rows}).")
        raise InputFileError(msg)
    dup = user.loc[user["code"].duplicated(keep=False) & (user["code"] != ""), "code"]
    if not dup.empty:
        codes = ", ".join(sorted(set(dup))[:5])
        msg = pick(f"{p}: de code(s) {codes} staan er meer dan eens in; welk inwonertal geldt, "
                   "is niet te zeggen. Houd per gemeente een rij over.",
                   f"{p}: the code(s) {codes} occur more than once; which population counts "
                   "cannot be told. Keep one row per municipality.")
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
