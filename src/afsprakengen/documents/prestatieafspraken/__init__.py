"""The signable prestatieafspraken of a jaarschijf with its three-year outlook: context and default template."""
