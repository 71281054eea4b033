"""Whether an article is a political story (issue 15, pattern 7). A sports, business,
technology or accident story still yields events ("likely to beat Hillary", a driver
"attacked" by fans), and a hand check of the giveme5w1h corpus found them among the
commonest wrong rows of the default view. Such an article's events are kept, each marked
with why (``Event.off_topic``): the default view, the relations index and the report leave
them out, and ``events --all`` lists them. The test itself is
:func:`detente.extract.events.noise.off_topic`."""

from __future__ import annotations

import dataclasses

from detente.extract.events.noise import off_topic
from detente.extract.stage import Draft

__all__ = ["StoryStage"]


class StoryStage:
    """Pipeline stage: marks every event of an article that is no political story. In the
    main job it runs after every stage that adds events (the evaluative ones too)."""

    name = "story"
    requires: tuple[str, ...] = ("doc", "mentions", "events")
    assigns: tuple[str, ...] = ("story",)

    def __call__(self, item: Draft) -> Draft:
        record = item.record
        if not record.events:
            return item
        reason = off_topic(record.mentions, item.doc)
        if reason is not None:
            record.events = [dataclasses.replace(e, off_topic=reason) for e in record.events]
        return item
