"""Time: the TIMEX3 tagger (rules, lexicon, numbers, holidays) and the ``time`` stage."""
