"""Context builders: pure functions from the dossier model to what each template can show."""
