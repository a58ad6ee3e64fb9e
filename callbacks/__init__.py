"""Callbacks: thin functions that parse inputs, ask data/ and call a figure builder.

Each module exposes register(app); this package registers them all.
"""
from __future__ import annotations


def register(app, store) -> None:
    """No callbacks yet: the overview is static until the indicator store lands."""
