"""The voortgangsrapportage: the progress of the agreements of J on a peildatum, at risk first, per theme."""
