"""A synthetic store for the serve tests and the API benchmark: a year of USA-RUS news.

Every article's text is built from its own event, quote and deadline sentences, so every span
slices to its stated text. The storyline is invented to have a shape (a thaw, a low with an
ultimatum, a rebound), not taken from any real article.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from detente.model import (
    Actor,
    Article,
    Deadline,
    Event,
    EventDate,
    Location,
    Mention,
    Quote,
    Record,
    Span,
    Speaker,
    Timex,
)
from detente.store.db import Store

__all__ = ["PLACES", "XSS", "fill_store", "placed_records", "synthetic_records"]

XSS = "<script>window.__xss=1</script>"

USA = Actor("Washington", name="United States", code="USAGOV", country="USA", sector="GOV")
RUS = Actor("Moscow", name="Russia", code="RUSGOV", country="RUS", sector="GOV")
UKR = Actor("Kyiv", name="Ukraine", code="UKRGOV", country="UKR", sector="GOV")
IND = Actor("New Delhi", name="India", code="INDGOV", country="IND", sector="GOV")
ENVOY = Actor("the US envoy", name="US envoy", code="USAGOV", country="USA", sector="GOV",
              id="us-envoy")

# (category, cameo, goldstein, quad class, channel, verb phrase)
_COOP = [
    ("CONSULT", "040", 1.0, 1, "public", "held talks with"),
    ("AGREE", "057", 8.0, 1, "public", "signed an agreement with"),
    ("CONSULT", "043", 2.8, 1, "private", "sent an envoy to meet"),
    ("COOPERATE", "061", 6.4, 2, "private", "opened a back channel with"),
]
_CONFLICT = [
    ("THREATEN", "172", -5.0, 3, "public", "threatened sanctions against"),
    ("SANCTION", "163", -8.0, 4, "public", "imposed sanctions on"),
    ("ACCUSE", "112", -2.0, 3, "public", "accused"),
    ("MOBILIZE", "154", -7.2, 4, "public", "moved submarines closer to"),
]


def _mood(day: date) -> float:
    """The invented storyline: cooperation in February, a low in early August, a rebound."""
    if date(2025, 2, 1) <= day < date(2025, 3, 15):
        return 0.95
    if date(2025, 7, 14) <= day < date(2025, 8, 11):
        return 0.0
    if date(2025, 8, 11) <= day < date(2025, 9, 1):
        return 1.0
    return 0.6


@dataclass
class _Builder:
    """Accumulates one article's text and its annotations with exact offsets."""

    text: str = ""

    def add(self, sentence: str) -> Span:
        if self.text:
            self.text += " "
        start = len(self.text)
        self.text += sentence
        return Span(start, len(self.text), sentence)


def _pair(rng: random.Random) -> tuple[Actor, Actor]:
    a, b = (USA, RUS) if rng.random() < 0.55 else (RUS, USA)
    if rng.random() < 0.15:
        b = UKR if a.country != "UKR" else USA
    if rng.random() < 0.05:
        a, b = USA, IND
    return a, b


def synthetic_records(weeks: int = 46, *, events_per_week: int = 4, seed: int = 7,
                      xss: bool = True) -> list[Record]:
    """One article per week from 2025-01-06 with events, a quote each, two deadlines and
    (``xss``) one article whose title and text carry a script tag."""
    rng = random.Random(seed)
    records: list[Record] = []
    start = date(2025, 1, 6)
    for week in range(weeks):
        day = start + timedelta(weeks=week)
        b = _Builder()
        events: list[Event] = []
        mentions: list[Mention] = []
        for k in range(events_per_week):
            src, tgt = _pair(rng)
            if src is USA and rng.random() < 0.3:
                src = ENVOY
            table = _COOP if rng.random() < _mood(day) else _CONFLICT
            cat, cameo, gold, quad, channel, verb = rng.choice(table)
            lead = f"On {day.isoformat()}, {src.text}"
            tail = f" {XSS}" if xss and week == 5 and k == 0 else ""
            span = b.add(f"{lead} {verb} {tgt.text} over the war in week {week}{tail}.")
            trig_start = span.start + len(lead) + 1
            trigger = Span(trig_start, trig_start + len(verb), verb)
            mentions.append(Mention(span.start + len(lead) - len(src.text),
                                    span.start + len(lead), src.text, src))
            ev_day = day + timedelta(days=k % 5)
            events.append(Event(
                id=f"ev-{week:02d}-{k}", source=src, target=tgt, category=cat, mode=None,
                cameo=cameo, goldstein=gold, quad_class=quad,
                date=EventDate(ev_day.isoformat(), "day", day.isoformat()),
                modality="threatened" if cat == "THREATEN" else "asserted", negated=False,
                channel=channel, evidence=span, trigger=trigger,
                confidence=round(0.6 + 0.4 * rng.random(), 2),
            ))
        anonymous = week % 3 == 0
        speaker_text = "a person familiar with the talks" if anonymous else "Professor Ada Byrne"
        opening = XSS if xss and week == 5 else "The channel"
        quote_text = f"\u201c{opening} is still open in week {week},\u201d"
        qspan = b.add(f"{quote_text} said {speaker_text}.")
        cue = Span(qspan.start + len(quote_text) + 1, qspan.start + len(quote_text) + 5, "said")
        sp_start = cue.end + 1
        quotes = [Quote(
            qspan.start, qspan.start + len(quote_text), quote_text, "direct", cue,
            Speaker(sp_start, sp_start + len(speaker_text), speaker_text,
                    None if anonymous else Actor(speaker_text, name="Ada Byrne",
                                                 code="USAEDU", country="USA", sector="EDU"),
                    None if anonymous else "professor of international affairs", anonymous),
        )]
        tspan = b.add(f"The talks resume on {day.isoformat()}.")
        tstart = tspan.start + len("The talks resume on ")
        timexes = [Timex(tstart, tstart + 10, day.isoformat(), "DATE", day.isoformat())]
        deadlines: list[Deadline] = []
        if day == date(2025, 7, 14):
            ds = b.add("The president gave Moscow 50 days to agree to a ceasefire or face "
                       "tariffs.")
            deadlines.append(Deadline("dl-50", USA, RUS, "agree to a ceasefire", "2025-07-14",
                                      "P50D", "2025-09-02", None, "running", ds,
                                      threat="secondary tariffs"))
        if day == date(2025, 7, 28):
            ds = b.add("The president cut the deadline to ten days, ending on 2025-08-08.")
            deadlines.append(Deadline("dl-10", USA, RUS, "agree to a ceasefire", "2025-07-28",
                                      "P10D", "2025-08-08", "dl-50", "running", ds,
                                      threat="secondary tariffs"))
        if day == date(2025, 11, 10):
            ds = b.add("Washington gave Kyiv until 2025-12-15 to answer the peace plan.")
            deadlines.append(Deadline("dl-plan", USA, UKR, "answer the peace plan",
                                      "2025-11-10", None, "2025-12-15", None, "running", ds))
        title = f"Week {week}: Washington and Moscow"
        url = f"https://news.example/{week}"
        if xss and week == 5:
            b.add(f"An odd line {XSS} appears here.")
            title = f"Odd headline {XSS}"
            url = "javascript:window.__xss=1"
        article = Article(
            id=hashlib.sha256(b.text.encode()).hexdigest()[:16], url=url,
            title=title, outlet="Example Wire" if week % 2 else "Sample Post", author=None,
            published=day.isoformat(), dateline=None, language="en", text=b.text,
            input=f"synthetic:{week}",
        )
        records.append(Record(article=article, mentions=mentions, events=events, quotes=quotes,
                              timexes=timexes, deadlines=deadlines))
    return records


# (name, country, lat, lon): facts, the places the synthetic events are put at in turn;
# None leaves an event without a place.
PLACES: list[tuple[str, str, float, float] | None] = [
    ("Kharkiv", "UKR", 49.9808, 36.2527),
    ("Moscow", "RUS", 55.7522, 37.6156),
    ("Washington", "USA", 38.8951, -77.0364),
    None,
    ("Kharkiv", "UKR", 49.9808, 36.2527),
    ("Istanbul", "TUR", 41.0138, 28.9497),
]


def placed_records(weeks: int = 12) -> list[Record]:
    """Synthetic records whose events take the places of ``PLACES`` in turn."""
    records = synthetic_records(weeks, xss=False)
    n = 0
    for rec in records:
        events = []
        for e in rec.events:
            place = PLACES[n % len(PLACES)]
            n += 1
            loc = None if place is None else Location(
                name=place[0], country=place[1], admin1=None, lat=place[2], lon=place[3],
                precision="city", basis="sentence", evidence=None)
            events.append(dataclasses.replace(e, location=loc))
        rec.events = events
    return records



def fill_store(path: Path | str, **kwargs: object) -> int:
    """Write the synthetic records into the DuckDB file at ``path``; return the event count."""
    records = synthetic_records(**kwargs)  # type: ignore[arg-type]
    with Store(path) as store:
        store.add_articles([r.article for r in records])
        store.save_records(records)
    return sum(len(r.events) for r in records)
