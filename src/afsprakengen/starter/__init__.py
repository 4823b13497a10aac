"""A new dossier from the user's names, and the schemas copied into a dossier for the editor."""
