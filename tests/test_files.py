"""layers.files: only regular files are read, within a size limit, and containers are named."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from layers.errors import InputFileError
from layers.files import check_regular_file, read_bytes_bounded, sniff_container
from layers.lang import use_lang


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"id;name\n1;x\n")
    assert read_bytes_bounded(path) == b"id;name\n1;x\n"
    assert check_regular_file(path) == path


@pytest.mark.parametrize(("make", "fragment_nl", "fragment_en"), [
    (lambda p: p.mkdir(), "is een map", "is a directory"),
    (lambda p: os.mkfifo(p), "named pipe (FIFO)", "named pipe (FIFO)"),
    (lambda p: p.symlink_to("/dev/zero"), "apparaatbestand", "device file"),
    (lambda p: None, "bestaat niet", "does not exist"),
])
def test_anything_but_a_regular_file_is_refused_at_once(tmp_path: Path, make, fragment_nl: str,
                                                        fragment_en: str) -> None:
    path = tmp_path / "register.geojson"
    make(path)
    for lang, fragment in (("nl", fragment_nl), ("en", fragment_en)):
        with use_lang(lang), pytest.raises(InputFileError) as exc:
            read_bytes_bounded(path, "register")
        assert str(path) in str(exc.value) and fragment in str(exc.value)
        assert "\n" not in str(exc.value)


def test_the_size_limit_names_the_file_and_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "big.geojson"
    path.write_bytes(b"x" * 2000)
    with use_lang("nl"), pytest.raises(InputFileError) as exc:
        read_bytes_bounded(path, limit=1000)
    assert "2.000 bytes" in str(exc.value) and "TRANSITIEKAART_MAX_FILE_BYTES" in str(exc.value)
    assert len(read_bytes_bounded(path, limit=2000)) == 2000


def _xlsx() -> bytes:
    buf = io.BytesIO()
    wb = Workbook()
    wb.active.append(["naam", "thema"])
    wb.save(buf)
    return buf.getvalue()


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("projects.geojson", "{}")
    return buf.getvalue()


@pytest.mark.parametrize(("data", "what"), [
    (gzip.compress(b'{"type": "FeatureCollection"}'), "gzip"),
    (_zip(), "zip"),
    (_xlsx(), "Excel"),
    ("naam;thema\n".encode("utf-16"), "UTF-16"),
    ("naam;thema\n".encode("utf-16-le"), "UTF-16"),
    ("naam;thema\n".encode("utf-32"), "UTF-32"),
    (b"%PDF-1.7\n", "PDF"),
])
def test_containers_are_named_for_what_they_are(data: bytes, what: str) -> None:
    found = sniff_container(data)
    assert found is not None and what in found[0] and found[1]


@pytest.mark.parametrize("data", [b'{"type": "FeatureCollection"}', "naam;€ 2,5 mln\n".encode(),
                                  "naam;\u20ac\n".encode("cp1252"), b""])
def test_text_is_not_a_container(data: bytes) -> None:
    assert sniff_container(data) is None
