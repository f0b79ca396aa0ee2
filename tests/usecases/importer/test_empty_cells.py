"""Empty cells through the whole import: left out of what is compared and sent (so a big
file's records hold only what they say), except with ``erase_empty``, where they clear what
Kanbert holds. Over the real sandbox on loopback."""

from __future__ import annotations

from pathlib import Path

from bulkio import Target, import_file
from bulkio.sandbox import Sandbox
from bulkio.usecases.import_file import ImportResult
from tests.conftest import company, seed

MAPPING = """\
version: 1
input:
  companies: {sheet: 0}
company:
  key: {external_id: Nr, match: name}
  fields:
    company_name: Firma
    address_invoice_town: Ort
    address_invoice_zip: PLZ
"""


def _import(box: Sandbox, tmp_path: Path, *, erase_empty: bool) -> ImportResult:
    data = tmp_path / "firmen.csv"
    data.write_text("Nr;Firma;Ort;PLZ\nK-1;Muster 1 GmbH;;01069\nK-9;Neu AG;;\n", "utf-8")
    mapping = tmp_path / "firmen.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    target = Target(api_url=box.base_url, token=box.token)
    return import_file(data, target=target, mapping=mapping, dry_run=True, erase_empty=erase_empty)


def test_an_empty_cell_changes_nothing_unless_erase_empty(sandbox: Sandbox, tmp_path: Path) -> None:
    seed(sandbox.db_path, companies=[company(1)])  # Dresden, 01067
    kept = _import(sandbox, tmp_path, erase_empty=False)
    assert kept.plan is not None
    update, create = kept.plan.companies
    assert (update.op.value, update.changes) == ("update", {"address_invoice_zip": "01069"})
    assert create.changes["company_name"] == "Neu AG"
    assert None not in create.changes.values() and "address_invoice_town" not in create.changes

    erased = _import(sandbox, tmp_path, erase_empty=True)
    assert erased.plan is not None
    update, create = erased.plan.companies
    assert update.changes == {"address_invoice_zip": "01069", "address_invoice_town": None}
    assert update.before == {"address_invoice_zip": "01067", "address_invoice_town": "Dresden"}
    assert "address_invoice_town" not in create.changes
