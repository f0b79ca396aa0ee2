"""Validation: mapped rows -> records shaped like Kanbert's write bodies, plus row issues."""

from bulkio.core.validation.bodies import CompanyBody, ContactBody
from bulkio.core.validation.records import (
    CompanyRecord,
    ContactRecord,
    LinkRecord,
    RecordKey,
    ValidationResult,
)
from bulkio.core.validation.validator import Validator

__all__ = [
    "CompanyBody",
    "CompanyRecord",
    "ContactBody",
    "ContactRecord",
    "LinkRecord",
    "RecordKey",
    "ValidationResult",
    "Validator",
]
