"""The input edge: the files offices keep, read into the model's types.

:func:`ntm_criteria.read_assessments` reads any supported file (TOML, JSON, CSV, Excel's text
exports, XLSX) or a pandas DataFrame; :func:`ntm_criteria.read_criteria_set` a province's set,
layer or threshold-cell workbook; :func:`ntm_criteria.read_report` the sentences of a review.
Writing files is :mod:`ntm_criteria.output`'s, readable accounts and HTML
:mod:`ntm_criteria.report`'s. Modules load on first use, so that ``import ntm_criteria`` stays
fast.
"""
