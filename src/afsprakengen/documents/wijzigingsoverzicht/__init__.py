"""The wijzigingsoverzicht, what changed between two versions of the agreements: context and default template."""
