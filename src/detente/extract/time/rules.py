"""The patterns of the temporal tagger and the functions that normalize what they match.

Each :class:`Rule` pairs a regular expression (built from the lexicon's word lists, so the
knowledge stays in ``data/time/lexicon.yaml``) with a handler that turns a match into a
TIMEX3 ``(type, value)`` or rejects it (None). Handlers resolve relative expressions
against :attr:`Context.ref` (the publication date), asking :meth:`Context.tense` only when
the direction matters (a bare "February" or "Tuesday").
"""

from __future__ import annotations

import re
from datetime import date

from detente.extract.time.anchors import all_words, first_words, last_words, rule_anchor
from detente.extract.time.context import Context, Handler, Rule, Tagged
from detente.extract.time.heads import guarded
from detente.extract.time.holidays import HolidayResolver
from detente.extract.time.lexicon import TimeLexicon
from detente.extract.time.numbers import NumberReader, alternation
from detente.timeml import (
    add_months,
    fmt,
    iso_date,
    pick_weekday,
    pick_year,
    shift,
)

__all__ = ["Context", "Grammar", "Rule", "Tagged"]

_YEAR = r"(?<![\d$.,#-])(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|\s+percent)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)(?![.,:]\d)"
_APPROX = (
    r"(?:about|around|approximately|nearly|almost|roughly|some|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|up\s+to|over|no\s+more\s+than|well\s+over|"
    r"close\s+to|barely)"
)
_MODS = r"(?:early|mid|late|the\s+(?:beginning|start|end|middle)\s+of)"
_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                  "fourth": 4, "4th": 4}
# "quarterly" left out: in news it is nearly always "quarterly earnings", not a SET.
_SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
              "annually": "P1Y", "hourly": "PT1H", "nightly": "P1D",
              "biweekly": "P2W", "semiannually": "P6M"}
_GRAN = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
# Words before "May"/"March" that make them months rather than a modal or a verb.
_MONTH_CUES = re.compile(
    r"(?:in|of|since|until|till|by|early|mid|late|last|this|next|through|from|to|and|or|"
    r"during|before|after|between|each|every|end|beginning|-)\W*$", re.I)
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PLURAL_PREFIX = re.compile(r"(?:\bfor|\bover|\bwithin|\bafter|\btook|\blast(?:ed)?)\s+$", re.I)
_SET_PREFIX = re.compile(r"(?:\d|percent|once|twice|times|cents?|dollars?|\bper)\W*$", re.I)


# "a March meeting", "the March talks": capitalized "March" after an article and before
# a noun is the month (a protest march is lowercase, and "the March on Rome" is followed
# by a preposition). Not "May", which is also a name ("the May government").
_MARCH_BEFORE = re.compile(r"\b(?:a|the)\s+$", re.I)
_MARCH_AFTER = re.compile(r"\s+(?!on\b|to\b|through\b|against\b|for\b|of\b|in\b|from\b)"
                          r"[a-z][a-z-]+")


def _march_modifier(m: re.Match[str], text: str) -> bool:
    start, end = m.start("mon"), m.end("mon")
    return (text[start:end] == "March" and bool(_MARCH_BEFORE.search(text[max(0, start - 6):start]))
            and bool(_MARCH_AFTER.match(text, end)))


def _year(raw: str) -> int:
    return int(raw)


def _quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


class Grammar:
    """All rules, compiled once from a lexicon."""

    def __init__(self, lex: TimeLexicon) -> None:
        self.lex = lex
        self.numbers = NumberReader(lex)
        self.holidays = HolidayResolver(lex)
        month_any = alternation(lex.months, abbrev=True)
        month_full_list = [k for k in lex.months if len(k) > 4] + ["march", "may", "june",
                                                                   "july", "sept"]
        month_full = alternation(month_full_list)
        wd_any = alternation(lex.weekdays, abbrev=True)
        wd_full_list = [k for k in lex.weekdays if k.endswith("day")]
        wd_full = alternation(wd_full_list)
        num = self.numbers.pattern
        unit = self.numbers.unit_pattern
        season = alternation(lex.seasons)
        pod = alternation(lex.parts_of_day)
        refs = alternation(lex.vague_refs)
        hol = self.holidays.pattern
        sets = alternation(_SET_WORDS)
        y = _YEAR
        r = self._rule
        # Anchors (anchors.py): words every match holds, from the same lists as the patterns.
        months, units = first_words(lex.months), first_words(self.numbers.unit_words)
        every_tail = first_words([*self.numbers.unit_words, *wd_full_list, *month_full_list])
        self.rules: list[Rule] = [
            r("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b", self._iso, digits=True),
            r("slash", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)\b",
              self._iso, digits=True),
            r("month_day", rf"(?:(?P<wd>{wd_any}),?\s+)?(?P<mon>{month_any})\s+(?P<d>{_DAY})"
              rf"(?:,?\s+(?P<y>{y}))?", self._date, words=months),
            r("day_month", rf"(?:(?P<wd>{wd_any}),?\s+)?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+"
              rf"(?P<mon>{month_any})(?:,?\s+(?P<y>{y}))?", self._date,
              prefixes=tuple(months or ())),
            r("month_year", rf"(?:{_MODS}[-\s]+)?(?P<mon>{month_any}),?\s+(?:of\s+)?(?P<y>{y})",
              self._month, words=months),
            r("month", rf"(?:{_MODS}[-\s]*|(?P<rel>last|this|next|past|coming)\s+)?"
              rf"(?P<mon>{month_full})\b", self._month,
              suffixes=tuple(all_words(month_full_list) or ())),
            r("year", rf"(?:(?:{_MODS}|the\s+year|(?:the\s+)?(?:fiscal|calendar|financial)"
              rf"(?:\s+year)?|mid-?year|the\s+end\s+of)[-\s]+)?(?P<y>{y})\b(?!-(?:year|old))",
              self._year, digits=True),
            r("decade", r"(?:(?:the\s+)?(?:early|mid|late)[-\s]+)?(?:(?P<dec>(?:1[5-9]|20)\d0)|"
              r"'(?P<short>\d0))'?s\b", self._decade, digits=True, lead="'"),
            r("century", rf"(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{alternation(lex.ordinals)})[-\s]+"
              r"century", self._century, prefixes=("century",)),
            r("quarter", rf"(?:the\s+)?(?:(?P<ago>year-ago|year-earlier|year-before|"
              rf"comparable(?:\s+year-ago)?)\s+)?(?:(?P<y>{y})(?:'s)?\s+|(?P<rel>this|last|next)\s+"
              r"year's\s+)?(?:(?:fiscal|calendar)\s+)?(?P<q>first|second|third|fourth|1st|2nd|"
              r"3rd|4th)[-\s]+(?:(?:fiscal|calendar)[-\s]+)?(?P<h>quarter|half)(?:\s+of\s+"
              rf"(?:(?:fiscal|calendar)\s+)?(?:(?P<y2>{y})|(?P<rel2>this|last|next)\s+year))?",
              self._quarter, prefixes=("quarter", "half")),
            r("year_period", rf"(?:the\s+)?(?P<y>{y})\s+(?:quarter|period)\b|"
              r"(?P<adj>year-(?:earlier|ago))\b", self._year_period,
              words=frozenset({"quarter", "period", "earlier", "ago"})),
            r("month_rel_year", rf"(?P<mon>{month_any})\s+(?P<rel>last|this|next)\s+year\b",
              self._month_rel_year, words=months),
            r("period", r"(?:the\s+)?(?:(?P<which>latest|current|most\s+recent|recent|last|"
              r"previous|prior|year-ago|year-earlier|year-before|same|comparable|past|next)"
              r"\s+(?:fiscal\s+)?(?:three-month\s+)?(?P<u>quarter|period)|(?P<bare>quarter))\b",
              self._period, words=frozenset({"quarter", "period"})),
            r("season", rf"(?:(?:early|late|mid)[-\s]+)?(?:(?:(?P<rel>last|this|next|past|coming)"
              rf"\s+(?P<s>{season}))|(?:the\s+)?(?P<s2>{season})\s+(?:of\s+)?(?P<y>{y}))",
              self._season, prefixes=tuple(first_words(lex.seasons) or ())),
            r("day_word", rf"(?:(?P<mod>early|late)\s+)?(?P<w>today|yesterday|tomorrow|tonight|"
              r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:'s)?"
              rf"(?:\s+(?P<pod>{pod}))?", self._day_word,
              prefixes=("today", "yesterday", "tomorrow", "tonight")),
            r("pod", rf"(?P<rel>this|last|early\s+this|late\s+this)\s+(?P<pod>{pod})\b",
              self._pod, words=first_words(lex.parts_of_day)),
            r("weekday", rf"(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<wd>{wd_full})"
              rf"(?:\s+(?P<pod>{pod}))?\b", self._weekday, words=first_words(wd_full_list)),
            r("weekend", r"(?:(?P<rel>this|last|next|coming|past|the)\s+)weekend\b",
              self._weekend, words=frozenset({"weekend"})),
            r("relative", r"(?:(?P<mod>early|late|mid|earlier|later|the\s+(?:beginning|start|"
              r"end|middle|rest|remainder)\s+of)[-\s]+)?(?:the\s+)?(?P<rel>last|this|next|past|"
              r"previous|current|coming)\s+(?P<u>week|month|year|decade|century)\b",
              self._relative,
              words=frozenset({"week", "month", "year", "decade", "century"})),
            r("end_of", r"(?:the\s+)?(?P<which>end|beginning|start|middle)\s+of\s+the\s+"
              r"(?P<u>week|month|year|decade)\b|(?P<ye>year|month)[-\s]end\b", self._end_of,
              words=frozenset({"week", "month", "year", "decade", "end"})),
            r("ago", rf"(?:{_APPROX}\s+)?(?:(?P<n>{num})\s+)?(?P<u>{unit})\s+"
              r"(?P<dir>ago|earlier|later|from\s+now|hence)\b", self._ago,
              words=frozenset({"ago", "earlier", "later", "from", "hence"})),
            r("duration", rf"(?:(?P<the>the)\s+)?(?:(?P<rel>last|past|next|coming|first|final|"
              r"previous|initial|remaining|following|preceding|latest)\s+)?(?:"
              rf"{_APPROX}\s+)?(?P<n>{num})[-\s]+(?P<u>{unit})(?:-long)?\b(?![-\s]+old\b)",
              self._duration, words=units),
            r("plural", rf"(?:{_APPROX}\s+)?\b(?P<u>hours|days|weeks|months|years|decades)\b"
              r"(?!\s+(?:of|ago|earlier|later))", self._plural,
              words=frozenset({"hours", "days", "weeks", "months", "years", "decades"})),
            r("set_word", rf"\b(?P<w>{sets})\b", self._set_word, words=first_words(_SET_WORDS)),
            r("set_every", rf"(?:(?P<times>once|twice|{num}\s+times)\s+(?:a|an|per|every)|"
              rf"every|each|per)\s+(?:other\s+)?(?:(?P<n>{num})\s+)?(?:(?P<u>{unit})|"
              rf"(?P<wd>{wd_full})|(?P<mon>{month_full}))\b", self._set_every, words=every_tail),
            r("ref", rf"\b(?P<w>{refs})\b", self._ref, words=last_words(lex.vague_refs)),
            r("holiday", rf"\b(?P<h>{hol})\b(?:,?\s+(?P<y>{y}))?", self._holiday,
              words=last_words(self.holidays.names)),
            r("clock", r"(?:\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|"
              r"[ap]m\b)(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET))?"
              r"|\b(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)\s+(?:EST|EDT|GMT|UTC|local\s+time)"
              rf"|\b(?P<noon>noon|midnight)\b)(?:\s+(?:on\s+)?(?P<wd>{wd_full}|today|tomorrow|"
              r"yesterday)\b)?", self._clock, words=frozenset({"noon", "midnight"}),
              digits=True),
        ]

    @staticmethod
    def _rule(name: str, pattern: str, handler: Handler, *, words: frozenset[str] | None = None,
              prefixes: tuple[str, ...] = (), suffixes: tuple[str, ...] = (),
              digits: bool = False, lead: str = "") -> Rule:
        # Matches start at a word start: "(?<!\w)" spares the engine trying the big
        # alternations inside words (halves tagging time, bench/bench_time.py), and a
        # lookahead of the characters a match can start with spares it most word starts
        # (2.9 -> 2.0 CPU s over 300 giveme5w1h articles; the same matches: heads.py).
        # The anchor (words, prefixes, suffixes, digits, lead: anchors.py) spares it every
        # word start not at or just before a word the match must hold (2.6 -> 0.5 CPU s).
        full = rf"(?<!\w)(?:{pattern})"
        anchor = rule_anchor(full, re.IGNORECASE, words=words, prefixes=prefixes,
                             suffixes=suffixes, digits=digits, lead=lead)
        return Rule(name, guarded(full, re.IGNORECASE), handler, anchor)

    # --- absolute dates -----------------------------------------------------------------

    def _iso(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        year = int(m["y"]) if len(m["y"]) == 4 else 1900 + int(m["y"])
        try:
            return "DATE", date(year, int(m["m"]), int(m["d"])).isoformat()
        except ValueError:
            return None

    def _month_num(self, m: re.Match[str]) -> int | None:
        word = m["mon"]
        if not word[0].isupper():
            return None
        return self.lex.months.get(word.rstrip(".").lower())

    def _date(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        month = self._month_num(m)
        if month is None:
            return None
        day = int(re.sub(r"\D", "", m["d"]))
        if m["y"]:
            year: int | None = _year(m["y"])
        elif ctx.ref is not None:
            year = pick_year(ctx.ref, month, day, ctx.tense(m))
        else:
            return "DATE", None
        try:
            return "DATE", date(year or 1, month, day).isoformat()
        except ValueError:
            return None

    def _month(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        month = self._month_num(m)
        if month is None:
            return None
        word = m["mon"].lower()
        start = m.start("mon")
        year_text = m.groupdict().get("y")
        # "may" the modal and "march" the verb: a month only after a date-ish word.
        if (word in ("may", "march") and start == m.start() and not year_text
                and not _MONTH_CUES.search(ctx.text[max(0, start - 20):start])
                and not _march_modifier(m, ctx.text)):
            return None
        if year_text:
            return "DATE", f"{_year(year_text):04d}-{month:02d}"
        if ctx.ref is None:
            return "DATE", None
        rel = (m.groupdict().get("rel") or "").lower()
        ref = ctx.ref
        if rel == "last" or rel == "past":
            year = ref.year if month < ref.month else ref.year - 1
        elif rel in ("next", "coming"):
            year = ref.year if month > ref.month else ref.year + 1
        elif rel == "this":
            year = ref.year
        else:
            year = pick_year(ref, month, None, ctx.tense(m))
        return "DATE", f"{year:04d}-{month:02d}"

    def _year(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        year = _year(m["y"])
        whole = m.group(0).lower()
        if whole == m["y"]:
            # A bare number is a year only when nothing says it counts something.
            before = ctx.text[max(0, m.start() - 12):m.start()].lower()
            after = ctx.text[m.end():m.end() + 15]
            if re.search(r"(?:no\.|number|#|\$|page|flight|route)\s*$", before):
                return None
            if re.match(r"\s*(?:to\s+\d|-\s*\d)", after) or re.search(
                    r"(?:about|some|than|nearly|almost|over|around|\d)\s+$", before):
                return None
            next_word = re.match(r"\s+([a-z]+)", after)
            if next_word and next_word.group(1) in self.lex.counted_nouns:
                return None
        if "mid-year" in whole or "midyear" in whole:
            return "DATE", f"{year:04d}-06"
        return "DATE", f"{year:04d}"

    def _decade(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        if m["dec"]:
            return "DATE", f"{m['dec'][:3]}X"
        short = int(m["short"])
        century = 19
        if ctx.ref is not None and short <= ctx.ref.year % 100 and ctx.ref.year >= 2000:
            century = 20
        return "DATE", f"{century}{short // 10}X"

    def _century(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        raw = m["n"].lower()
        n = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else self.lex.ordinals.get(raw, 0)
        if n < 1:
            return None
        return "DATE", f"{n - 1:02d}"

    def _quarter(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        n = _QUARTER_WORDS[m["q"].lower()]
        half = m["h"].lower() == "half"
        if half and n > 2:
            return None
        year: int | None = None
        if m["y"] or m["y2"]:
            year = _year(m["y"] or m["y2"])
        elif ctx.ref is not None:
            rel = (m["rel"] or m["rel2"] or "").lower()
            year = ctx.ref.year + {"last": -1, "next": 1}.get(rel, 0)
            first_month = (n - 1) * (6 if half else 3) + 1
            if not rel and first_month > ctx.ref.month and ctx.tense(m) != "future":
                year -= 1
            if m["ago"]:
                year -= 1
        if year is None:
            return "DATE", None
        return "DATE", f"{year:04d}-{'H' if half else 'Q'}{n}"

    def _period(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        which = re.sub(r"\s+", " ", (m["which"] or "").lower())
        if m["bare"]:
            if not m.group(0).lower().startswith("the"):
                return None
            which = "the"
        if m["u"] and m["u"].lower() == "period" and which in ("same", "past", "next"):
            return None
        if ctx.ref is None:
            return "DATE", None
        anchor = _anchor_quarter(ctx, m)
        named = _named_quarter(ctx)
        base = named or add_months(ctx.ref, -3)
        if which in ("current",):
            base = ctx.ref
        elif which == "next":
            base = add_months(ctx.ref, 3)
        elif which in ("previous", "prior", "last", "past") and anchor:
            base = add_months(anchor, -3)
        elif which.startswith("year-") or which == "comparable":
            base = add_months(base, -12)
        return "DATE", fmt(base, "quarter")

    def _year_period(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        """"the 1988 quarter" (the named quarter's number in that year), "year-earlier"."""
        if ctx.ref is None:
            return "DATE", None
        named = _named_quarter(ctx) or add_months(ctx.ref, -3)
        if m["adj"]:
            return "DATE", fmt(add_months(named, -12), "quarter")
        return "DATE", f"{_year(m['y']):04d}-Q{_quarter_of(named)}"

    def _month_rel_year(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        month = self._month_num(m)
        if month is None:
            return None
        if ctx.ref is None:
            return "DATE", None
        year = ctx.ref.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
        return "DATE", f"{year:04d}-{month:02d}"

    def _season(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        code = self.lex.seasons[(m["s"] or m["s2"]).lower()]
        if m["y"]:
            return "DATE", f"{_year(m['y']):04d}-{code}"
        if ctx.ref is None:
            return "DATE", None
        rel = (m["rel"] or "").lower()
        year = ctx.ref.year
        started = _SEASON_MONTH[code] <= ctx.ref.month
        if rel in ("last", "past") and not (started and _SEASON_MONTH[code] + 3 <= ctx.ref.month):
            year -= 1
        elif rel in ("next", "coming") and started:
            year += 1
        return "DATE", f"{year:04d}-{code}"

    # --- the publication day and its neighbours -------------------------------------------

    def _day_word(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        word = re.sub(r"\s+", " ", m["w"].lower())
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                  "the day before yesterday": -2, "the day after tomorrow": 2}[word]
        pod = self.lex.parts_of_day.get((m["pod"] or "").lower())
        if word == "tonight":
            pod = "NI"
        if ctx.ref is None:
            return ("TIME" if pod else "DATE"), None
        day = shift(ctx.ref, offset, "D").isoformat()
        return ("TIME", f"{day}T{pod}") if pod else ("DATE", day)

    def _pod(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        pod = self.lex.parts_of_day[m["pod"].lower()]
        rel = m["rel"].lower()
        if rel == "last" and pod != "NI":
            return None
        if ctx.ref is None:
            return "TIME", None
        day = shift(ctx.ref, -1 if rel == "last" else 0, "D")
        return "TIME", f"{day.isoformat()}T{pod}"

    def _weekday(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        word = m["wd"]
        if not word[0].isupper():
            return None
        # "Friday night": TimeBank mostly types it DATE (12 DATE vs 7 TIME on
        # tempeval3_train) but writes the part of day into the value ("...-05TNI").
        pod = self.lex.parts_of_day.get((m["pod"] or "").lower())
        kind = "DATE"
        if ctx.ref is None:
            return kind, None
        rel = (m["rel"] or "").lower()
        modifier = {"last": "last", "past": "last", "next": "next", "coming": "next",
                    "this": "this"}.get(rel)
        day = pick_weekday(ctx.ref, self.lex.weekdays[word.lower()],
                           None if modifier else ctx.tense(m), modifier)
        return kind, day.isoformat() + (f"T{pod}" if pod else "")

    def _weekend(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        if ctx.ref is None:
            return "DATE", None
        rel = m["rel"].lower()
        weeks = {"last": -1, "past": -1, "next": 1}.get(rel, 0)
        if rel == "the" and ctx.tense(m) == "past" and ctx.ref.isoweekday() < 6:
            weeks = -1
        return "DATE", fmt(shift(ctx.ref, weeks, "W"), "weekend")

    def _relative(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        rel = m["rel"].lower()
        unit = m["u"].lower()
        if rel == "past" and unit in ("decade", "century"):
            return "DURATION", "P10Y" if unit == "decade" else "P100Y"
        if ctx.ref is None:
            return "DATE", None
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        quarter = _anchor_quarter(ctx, m)
        if unit == "year" and step == -1 and not m["mod"] and quarter is not None:
            # "earnings of $3 million last year" beside a quarter's results: that quarter
            # a year before (TimeBank's reading of year-ago comparisons).
            return "DATE", fmt(add_months(quarter, -12), "quarter")
        letter = {"week": "W", "month": "M", "year": "Y", "decade": "Y", "century": "Y"}[unit]
        factor = {"decade": 10, "century": 100}.get(unit, 1)
        return "DATE", fmt(shift(ctx.ref, step * factor, letter), unit)

    def _end_of(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        if ctx.ref is None:
            return "DATE", None
        if m["ye"] and m["ye"].lower() == "year":
            return "DATE", f"{ctx.ref.year:04d}-12-31"
        unit = (m["u"] or m["ye"]).lower()
        return "DATE", fmt(ctx.ref, unit)

    # --- durations, relative offsets, sets ------------------------------------------------

    def _ago(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        unit = self.numbers.unit(m["u"])
        if unit is None:
            return None
        amount = self.numbers.read(m["n"]) if m["n"] else None
        direction = -1 if m["dir"].lower() in ("ago", "earlier") else 1
        if amount is None:
            plural = m["u"].lower().endswith("s") or m["u"].lower().endswith("ia")
            if not plural and not m["n"]:
                return None
            return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
        anchor = ctx.ref
        if m["dir"].lower() != "ago":
            anchor = iso_date(ctx.anchor) or ctx.ref
        if anchor is None:
            return "DATE", None
        n = round(amount * unit.factor)
        if unit.time:
            return "DATE", anchor.isoformat()
        quarter = _anchor_quarter(ctx, m)
        if unit.letter == "Y" and quarter is not None:
            return "DATE", fmt(shift(quarter, direction * n, "Y"), "quarter")
        return "DATE", fmt(shift(anchor, direction * n, unit.letter), _GRAN[unit.letter])

    def _duration(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        unit = self.numbers.unit(m["u"])
        if unit is None:
            return None
        n_text = m["n"].lower()
        if n_text in ("a", "an") and m["u"].lower() == "second":
            return None
        if re.fullmatch(r"1[6-9]\d\d|20\d\d", n_text):
            return None  # "the 1988 quarter" is a date, not 1988 quarters
        if unit.letter == "Q" and re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
            return None  # "three-quarters of the vote" is a fraction
        amount = self.numbers.read(m["n"])
        letter = unit.letter
        t = "T" if unit.time else ""
        if amount is None:
            value = f"P{t}X{'DE' if unit.factor == 10 else letter}"
        else:
            total = amount * unit.factor
            value = f"P{t}{_num(total)}{letter}"
        if (n_text in ("a", "an", "one") and not m["the"] and not m["rel"]
                and _SET_PREFIX.search(ctx.text[max(0, m.start() - 12):m.start()])):
            return "SET", value
        return "DURATION", value

    def _plural(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        if not _PLURAL_PREFIX.search(ctx.text[max(0, m.start() - 10):m.start()]):
            return None
        unit = self.numbers.unit(m["u"])
        if unit is None:
            return None
        letter = "DE" if unit.factor == 10 else unit.letter
        return "DURATION", f"P{'T' if unit.time else ''}X{letter}"

    def _set_word(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        return "SET", _SET_WORDS[m["w"].lower()]

    def _set_every(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        if m["wd"]:
            return "SET", f"XXXX-WXX-{self.lex.weekdays[m['wd'].lower()]}"
        if m["mon"]:
            month = self.lex.months.get(m["mon"].rstrip(".").lower())
            return ("SET", f"XXXX-{month:02d}") if month else None
        unit = self.numbers.unit(m["u"] or "")
        if unit is None:
            return None
        amount = (self.numbers.read(m["n"]) if m["n"] else 1) or 1
        t = "T" if unit.time else ""
        return "SET", f"P{t}{_num(amount * unit.factor)}{unit.letter}"

    def _ref(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        return "DATE", self.lex.vague_refs[re.sub(r"\s+", " ", m["w"].lower())]

    def _holiday(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        name = re.sub(r"\s+", " ", m["h"].lower())
        if not m["h"][0].isupper():
            return None
        year = _year(m["y"]) if m["y"] else None
        if year is None and ctx.ref is None:
            return "DATE", None
        return "DATE", self.holidays.resolve(name, year, ctx.ref, ctx.tense(m)).isoformat()

    def _clock(self, m: re.Match[str], ctx: Context) -> Tagged | None:
        if m["noon"]:
            hour, minute = (12, 0) if m["noon"].lower() == "noon" else (24, 0)
        else:
            hour = int(m["h"] or m["h2"])
            minute = int(m["mi"] or m["mi2"] or 0)
            ap = (m["ap"] or "").lower()
            if ap.startswith("p") and hour < 12:
                hour += 12
            elif ap.startswith("a") and hour == 12:
                hour = 0
        day = iso_date(ctx.anchor) if ctx.anchor_end >= m.start() - 40 else None
        day = day or ctx.ref
        word = (m["wd"] or "").lower()
        if word and ctx.ref is not None:
            if word in self.lex.weekdays:
                day = pick_weekday(ctx.ref, self.lex.weekdays[word], ctx.tense(m))
            else:
                day = shift(ctx.ref, {"yesterday": -1, "tomorrow": 1}.get(word, 0), "D")
        if day is None:
            return "TIME", None
        return "TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _named_quarter(ctx: Context) -> date | None:
    """The first day of the last quarter the text named outright, if any."""
    if ctx.quarter and re.fullmatch(r"\d{4}-Q[1-4]", ctx.quarter):
        return date(int(ctx.quarter[:4]), (int(ctx.quarter[-1]) - 1) * 3 + 1, 1)
    return None


def _anchor_quarter(ctx: Context, m: re.Match[str]) -> date | None:
    """The quarter named by the previous DATE when it is close (about two sentences)."""
    # 300 characters: about two news sentences; a quarter named further back rarely
    # anchors a "year-ago" comparison.
    if m.start() - ctx.anchor_end > 300:
        return None
    if ctx.anchor and re.fullmatch(r"\d{4}-Q[1-4]", ctx.anchor):
        return date(int(ctx.anchor[:4]), (int(ctx.anchor[-1]) - 1) * 3 + 1, 1)
    return None
