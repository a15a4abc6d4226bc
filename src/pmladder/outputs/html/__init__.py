"""The web page output (pmladder html): one self-contained HTML file; imports Jinja2, never matplotlib or ReportLab."""
