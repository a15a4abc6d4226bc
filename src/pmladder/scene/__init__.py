"""Scenes: what a picture shows as plain data (boxes, arrows, text runs), laid out in points.

The ladder diagram and the competency radar are laid out here once; every painter draws them.
"""
