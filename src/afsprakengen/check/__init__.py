"""Checking: every file against its JSON Schema, then the cross-file rules, then the advice (SMART, numbers)."""
