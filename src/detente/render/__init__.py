"""Renderers: the report and the relations index for a terminal, as a PNG chart and as an
HTML page. They take the data :mod:`detente.analyze` builds and do no SQL."""
