"""The rules engine: resolve a set for a zone and year, check an assessment, give verdicts."""
