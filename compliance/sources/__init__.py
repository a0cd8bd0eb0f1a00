"""Sources: registry look-ups behind one protocol, each result carrying its provenance."""
