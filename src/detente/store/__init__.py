"""store stage of the detente pipeline."""
