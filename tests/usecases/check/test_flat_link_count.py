"""The links a flat file makes are counted once each, across batches, without keeping the
records; a row whose company turns out to have no name brings no link."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulkio.usecases import check as check_usecase
from bulkio.usecases.check import check_file

MAPPING = """
version: 1
company:
  key: {external_id: Kundennr.}
  fields:
    company_name: Firma
contact:
  key: {match: email}
  fields:
    last_name: Name
    email: E-Mail
link:
  position: Funktion
"""
ROWS = [
    "Kundennr.;Firma;Name;E-Mail;Funktion",
    "K-1;Muster GmbH;Roth;roth@muster.de;Einkauf",  # row 2
    "K-1;Muster GmbH;Weiß;weiss@muster.de;Technik",  # row 3
    "K-2;Beta AG;Roth;roth@muster.de;Beirat",  # row 4: Roth works at two companies
    "K-1;Muster GmbH;Roth;roth@muster.de;Leitung",  # row 5: the link of row 2 again
    "K-3;;Lang;lang@x.de;Vertrieb",  # row 6: K-3 is named by no row
    "K-2;Beta AG;Weiß;weiss@muster.de;Technik",  # row 7
]


@pytest.mark.parametrize("batch_rows", [2, 100])
def test_flat_links_are_counted_once_in_any_batch_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_rows: int
) -> None:
    path = tmp_path / "flat.csv"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    mapping = tmp_path / "flat.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    monkeypatch.setattr(check_usecase, "BATCH_ROWS", batch_rows)
    result = check_file(path, mapping=mapping)
    assert result.validation.link_count == 4  # Roth-K-1, Weiß-K-1, Roth-K-2, Weiß-K-2
    assert [i.row for i in result.validation.errors] == [6]
    assert "no row with its id 'K-3' names it" in result.validation.errors[0].message
