"""Reading and writing: the converter and the file formats built on it.

:func:`ntm_criteria.read_assessments` reads any supported file (TOML, JSON, CSV, XLSX) or a
pandas DataFrame; :mod:`~ntm_criteria.report.tables` turns results into tables;
:mod:`~ntm_criteria.io.records` carries every public object to JSON and back. Modules load on
first use, so that ``import ntm_criteria`` stays fast.
"""
