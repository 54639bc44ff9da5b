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
    pytest.param(gzip.compress(b'{"type": "FeatureCollection"}', mtime=0), "gzip", id="gzip"),
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


def _office(parts: dict[str, str], mimetype: str | None = None) -> bytes:
    """A zip as Word, PowerPoint or LibreOffice writes it (an ODF's mimetype first, stored)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        if mimetype is not None:
            z.writestr(zipfile.ZipInfo("mimetype"), mimetype, zipfile.ZIP_STORED)
        z.writestr("[Content_Types].xml", "<Types>" + "<Default Extension='xml' "
                   "ContentType='application/xml'/>" * 60 + "</Types>")  # parts further on
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


OFFICE = {
    "docx": (_office({"_rels/.rels": "<r/>", "word/document.xml": "<w:document/>"}),
             "Word-document (.docx)", "Word document (.docx)"),
    "pptx": (_office({"ppt/presentation.xml": "<p/>"}), "PowerPoint-presentatie (.pptx)",
             "PowerPoint presentation (.pptx)"),
    "odt": (_office({"content.xml": "<office/>"},
                    "application/vnd.oasis.opendocument.text"),
            "OpenDocument-tekstdocument (.odt)", "OpenDocument text (.odt)"),
    "ods": (_office({"content.xml": "<office/>"},
                    "application/vnd.oasis.opendocument.spreadsheet"),
            "OpenDocument-werkblad (.ods)", "OpenDocument spreadsheet (.ods)"),
}


@pytest.mark.parametrize("kind", list(OFFICE))
def test_office_files_are_named_by_their_parts(kind: str) -> None:
    data, nl, en = OFFICE[kind]
    for lang, what in (("nl", nl), ("en", en)):
        with use_lang(lang):
            found = sniff_container(data[:8192])
        assert found is not None and what in found[0], found
    with use_lang("nl"):
        fix = sniff_container(data)[1]  # type: ignore[index]
    assert ("Excel-blad" in fix) is (kind != "ods")


@pytest.mark.parametrize("kind", list(OFFICE))
def test_a_renamed_office_file_is_named_by_validate(tmp_path: Path, kind: str) -> None:
    from geo.validate import validate_file

    data, nl, en = OFFICE[kind]
    path = tmp_path / "projecten.xlsx"
    path.write_bytes(data)
    for lang, what in (("nl", nl), ("en", en)):
        with use_lang(lang):
            report = validate_file(path)
        assert not report.readable
        [problem] = report.errors
        assert what in problem.message and "zip" not in problem.message
        assert ".xlsx" in problem.hint


def test_a_workbook_with_broken_xml_is_named_not_an_unexpected_error(tmp_path: Path) -> None:
    from geo.validate import validate_file

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/><junk/>")  # not well-formed
        z.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(buf.getvalue())
    with use_lang("en"):
        [problem] = validate_file(path).errors
    assert "could not be read as an Excel workbook" in problem.message
    assert "unexpected" not in problem.message
