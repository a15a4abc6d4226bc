"""The slide chart: scenes painted with matplotlib into PNG, SVG or PDF."""
