"""Word output: markdown text fields as WordprocessingML, and the numbering and links they need."""
