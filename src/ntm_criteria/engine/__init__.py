"""The rules engine: resolve a set for a zone and year, evaluate, explain."""
