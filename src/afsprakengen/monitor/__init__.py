"""The monitor workbook: a cycle's agreements and activities out as xlsx, the realisations back into YAML."""
