"""The quick schema checks generated ahead by `make validators` (one module per input kind); never edited by hand."""
