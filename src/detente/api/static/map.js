// The events map: a world map from the vendored world-atlas (Natural Earth 1:110m), drawn
// with the vendored d3-geo, and the period's events as points coloured by quad class.
// Offline: the map's data comes from /static/vendor, the events from the API.
"use strict";

import { h, s } from "./dom.js";

const WORLD_URL = "/static/vendor/world-atlas/countries-110m.json";
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
let world = null;

async function countries() {
  if (!world) {
    const response = await fetch(WORLD_URL);
    if (!response.ok) throw new Error(`world map: ${response.statusText}`);
    const topo = await response.json();
    world = window.topojson.feature(topo, topo.objects.countries);
  }
  return world;
}

/** Events with coordinates, grouped by place (rounded to ~1 km). */
export function groupByPlace(events) {
  const groups = new Map();
  for (const e of events) {
    if (e.location_lat === null || e.location_lat === undefined) continue;
    const key = `${Number(e.location_lat).toFixed(2)},${Number(e.location_lon).toFixed(2)}`;
    if (!groups.has(key)) {
      groups.set(key, { key, lat: Number(e.location_lat), lon: Number(e.location_lon), name: e.location_name || e.location_country || "?", country: e.location_country, events: [] });
    }
    groups.get(key).events.push(e);
  }
  return [...groups.values()];
}

function dominantQuad(events) {
  const counts = new Map();
  for (const e of events) counts.set(e.quad_class, (counts.get(e.quad_class) || 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

/** Draw the map into `box`; `onPlace(group)` is called when a point is clicked. */
export async function worldMap(box, events, onPlace) {
  const width = 900;
  const height = 460;
  const land = await countries();
  const projection = window.d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
  const path = window.d3.geoPath(projection);
  const groups = groupByPlace(events).sort((a, b) => b.events.length - a.events.length);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "map", role: "img", "aria-label": "Map of the period's events" },
    s("path", { class: "sphere", d: path({ type: "Sphere" }) }),
    s("g", { class: "countries" }, land.features.map((f) => s("path", { class: "country", d: path(f) }, s("title", {}, f.properties.name || "")))),
    s("g", { class: "points" }, groups.map((g) => {
      const [x, y] = projection([g.lon, g.lat]);
      const quad = dominantQuad(g.events);
      const label = `${g.name}${g.country && g.country !== g.name ? ` (${g.country})` : ""}: ${g.events.length} event${g.events.length === 1 ? "" : "s"}`;
      return s("circle", {
        class: `point q${quad}`, cx: x.toFixed(1), cy: y.toFixed(1), r: (3 + 2.5 * Math.sqrt(g.events.length)).toFixed(1),
        "data-testid": "map-point", "data-place": g.name, "data-count": g.events.length, tabindex: 0,
        onclick: () => onPlace(g),
        onkeydown: (ev) => { if (ev.key === "Enter") onPlace(g); },
      }, s("title", {}, label));
    })));
  const placed = groups.reduce((n, g) => n + g.events.length, 0);
  box.replaceChildren(svg,
    h("ul", { class: "legend" }, Object.entries(QUADS).map(([q, name]) => h("li", {}, h("span", { class: `swatch q${q}` }), name))),
    h("p", { class: "muted", "data-testid": "map-summary" },
      `${placed} event${placed === 1 ? "" : "s"} at ${groups.length} place${groups.length === 1 ? "" : "s"} in the period.`));
}
