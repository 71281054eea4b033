"""Where events happened: an offline gazetteer and the location stage."""
