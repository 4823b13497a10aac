"""The one-page calendar of the three cycles running in a year: context and default template."""
