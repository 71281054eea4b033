// The two charts: the relations index over time (uPlot, relations_chart.js) and the actor
// network (inline SVG).
"use strict";

import { h, s, signed } from "./dom.js";

export { relationsChart } from "./relations_chart.js";

function edgeColor(goldstein) {
  if (goldstein === null || goldstein === undefined) return "edge neutral";
  return goldstein < -0.5 ? "edge conflict" : goldstein > 0.5 ? "edge coop" : "edge neutral";
}

/** Draw the /network JSON into `box`: actors on a circle, edges weighted by event count. */
export function networkChart(box, net, highlight, onNode) {
  const nodes = (net.nodes || []).slice(0, 16);
  if (nodes.length < 2) {
    box.replaceChildren(h("p", { class: "empty" }, "Not enough events in this period."));
    return;
  }
  const size = 420;
  const c = size / 2;
  const radius = size / 2 - 60;
  const pos = new Map();
  nodes.forEach((node, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    pos.set(node.id, [c + radius * Math.cos(a), c + radius * Math.sin(a)]);
  });
  const maxEdge = Math.max(1, ...net.edges.map((e) => e.events));
  const maxNode = Math.max(1, ...nodes.map((node) => node.events));
  const svg = s("svg", { viewBox: `0 0 ${size} ${size}`, class: "network", role: "img", "aria-label": "Actor network" });
  for (const e of net.edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    // Curve each direction to its own side so A->B and B->A do not overlap.
    const mx = (a[0] + b[0]) / 2 + (b[1] - a[1]) * 0.12;
    const my = (a[1] + b[1]) / 2 - (b[0] - a[0]) * 0.12;
    svg.append(s("path", {
      d: `M${a[0].toFixed(1)},${a[1].toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${b[0].toFixed(1)},${b[1].toFixed(1)}`,
      class: edgeColor(e.goldstein), "stroke-width": (1 + (6 * e.events) / maxEdge).toFixed(1),
    }, s("title", {}, `${e.source} \u2192 ${e.target}: ${e.events} events, mean Goldstein ${signed(e.goldstein)}`)));
  }
  for (const node of nodes) {
    const [px, py] = pos.get(node.id);
    const mine = highlight.includes(node.country);
    svg.append(s("g", { class: `node${mine ? " mine" : ""}`, "data-node": node.id, onclick: () => onNode(node) },
      s("title", {}, `${node.label}: ${node.events} events`),
      s("circle", { cx: px, cy: py, r: (5 + 12 * Math.sqrt(node.events / maxNode)).toFixed(1) }),
      s("text", { x: px, y: py + (py > c ? 30 : -22), "text-anchor": "middle" }, node.label)));
  }
  box.replaceChildren(svg);
}
