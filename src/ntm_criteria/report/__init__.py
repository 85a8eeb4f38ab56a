"""Reports: a self-contained HTML report, HTML fragments for notebooks, and plots."""

from ntm_criteria.report.html import evaluation_html, report_html, summary_html, write_report

__all__ = ["evaluation_html", "report_html", "summary_html", "write_report"]
