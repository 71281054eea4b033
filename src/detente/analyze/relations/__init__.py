"""Where a relationship stands: the dyad series, the relations index, its lowest and highest
points, turning points, and the public and private tracks.

:mod:`~detente.analyze.relations.frame` reads a dyad's de-duplicated events into NumPy
columns; :mod:`~detente.analyze.relations.index` computes the series, the index and what
stands out in it (the formula is documented there) as the types of
:mod:`~detente.analyze.relations.result`; :mod:`~detente.analyze.relations.turns`
finds the turning points.
"""

from detente.analyze.relations.frame import (
    FREQS,
    DyadFrame,
    cluster_details,
    count_events,
    dyad_frame,
)
from detente.analyze.relations.index import (
    MAX_PERIODS,
    DyadSeries,
    dyad_series,
    relations,
    relations_of,
)
from detente.analyze.relations.result import (
    Extreme,
    Point,
    RelationsOptions,
    RelationsResult,
    TurningPoint,
)
from detente.analyze.relations.turns import pelt_l2

__all__ = ["FREQS", "MAX_PERIODS", "DyadFrame", "DyadSeries", "Extreme", "Point",
           "RelationsOptions", "RelationsResult", "TurningPoint", "cluster_details",
           "count_events", "dyad_frame", "dyad_series", "pelt_l2", "relations", "relations_of"]
