"""Maintenance commands of the course (not imported by the notebooks)."""
