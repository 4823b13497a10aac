"""afsprakengen: checks a prestatieafspraken dossier and renders its Word documents."""

__version__ = "0.1.0"
