"""Summarising measured rows: counts and rates per rule and group, headlines, the chase list."""
