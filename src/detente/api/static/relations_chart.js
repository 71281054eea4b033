// The relations index over time, drawn by uPlot (vendored: vendor/README.md): a real time
// axis whose labels carry the year and never overlap, drag to zoom (double-click resets), a
// tooltip per period, clickable lowest/highest/turning points. Colours come from app.css
// (--ink, --public, --private), the same as the PNG and HTML report.
"use strict";

import uPlot from "./vendor/uplot-1.6.32/uPlot.esm.js";
import { h, periodLabel, signed } from "./dom.js";

const HEIGHT = 340;
const DAY = 86400;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function seconds(iso) {
  return Date.parse(iso + "T00:00:00Z") / 1000;
}

// Tick labels: every label names its year ("Mar 2017"); ticks a year or more apart show the
// year alone. uPlot spaces the ticks (axis `space`) so that labels never overlap.
function tickLabels(u, splits, axisIdx, foundSpace, foundIncr) {
  return splits.map((ts) => {
    const d = new Date(ts * 1000);
    const year = d.getUTCFullYear();
    if (foundIncr >= 360 * DAY) return String(year);
    if (foundIncr >= 28 * DAY) return `${MONTHS[d.getUTCMonth()]} ${year}`;
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${year}`;
  });
}

function yRange(series) {
  const values = series.flatMap((p) => [p.index, p.public, p.private]).filter((v) => v !== null);
  const lo = Math.max(-10, Math.floor(Math.min(-2, ...values) - 0.5));
  const hi = Math.min(10, Math.ceil(Math.max(2, ...values) + 0.5));
  return [lo, hi];
}

// Shade diverging periods and the coop/conflict halves under the lines.
function backdrop(series, stepSeconds) {
  return (u) => {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    const zero = u.valToPos(0, "y", true);
    ctx.save();
    ctx.fillStyle = "#1f8a4c0d";
    ctx.fillRect(left, top, width, Math.max(0, zero - top));
    ctx.fillStyle = "#c43c320d";
    ctx.fillRect(left, zero, width, Math.max(0, top + height - zero));
    ctx.fillStyle = css("--diverging") || "#f59e0b";
    ctx.globalAlpha = 0.15;
    for (const p of series) {
      if (!p.diverging) continue;
      const x0 = u.valToPos(seconds(p.period), "x", true);
      const x1 = u.valToPos(seconds(p.period) + stepSeconds, "x", true);
      ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
    }
    ctx.restore();
  };
}

// Lowest, highest and turning points as buttons over the plot (so they are clickable and
// testable), placed again whenever the scales change (zoom).
function markers(rel, freq, handlers) {
  const items = [];
  for (const [kind, ext] of [["lowest", rel.lowest], ["highest", rel.highest]]) {
    if (!ext) continue;
    items.push({
      x: seconds(ext.period), y: ext.value, testid: `${kind}-point`, cls: `marker extreme ${kind}`,
      text: `${kind} ${signed(ext.value)}`,
      title: `${kind} point: ${signed(ext.value)}, ${periodLabel(ext.period, freq)}; click for the events`,
      onclick: () => handlers.onExtreme(kind, ext),
    });
  }
  for (const tp of rel.turning_points || []) {
    const up = tp.direction === "up";
    items.push({
      x: seconds(tp.date), y: null, testid: "turning-point", cls: `marker turn ${up ? "up" : "down"}`,
      text: up ? "\u25b2" : "\u25bc",
      title: `Turning point ${up ? "up" : "down"}, ${periodLabel(tp.date, freq)} (${signed(tp.change)})`,
      onclick: () => handlers.onTurn(tp),
    });
  }
  return (u) => {
    for (const old of u.over.querySelectorAll(".marker")) old.remove();
    const [x0, x1] = [u.scales.x.min, u.scales.x.max];
    for (const m of items) {
      if (m.x < x0 || m.x > x1) continue;
      const button = h("button", { type: "button", class: m.cls, "data-testid": m.testid, title: m.title,
        onclick: m.onclick }, m.text);
      button.style.left = `${u.valToPos(m.x, "x")}px`;
      button.style.top = m.y === null ? "0px" : `${u.valToPos(m.y, "y")}px`;
      u.over.append(button);
    }
  };
}

function tooltip(series, freq) {
  const tip = h("div", { class: "chart-tip", "data-testid": "chart-tooltip", hidden: true });
  const hook = (u) => {
    const i = u.cursor.idx;
    if (i === null || i === undefined || u.cursor.left < 0) { tip.hidden = true; return; }
    const p = series[i];
    tip.replaceChildren(
      h("strong", {}, periodLabel(p.period, freq)),
      h("div", {}, `index ${signed(p.index)}`),
      h("div", {}, `public ${signed(p.public)}, private ${signed(p.private)}`),
      h("div", {}, `${p.events} event${p.events === 1 ? "" : "s"}${p.diverging ? "; public hostile, private open" : ""}`));
    tip.hidden = false;
    const x = u.cursor.left;
    tip.style.left = `${Math.min(x + 12, u.over.clientWidth - 170)}px`;
    tip.style.top = `${Math.max(0, u.cursor.top - 70)}px`;
  };
  return [tip, hook];
}

/**
 * Draw `rel` (the /relations JSON) into `box`. Handlers: onPeriod(point), onExtreme(kind,
 * extreme), onTurn(turningPoint).
 */
export function relationsChart(box, rel, freq, handlers) {
  const series = rel.series || [];
  if (box._uplot) { box._uplot.destroy(); box._uplot = null; }
  if (!series.length) {
    box.replaceChildren(h("p", { class: "empty" }, "No events for this dyad in this period."));
    return;
  }
  const stepSeconds = (freq === "day" ? 1 : freq === "week" ? 7 : 30) * DAY;
  const xs = series.map((p) => seconds(p.period));
  const data = [xs, series.map((p) => p.index), series.map((p) => p.public),
    series.map((p) => p.private), series.map((p) => p.events || 0)];
  const [lo, hi] = yRange(series);
  const [tip, showTip] = tooltip(series, freq);
  const ink = css("--ink") || "#1d2430";
  const opts = {
    width: Math.max(320, box.clientWidth || 960),
    height: HEIGHT,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 6 } },
    scales: {
      x: { time: true },
      y: { range: [lo, hi] },
      events: { range: (u, min, max) => [0, Math.max(1, max) * 4] },
    },
    axes: [
      { stroke: css("--muted") || "#667085", space: 90, values: tickLabels, grid: { stroke: "#e6e9ef" },
        font: "11px sans-serif" },
      { stroke: css("--muted") || "#667085", size: 40, grid: { stroke: "#e6e9ef" },
        values: (u, splits) => splits.map((v) => (v > 0 ? `+${v}` : String(v))), font: "11px sans-serif" },
      { scale: "events", show: false },
    ],
    series: [
      {},
      { label: "index", stroke: ink, width: 2.6, points: { show: (u, si) => series.length < 80 } },
      { label: "public", stroke: css("--public"), width: 1.6, dash: [6, 3], points: { show: false } },
      { label: "private", stroke: css("--private"), width: 1.6, dash: [2, 3], points: { show: false } },
      { label: "events", scale: "events", stroke: "#b8c0cc", fill: "#b8c0cc88", width: 0,
        paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false } },
    ],
    hooks: {
      drawClear: [backdrop(series, stepSeconds)],
      draw: [markers(rel, freq, handlers)],
      setCursor: [showTip],
    },
  };
  box.replaceChildren();
  const u = new uPlot(opts, data, box);
  box._uplot = u;
  u.over.append(tip);
  // A click (not a drag to zoom) shows the period's events.
  let down = null;
  u.over.addEventListener("mousedown", (e) => { down = [e.clientX, e.clientY]; });
  u.over.addEventListener("click", (e) => {
    const moved = down && Math.abs(e.clientX - down[0]) > 3;
    if (moved || e.target.closest(".marker")) return;
    const i = u.cursor.idx;
    if (i !== null && i !== undefined) handlers.onPeriod(series[i]);
  });
  u.over.addEventListener("mouseleave", () => { tip.hidden = true; });
  box.dataset.periods = String(series.length);
  box.dataset.points = String(series.filter((p) => p.index !== null).length);
  box.dataset.tracks = "index public private events";
  if (!box._resize) {
    box._resize = new ResizeObserver(() => {
      if (box._uplot) box._uplot.setSize({ width: Math.max(320, box.clientWidth), height: HEIGHT });
    });
    box._resize.observe(box);
  }
}
