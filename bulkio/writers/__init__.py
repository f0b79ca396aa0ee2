"""Writers: report, results and template workbooks, CSV and JSONL exports."""
