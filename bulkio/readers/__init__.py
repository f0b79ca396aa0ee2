"""Readers: CSV, XLSX/XLSM, XLS and ODS into one table of text, source row numbers kept."""
