"""The output edge: results and inputs written as files and plain data.

:mod:`~ntm_criteria.output.records` carries evaluations and decisions to JSON and back
(recomputing them on reading), :mod:`~ntm_criteria.output.schema` describes those formats as
JSON Schema, :mod:`~ntm_criteria.output.tables` writes rows as CSV, XLSX or a DataFrame,
:mod:`~ntm_criteria.output.assessments` writes assessment files and
:mod:`~ntm_criteria.output.cell_template` threshold-cell workbooks and layer files. Readable
accounts and HTML are :mod:`ntm_criteria.report`'s.
"""
