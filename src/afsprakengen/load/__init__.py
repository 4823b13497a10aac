"""Loading: find the dossier's files, read each YAML file with the position of every value, and its Git origin."""
