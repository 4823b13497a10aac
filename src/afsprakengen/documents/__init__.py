"""Document kinds: the one table of kinds, and per kind a folder with its context builder and its default template."""
