"""The activity overview (het bod) of one corporation for a jaarschijf: context and default template."""
