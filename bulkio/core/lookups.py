"""The catalogue of the platform's look-up lists: countries, industries, sizes, tags, users...

A spreadsheet names a reference by a label a person can type ("Deutschland", "IT services",
"anna@firma.de"); the platform stores its id. Each ``Lookup`` is one list endpoint of the API
(its value is the resource name, e.g. ``business-fields``) and says which keys of an entry are
labels, how a message names a value of the list, and whether a template's dropdown of it
refuses typed values. This is the one place that lists them: the import resolves labels
through it (``resolve``), templates offer its values (``choices``, ``layout``), the export
turns ids back into its labels (``flatten``), and the shipped seed is read by its keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class Lookup(StrEnum):
    """One look-up list of the platform; the value is its API resource.

    ``strict`` is False for the lists whose dropdown also accepts a typed value: a country's
    ISO code, several tags in one cell, a client's external ID, a user's e-mail.
    """

    label_keys: tuple[str, ...]
    expected: str
    strict: bool

    def __new__(
        cls, resource: str, label_keys: tuple[str, ...], expected: str, strict: bool
    ) -> Lookup:
        member = str.__new__(cls, resource)
        member._value_ = resource
        member.label_keys = label_keys  # the keys of an entry a person may type, best first
        member.expected = expected  # what a message says a value must be
        member.strict = strict  # a dropdown of it refuses values not on the list
        return member

    COUNTRIES = "countries", ("code", "name"), "a country Kanbert knows", False
    BUSINESS_FIELDS = "business-fields", ("name",), "an industry Kanbert knows", True
    COMPANY_SIZES = "company-sizes", ("title",), "a company size Kanbert knows", True
    COMPANY_REVENUES = "company-revenues", ("title",), "a revenue class Kanbert knows", True
    TAGS = "tags", ("title",), "a tag Kanbert knows", False
    CUSTOM_FIELDS = "custom-fields", ("alias",), "a custom field Kanbert knows", True
    USERS = "users", ("email",), "the e-mail of a Kanbert user", False
    CLIENTS = "clients", ("name", "external_id"), "a Kanbert client (name or external ID)", False

    @property
    def resource(self) -> str:
        """The API's list endpoint: ``GET /business-fields``."""
        return self.value

    @property
    def seed_key(self) -> str:
        """The key of this list in a seed file (``bulkio/data/seed.json``): ``business_fields``."""
        return self.value.replace("-", "_")

    def labels(self, entry: Mapping[str, Any]) -> list[str]:
        """The labels of one entry of the list, best first; blank ones left out."""
        found = (entry.get(key) for key in self.label_keys)
        return [str(label) for label in found if label is not None and str(label) != ""]
