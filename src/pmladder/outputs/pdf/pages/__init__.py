"""The handout's pages, each built from content and a render's Context."""
