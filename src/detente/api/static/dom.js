// Building DOM and SVG from data without ever parsing data as HTML: strings become text
// nodes, attributes are set one by one, and links are only ever http(s).
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, String(value));
    }
  }
}

function appendKids(node, kids) {
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
}

/** An HTML element: h("li", {class: "x"}, "text", child, ...). */
export function h(tag, attrs, ...kids) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  appendKids(node, kids);
  return node;
}

/** An SVG element, same calling convention as h(). */
export function s(tag, attrs, ...kids) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  appendKids(node, kids);
  return node;
}

/** The URL if it is http(s), else null (never a javascript: or data: link). */
export function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

/** A number with its sign and one decimal: +1.2, -5.0, 0.0. */
export function signed(value) {
  if (value === null || value === undefined) return "n/a";
  const v = Number(value);
  return (v > 0 ? "+" : v < 0 ? "\u2212" : "") + Math.abs(v).toFixed(1);
}

/** ISO day arithmetic on "YYYY-MM-DD" strings, in UTC. */
export function addDays(iso, days) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(a, b) {
  return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000);
}

/** First and last day of the period starting on `start` at step `freq`. */
export function periodRange(start, freq) {
  if (freq === "day") return [start, start];
  if (freq === "week") return [start, addDays(start, 6)];
  const d = new Date(start.slice(0, 7) + "-01T00:00:00Z");
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return [start, d.toISOString().slice(0, 10)];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
  "Dec"];

/** "week of 4 Aug 2025", "Aug 2025", "4 Aug 2025". */
export function periodLabel(start, freq) {
  const [y, m, d] = start.split("-");
  const month = MONTHS[Number(m) - 1];
  if (freq === "month") return `${month} ${y}`;
  const day = `${Number(d)} ${month} ${y}`;
  return freq === "week" ? `week of ${day}` : day;
}

export function monthLabel(iso) {
  return MONTHS[Number(iso.slice(5, 7)) - 1];
}
