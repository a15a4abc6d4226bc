"""The handout PDF: ReportLab documents, page parts, the scene painter and onboarding packets."""
