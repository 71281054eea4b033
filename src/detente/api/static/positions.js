// The positions panel: the two sides of the chosen dyad on one issue, side by side.
// Self-contained (its own card and script); reads the dyad from the page's #dyad select.
"use strict";

import { h } from "./dom.js";

const ISSUES = ["territory", "neutrality", "ceasefire", "sanctions", "security_guarantees",
  "elections", "military_limits", "negotiations", "aid"];
const $ = (id) => document.getElementById(id);

async function sideBySide(issue, a, b) {
  const url = new URL("/api/v1/positions", window.location.origin);
  url.searchParams.set("issue", issue);
  url.searchParams.set("actor", a);
  url.searchParams.set("versus", b);
  url.searchParams.set("limit", "10");
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

function column(side) {
  const counts = Object.entries(side.stances).map(([k, n]) => `${k} ${n}`).join(", ");
  const items = side.positions.map((p) => h("li", {},
    h("strong", {}, `${p.stance} `), h("span", { class: "muted" }, String(p.published || "")),
    h("div", {}, p.evidence || "")));
  return h("div", { class: "positions-side", "data-testid": "positions-side" },
    h("h3", {}, `${side.actor}: ${counts || "no stated position"}`),
    items.length ? h("ul", { class: "list" }, ...items) : h("p", { class: "muted" }, "Nothing found."));
}

async function refresh() {
  const dyad = ($("dyad") && $("dyad").value) || "";
  const [a, b] = dyad.split("-");
  const box = $("positions");
  if (!a || !b) {
    box.replaceChildren(h("p", { class: "muted" }, "Pick a dyad."));
    return;
  }
  try {
    const body = await sideBySide($("issue").value, a, b);
    box.replaceChildren(h("div", { class: "positions-grid" }, ...body.sides.map(column)));
  } catch (err) {
    box.replaceChildren(h("p", { class: "error" }, `Could not load: ${err.message}`));
  }
}

function init() {
  const select = $("issue");
  select.replaceChildren(...ISSUES.map((i) => h("option", { value: i }, i.replace("_", " "))));
  select.addEventListener("change", refresh);
  const dyad = $("dyad");
  if (dyad) {
    dyad.addEventListener("change", refresh);
    new MutationObserver(refresh).observe(dyad, { childList: true });
  }
  refresh();
}

init();
