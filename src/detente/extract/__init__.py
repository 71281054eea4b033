"""extract stage of the detente pipeline."""
