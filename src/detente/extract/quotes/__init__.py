"""Quotes: cues, quotation marks, speakers and the ``quotes`` stage."""
