"""The markdown a list field's items become; strings only, so check/ uses it without loading markdown-it."""

from __future__ import annotations


def bullet_item(item: str) -> str:
    """One item of a list field as a markdown bullet, its later lines indented to stay inside it."""
    return "- " + item.strip().replace("\n", "\n  ")
