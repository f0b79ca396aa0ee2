"""The pure core: records, mapping, validation and planning. No I/O happens here.

Modules in this package may import the standard library, pydantic, polars and the
pure domain libraries (phonenumbers, pycountry, stdnum, rapidfuzz), never an edge
(readers, writers, kanbert, journal, sandbox), a use case or the CLI.
"""
