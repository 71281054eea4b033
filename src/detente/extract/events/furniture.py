"""Page furniture that news pages leave in an article's text and that is no part of its
story: lists of other stories' headlines ("MOST READ IN NEWS ...", "Related stories ...",
"READ MORE: <another headline>") and numbered photo galleries ("1/34 30 November 2017 A
supporter of ..."). Their lines yield no events: an event coded from another story's
headline is not an event of this article (real_dev's GUIDELINES §3 leaves "Read more" and
related-story headlines uncoded; the article's own captions are coded, and stay)."""

from __future__ import annotations

import re

__all__ = ["furniture_ranges"]

# A line that opens with the label of a list of other stories. The list follows the label on
# the same line ("MOST READ IN NEWS 'I'M MADDIE!' Student jokes ...", "Related stories OH
# NO, MO Moeen Ali doubt ..."), or the label carries one other story's headline ("READ MORE:
# Second kidnapped schoolgirl found by army"). Labels only in the forms pages print them
# (capitalised, most with a colon), so that a sentence opening with "Recommended" or "More
# from" is not taken for one. A bare "Read more" with no colon (a link under a paragraph)
# is not a label: the story goes on after it.
_LIST_LABEL = re.compile(
    r"^(?:MOST READ|Most Read|MOST POPULAR|Most Popular|MOST VIEWED|Most Viewed)\b"
    r"|^(?:RELATED|Related) (?:STORIES|Stories|stories|ARTICLES|Articles|articles|COVERAGE"
    r"|Coverage|coverage|CONTENT|Content|content|LINKS|Links|links|NEWS|News)\b"
    r"|^(?:READ MORE|Read [Mm]ore|ALSO READ|Also [Rr]ead|SEE ALSO|See [Aa]lso|MORE|More"
    r"|RELATED|Related|WATCH|Watch|TOP STORIES|Top [Ss]tories|YOU MAY ALSO LIKE"
    r"|You [Mm]ay [Aa]lso [Ll]ike|RECOMMENDED|Recommended)\s*:\s*\S"
)
# A label alone on its line ("Read more:"): the short lines right after it are headlines of
# other stories (at most this many, each of at most ``_HEADLINE_WORDS`` words).
_LABEL_ALONE = re.compile(
    r"^(?:READ MORE|Read [Mm]ore|ALSO READ|Also [Rr]ead|RELATED|Related"
    r"|(?:RELATED|Related) (?:STORIES|Stories|stories|ARTICLES|Articles|articles)"
    r"|MOST READ|Most [Rr]ead)\s*:\s*$"
)
_HEADLINES_AFTER_LABEL = 4
_HEADLINE_WORDS = 20
# A numbered photo in a gallery: "1/34 ", "12/34 ". One such line may be a numbered tweet
# ("1/2 Today we ..."); a gallery is a run of them with one total, at least this long.
_COUNTER = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})\s")
_MIN_GALLERY = 3


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines of ``text`` that are page furniture: lists of other
    stories' headlines and the numbered captions of a photo gallery."""
    lines: list[tuple[int, str]] = []
    start = 0
    for line in text.split("\n"):
        lines.append((start, line))
        start += len(line) + 1
    out: list[tuple[int, int]] = []
    totals: dict[str, int] = {}
    for _, line in lines:
        m = _COUNTER.match(line.strip())
        if m and int(m.group(1)) <= int(m.group(2)):
            totals[m.group(2)] = totals.get(m.group(2), 0) + 1
    after_label = 0
    for begin, line in lines:
        s = line.strip()
        counter = _COUNTER.match(s)
        if _LIST_LABEL.search(s) or (counter and totals.get(counter.group(2), 0) >= _MIN_GALLERY
                                     and int(counter.group(1)) <= int(counter.group(2))):
            out.append((begin, begin + len(line)))
            after_label = 0
        elif _LABEL_ALONE.search(s):
            out.append((begin, begin + len(line)))
            after_label = _HEADLINES_AFTER_LABEL
        elif after_label and s:
            if len(s.split()) > _HEADLINE_WORDS:
                after_label = 0
                continue
            out.append((begin, begin + len(line)))
            after_label -= 1
    return out
