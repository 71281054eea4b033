"""serve stage of the detente pipeline."""
