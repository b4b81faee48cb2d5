"""Reports for people: every message of a campaign as a CSV file that Excel opens as it should.

``export_campaign_report`` (``campaign_report``) writes the messages and a summary beside them;
``excel_csv`` holds what makes a CSV file right for Excel; ``message_rows`` what one row says.
"""

from __future__ import annotations

from app.reports.campaign_report import ReportResult, export_campaign_report, suggested_report_name, summary_path_for
from app.reports.excel_csv import COMMA, SEMICOLON, ExcelStyle, excel_style_for

__all__ = [
    "COMMA",
    "SEMICOLON",
    "ExcelStyle",
    "ReportResult",
    "excel_style_for",
    "export_campaign_report",
    "suggested_report_name",
    "summary_path_for",
]
