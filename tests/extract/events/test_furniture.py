"""Page furniture yields no events: lists of other stories' headlines and numbered photo
galleries. Texts written for these tests."""

from __future__ import annotations

import pytest

from detente.config import ExtractOptions
from detente.extract.events.furniture import furniture_ranges
from detente.extract.pipeline import Pipeline
from detente.model import Article

_STORY = ("Finland's foreign minister met her Swedish counterpart in Helsinki on Monday to "
          "discuss border security.")


def _lines(text: str) -> list[str]:
    return [text[a:b] for a, b in furniture_ranges(text)]


@pytest.mark.parametrize("line", [
    "MOST READ IN NEWS STORM WARNING Gales batter the coast as ferries are cancelled ROW "
    "ERUPTS Minister attacks rivals over school plans",
    "Most Read In Sport LATE DRAMA Striker scores in the last minute to beat the leaders",
    "Related stories HEAT IS ON Government accused of ignoring warnings TALKS FAIL Unions "
    "reject the latest offer",
    "READ MORE: Police arrest two men after protest outside parliament turns violent.",
    "Also read: Ministers clash over the budget as the deadline nears.",
])
def test_a_list_of_other_stories_is_furniture(line: str) -> None:
    assert _lines(f"{_STORY}\n{line}\n{_STORY}") == [line]


@pytest.mark.parametrize("line", [
    "Recommended changes to the law were sent to parliament by the justice minister.",
    "More from the minister's speech was published on Tuesday.",
    "Related talks between the two governments will resume in March.",
    "Read more",  # a link under a paragraph: the story goes on
    "2/3 of the members voted for the motion after the president urged them to.",
])
def test_a_story_line_that_opens_like_a_label_is_not_furniture(line: str) -> None:
    assert _lines(f"{_STORY}\n{line}\n{_STORY}") == []


def test_headlines_under_a_label_alone_are_furniture_up_to_the_story() -> None:
    text = ("Read more:\nGovernment imposes sanctions on two steel makers\n"
            "Opposition leader calls for early elections\n\n"
            "The minister, who spoke for more than an hour in parliament on Tuesday, said "
            "the sanctions would stay in place until the talks resumed and the border "
            "reopened to trade.\n")
    assert _lines(text) == ["Read more:", "Government imposes sanctions on two steel makers",
                            "Opposition leader calls for early elections"]


def test_a_numbered_gallery_is_furniture_and_a_numbered_tweet_is_not() -> None:
    gallery = [f"{n}/12 {day} March The prime minister greets the president of Ghana outside "
               "the office" for n, day in ((1, 3), (2, 4), (3, 5))]
    text = "\n".join([_STORY, *gallery, "1/2 Today we handed the detainees to the government."])
    assert _lines(text) == gallery


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(ExtractOptions(workers=1))


def test_other_stories_headlines_yield_no_events(pipe: Pipeline) -> None:
    body = ("Russian forces attacked the city of Kharkiv on Thursday, Ukrainian officials "
            "said. The Ukrainian government condemned the strike. President Zelensky asked "
            "allies for more air defence.")
    furniture = ("MOST READ IN NEWS TENSIONS RISE France accuses Italy of blocking the "
                 "migrant deal BORDER ROW Poland summons the German ambassador over remarks")
    (rec,) = pipe.run([Article(id="f", text=f"{body}\n{furniture}\n{body}",
                               published="2025-08-05", language="en")])
    assert rec.events
    start = len(body) + 1
    assert not [e for e in rec.events if start <= e.trigger.start < start + len(furniture)]
    assert not [e for e in rec.events if {e.source.country, e.target and e.target.country}
                & {"FRA", "ITA", "POL", "DEU"}]
