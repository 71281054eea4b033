"""Events: the PLOVER/CAMEO coder (lexicon, frames, arguments, classifier, ontology), the
``events`` stage and the ``event_dates`` stage."""
