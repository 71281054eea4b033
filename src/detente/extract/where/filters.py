"""Reading the where filters people type: ``--near Kharkiv --radius 50km``,
``near=50.0,36.23``, ``bbox=22,44,40,53``. Shared by the CLI and the HTTP API."""

from __future__ import annotations

import re
from typing import Any

from detente.errors import UsageError
from detente.extract.where.gazetteer import Gazetteer, Place, load_gazetteer

__all__ = ["parse_bbox", "parse_near", "parse_radius", "place_filter", "place_named"]

_RADIUS = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(km|mi|m)?\s*", re.IGNORECASE)
_LATLON = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*")
_KM_PER = {"km": 1.0, "mi": 1.609344, "m": 0.001}
# Most specific first: a name that is a city and a state ("New York") means the city here.
_ORDER = {"city": 0, "admin1": 1, "region": 2, "sea": 3, "country": 4}


def parse_radius(text: str) -> float:
    """Kilometres from "50km", "50 km", "30mi", "500m" or a bare number (km)."""
    m = _RADIUS.fullmatch(text)
    if m is None or float(m[1]) <= 0:
        raise UsageError(f"cannot read radius {text!r}: give a distance such as 50km or 30mi")
    return float(m[1]) * _KM_PER[(m[2] or "km").lower()]


def place_named(name: str, gaz: Gazetteer | None = None) -> Place:
    """The place a user means by ``name``: the biggest city of that name, else a state,
    region, sea or country."""
    gaz = gaz or load_gazetteer()
    cands = [p for p in gaz.candidates(name) if p.lat is not None and p.lon is not None]
    if not cands:
        raise UsageError(f"unknown place {name!r}: give a place name the gazetteer knows "
                         "(a city, region, sea or country) or LAT,LON")
    return min(cands, key=lambda p: (_ORDER.get(p.precision, 5), -p.population))


def parse_near(text: str, radius: str = "50km", gaz: Gazetteer | None = None
               ) -> tuple[float, float, float]:
    """(lat, lon, km) for "Kharkiv" or "50.0,36.23" and a radius."""
    km = parse_radius(radius)
    m = _LATLON.fullmatch(text)
    if m is not None:
        lat, lon = float(m[1]), float(m[2])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise UsageError(f"near {text!r} is not a latitude,longitude pair")
        return lat, lon, km
    place = place_named(text, gaz)
    assert place.lat is not None and place.lon is not None
    return place.lat, place.lon, km


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) from "minlon,minlat,maxlon,maxlat"."""
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise UsageError(f"cannot read bbox {text!r}: give min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat
            <= 90):
        raise UsageError(f"bbox {text!r} is out of range: longitudes -180..180, latitudes "
                         "-90..90, min_lat <= max_lat")
    return min_lon, min_lat, max_lon, max_lat


def place_filter(*, country: str | None = None, near: str | None = None,
                 radius: str | None = None, bbox: str | None = None) -> dict[str, Any]:
    """The :class:`~detente.store.queries.EventFilter` keywords for typed where filters."""
    if radius is not None and near is None:
        raise UsageError("a radius needs a place to measure from: give near (a place name "
                         "or LAT,LON)")
    if country is not None and not re.fullmatch(r"\s*[A-Za-z]{3}\s*", country):
        raise UsageError(f"country {country!r} is not an ISO 3166 alpha-3 code such as UKR")
    return {
        "country": country.strip().upper() if country else None,
        "near": parse_near(near, radius or "50km") if near else None,
        "bbox": parse_bbox(bbox) if bbox else None,
    }
