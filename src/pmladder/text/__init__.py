"""Text: fonts and their fallbacks, the TrueType reader, scripts, and line breaking."""
