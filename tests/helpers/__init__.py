"""Shared test helpers: small worlds, runs and checks."""
