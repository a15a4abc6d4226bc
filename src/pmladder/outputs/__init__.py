"""Renderers, one per output (the slide chart, the handout PDF, tables), and atomic file writing."""
