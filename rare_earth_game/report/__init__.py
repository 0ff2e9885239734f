"""Turning a finished run into files, tables and charts people can read."""
