"""Drafting a mapping for a spreadsheet bulkio does not know: header synonyms (German and
English), fuzzy header matching, a look at the values, and a commented YAML draft."""
