"""The evaluation report of a jaarschijf: context (counts, chart, traffic lights) and default template."""
