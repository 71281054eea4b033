"""ingest stage of the detente pipeline."""
