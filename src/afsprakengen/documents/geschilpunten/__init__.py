"""The Standpunten of a dispute about the prestatieafspraken (Woningwet art. 44 lid 4): its context and template."""
