"""Rendering a measurement: text, CSV, JSON and HTML summaries, charts and per-row files."""
