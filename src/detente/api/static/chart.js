// The two charts, as inline SVG: the relations index over time and the actor network.
"use strict";

import { h, monthLabel, periodLabel, s, signed } from "./dom.js";

const W = 960;
const H = 340;
const M = { left: 44, right: 20, top: 28, bottom: 30 };
const BARS = 44; // height of the events-per-period strip under the plot

function path(points) {
  // Lines break where a value is null (no events yet on that track).
  let d = "";
  let pen = false;
  for (const [x, y] of points) {
    if (y === null) { pen = false; continue; }
    d += `${pen ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)} `;
    pen = true;
  }
  return d.trim();
}

function yRange(series) {
  const values = series.flatMap((p) => [p.index, p.public, p.private]).filter((v) => v !== null);
  let lo = Math.min(-2, ...values);
  let hi = Math.max(2, ...values);
  lo = Math.max(-10, Math.floor(lo - 0.5));
  hi = Math.min(10, Math.ceil(hi + 0.5));
  return [lo, hi];
}

/**
 * Draw `rel` (the /relations JSON) into `box`. Handlers: onPeriod(point), onExtreme(kind,
 * extreme), onTurn(turningPoint).
 */
export function relationsChart(box, rel, freq, handlers) {
  const series = rel.series || [];
  if (!series.length) {
    box.replaceChildren(h("p", { class: "empty" }, "No events for this dyad in this period."));
    return;
  }
  const n = series.length;
  const plotBottom = H - M.bottom - BARS - 8;
  const step = (W - M.left - M.right) / Math.max(n - 1, 1);
  const x = (i) => (n === 1 ? (W + M.left - M.right) / 2 : M.left + i * step);
  const [lo, hi] = yRange(series);
  const y = (v) => (v === null || v === undefined ? null : M.top + ((hi - v) * (plotBottom - M.top)) / (hi - lo));
  const at = new Map(series.map((p, i) => [p.period, i]));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "relations", role: "img",
    "aria-label": `Relations index ${rel.dyad.join("-")}` });

  // Bands: cooperation above zero, conflict below.
  svg.append(s("rect", { x: M.left, y: M.top, width: W - M.left - M.right, height: y(0) - M.top, class: "band coop" }));
  svg.append(s("rect", { x: M.left, y: y(0), width: W - M.left - M.right, height: plotBottom - y(0), class: "band conflict" }));
  // Diverging periods: public hostile while the private channel is open.
  const half = n === 1 ? 20 : step / 2;
  series.forEach((p, i) => {
    if (p.diverging) svg.append(s("rect", { x: x(i) - half, y: M.top, width: 2 * half, height: plotBottom - M.top, class: "diverging" }));
  });
  // Y axis ticks.
  const tickStep = hi - lo > 10 ? 5 : 2;
  for (let v = Math.ceil(lo / tickStep) * tickStep; v <= hi; v += tickStep) {
    svg.append(s("line", { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: v === 0 ? "zero" : "grid" }));
    svg.append(s("text", { x: M.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, signed(v).replace(".0", "")));
  }
  // X axis: a label where the month changes.
  let lastMonth = "";
  let lastX = -Infinity;
  series.forEach((p, i) => {
    const month = p.period.slice(0, 7);
    if (month !== lastMonth && x(i) - lastX >= 44) {
      lastX = x(i);
      svg.append(s("text", { x: x(i), y: H - M.bottom + 18, class: "tick", "text-anchor": "middle" },
        month.endsWith("-01") || !lastMonth ? `${monthLabel(p.period)} ${p.period.slice(0, 4)}` : monthLabel(p.period)));
      lastMonth = month;
    }
  });
  // Events per period.
  const maxEvents = Math.max(1, ...series.map((p) => p.events || 0));
  series.forEach((p, i) => {
    if (!p.events) return;
    const bh = (BARS * p.events) / maxEvents;
    svg.append(s("rect", { x: x(i) - Math.max(half * 0.7, 1), y: H - M.bottom - bh, width: Math.max(half * 1.4, 2), height: bh, class: "bar" }));
  });
  // Click targets, one column per period.
  series.forEach((p, i) => {
    const label = `${periodLabel(p.period, freq)}: index ${signed(p.index)}, ${p.events} events` +
      ` (public ${signed(p.public)}, private ${signed(p.private)})`;
    svg.append(s("rect", {
      x: x(i) - half, y: M.top, width: 2 * half, height: H - M.bottom - M.top, class: "hit",
      "data-period": p.period, onclick: () => handlers.onPeriod(p),
    }, s("title", {}, label)));
  });
  // The three tracks.
  svg.append(s("path", { d: path(series.map((p, i) => [x(i), y(p.public)])), class: "line public", "data-testid": "track-public" }));
  svg.append(s("path", { d: path(series.map((p, i) => [x(i), y(p.private)])), class: "line private", "data-testid": "track-private" }));
  svg.append(s("path", { d: path(series.map((p, i) => [x(i), y(p.index)])), class: "line index", "data-testid": "track-index" }));
  series.forEach((p, i) => {
    if (p.events && p.index !== null) {
      svg.append(s("circle", { cx: x(i), cy: y(p.index), r: 3, class: "dot", onclick: () => handlers.onPeriod(p) },
        s("title", {}, `${periodLabel(p.period, freq)}: ${signed(p.index)}`)));
    }
  });
  // Turning points.
  for (const tp of rel.turning_points || []) {
    const i = at.get(tp.date);
    if (i === undefined) continue;
    const up = tp.direction === "up";
    const tip = M.top - 4;
    const g = s("g", { class: `turn ${up ? "up" : "down"}`, "data-testid": "turning-point", onclick: () => handlers.onTurn(tp) },
      s("title", {}, `Turning point ${up ? "up" : "down"}, ${periodLabel(tp.date, freq)} (${signed(tp.change)})`),
      s("line", { x1: x(i), x2: x(i), y1: tip, y2: plotBottom, class: "turnline" }),
      s("path", { d: up ? `M${x(i) - 7},${tip} L${x(i) + 7},${tip} L${x(i)},${tip - 12} Z`
        : `M${x(i) - 7},${tip - 12} L${x(i) + 7},${tip - 12} L${x(i)},${tip} Z`, class: "arrow" }));
    svg.append(g);
  }
  // Lowest and highest points.
  for (const [kind, ext] of [["lowest", rel.lowest], ["highest", rel.highest]]) {
    if (!ext) continue;
    const i = at.get(ext.period);
    if (i === undefined) continue;
    const cy = y(ext.value);
    const below = kind === "lowest";
    const g = s("g", { class: `extreme ${kind}`, "data-testid": `${kind}-point`, onclick: () => handlers.onExtreme(kind, ext) },
      s("title", {}, `${kind} point: ${signed(ext.value)}, ${periodLabel(ext.period, freq)}; click for the events`),
      s("circle", { cx: x(i), cy, r: 8 }),
      s("text", { x: Math.min(Math.max(x(i), M.left + 40), W - M.right - 40), y: below ? cy + 22 : cy - 14, "text-anchor": "middle" },
        `${kind} ${signed(ext.value)}`));
    svg.append(g);
  }
  box.replaceChildren(svg);
}

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
