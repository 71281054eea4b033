"""analyze stage of the detente pipeline."""
