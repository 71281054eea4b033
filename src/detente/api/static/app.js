// The dashboard: pick a dyad and a period, see where the relationship stands and why.
// Every value from the API reaches the page as text (see dom.js), never as HTML.
"use strict";

import { networkChart, relationsChart } from "./chart.js";
import { daysBetween, h, periodLabel, periodRange, safeUrl, signed } from "./dom.js";
import { worldMap } from "./map.js";
import "./positions.js"; // the positions panel: a separate module with its own card

const $ = (id) => document.getElementById(id);
const state = { dyads: [], a: null, b: null, freq: "week", from: "", to: "", asof: "", rel: null };

async function api(path, params = {}) {
  const url = new URL("/api/v1" + path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  }
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

function status(text) {
  $("status").textContent = text || "";
}

function failed(box, err) {
  box.replaceChildren(h("p", { class: "error" }, `Could not load: ${err.message}`));
}

// --- events and evidence ------------------------------------------------------------------

/** One event row from /events, /events/{id} or a relations "details" entry, normalized. */
function normEvent(r) {
  const side = (code, name, text, actor) => (actor ? actor.code || actor.name || actor.text : null) || code || name || text || "?";
  return {
    id: r.id || r.event_id,
    articleId: r.article_id || (r.article ? r.article.id : null),
    title: r.title || (r.article ? r.article.title : null),
    outlet: r.outlet || (r.article ? r.article.outlet : null),
    date: String(r.event_date || (typeof r.date === "string" ? r.date : r.date && r.date.value) || ""),
    source: typeof r.source === "string" ? r.source : side(r.source_code, r.source_name, r.source_text, r.source),
    target: typeof r.target === "string" ? r.target : side(r.target_code, r.target_name, r.target_text, r.target),
    category: r.category, cameo: r.cameo, goldstein: r.goldstein, channel: r.channel,
    evidence: typeof r.evidence === "string" ? r.evidence : (r.evidence ? r.evidence.text : ""),
    span: r.evidence && typeof r.evidence === "object" ? [r.evidence.start, r.evidence.end] : null,
    mentions: r.mentions || 1,
    place: r.location_name || (r.location ? r.location.name : null),
  };
}

function eventItem(ev, inArticle = false) {
  const tone = ev.goldstein > 0 ? "coop" : ev.goldstein < 0 ? "conflict" : "neutral";
  const open = async () => {
    try {
      let id = ev.articleId;
      if (!id) id = (await api(`/events/${encodeURIComponent(ev.id)}`)).article.id;
      await openArticle(id, ev.evidence, ev.span);
    } catch (err) { status(`Could not open the article: ${err.message}`); }
  };
  return h("li", { class: "event", "data-event": ev.id },
    h("div", { class: "line1" },
      h("span", { class: "date" }, ev.date.slice(0, 10)), " ",
      h("strong", {}, ev.source), " \u2192 ", h("span", { class: `badge ${tone}` }, ev.category || "?"),
      " \u2192 ", h("strong", {}, ev.target || "?"),
      h("span", { class: "muted" }, ` CAMEO ${ev.cameo || "?"}, Goldstein ${signed(ev.goldstein)}`),
      h("span", { class: `badge ${ev.channel}` }, ev.channel || "?"),
      ev.mentions > 1 ? h("span", { class: "muted" }, ` reported ${ev.mentions}\u00d7`) : null,
      ev.place ? h("span", { class: "muted", "data-testid": "event-place" }, ` in ${ev.place}`) : null),
    h("blockquote", { class: "evidence", "data-testid": "evidence" }, ev.evidence),
    h("button", { type: "button", class: "link", onclick: open },
      inArticle ? "Show in the text" : ev.title ? `Read in \u201c${ev.title}\u201d${ev.outlet ? ` (${ev.outlet})` : ""}` : "Read the article"));
}

function showEvents(title, rows) {
  $("detail-title").textContent = title;
  const list = rows.map(normEvent);
  $("detail").replaceChildren(list.length
    ? h("ul", { class: "list events" }, list.map((ev) => eventItem(ev)))
    : h("p", { class: "muted" }, "No events."));
  $("detail-card").scrollIntoView({ behavior: "smooth", block: "nearest" });
}

async function periodEvents(p) {
  const [from, to] = periodRange(p.period, state.freq);
  const params = { from, to, limit: 200 };
  try {
    const [ab, ba] = await Promise.all([
      api("/events", { ...params, source: state.a, target: state.b }),
      api("/events", { ...params, source: state.b, target: state.a }),
    ]);
    const rows = [...ab.events, ...ba.events].sort((x, y) => String(x.event_date).localeCompare(String(y.event_date)));
    showEvents(`Events, ${periodLabel(p.period, state.freq)}: index ${signed(p.index)}`, rows);
  } catch (err) { failed($("detail"), err); }
}

// --- the article view ---------------------------------------------------------------------

async function openArticle(id, evidence, span = null) {
  const rec = await api(`/articles/${encodeURIComponent(id)}`);
  const art = rec.article;
  $("article-title").textContent = art.title || "(untitled)";
  const url = safeUrl(art.url);
  $("article-meta").replaceChildren(h("span", {}, [art.outlet, art.author, art.published].filter(Boolean).join(" \u00b7 "),
    url ? [" \u00b7 ", h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null));
  const text = art.text || "";
  // The stated offsets when we have them (the same sentence may occur twice), else a search.
  const exact = span && text.slice(span[0], span[1]) === evidence;
  const at = exact ? span[0] : evidence ? text.indexOf(evidence) : -1;
  const box = $("article-text");
  if (at >= 0) {
    box.replaceChildren(text.slice(0, at), h("mark", { "data-testid": "highlight" }, evidence), text.slice(at + evidence.length));
  } else {
    box.replaceChildren(text);
  }
  $("article-events").replaceChildren(...(rec.events || []).map((e) => eventItem(normEvent({ ...e, article_id: art.id, title: null }), true)));
  const dialog = $("article");
  if (!dialog.open) dialog.showModal();
  const mark = box.querySelector("mark");
  if (mark) mark.scrollIntoView({ block: "center" });
}

// --- panels -------------------------------------------------------------------------------

function summarize(rel) {
  const pts = rel.series.filter((p) => p.index !== null);
  if (!pts.length) return "No events for this dyad in this period.";
  const last = pts[pts.length - 1];
  const mood = last.index > 1 ? "cooperative" : last.index < -1 ? "hostile" : "mixed";
  const parts = [`Latest ${signed(last.index)} (${mood}, ${periodLabel(last.period, state.freq)}).`];
  if (rel.lowest) parts.push(`Lowest ${signed(rel.lowest.value)} in the ${periodLabel(rel.lowest.period, state.freq)}.`);
  if (rel.highest) parts.push(`Highest ${signed(rel.highest.value)} in the ${periodLabel(rel.highest.period, state.freq)}.`);
  const turns = rel.turning_points || [];
  if (turns.length) parts.push(`${turns.length} turning point${turns.length > 1 ? "s" : ""}: ` + turns.map((t) => `${t.direction} ${t.date}`).join(", ") + ".");
  const diverging = (rel.diverging || []).length;
  if (diverging) parts.push(`${diverging} period${diverging > 1 ? "s" : ""} with a hostile public track while the private channel stayed open.`);
  return parts.join(" ");
}

async function loadRelations() {
  const chart = $("chart");
  chart.replaceChildren(h("p", { class: "muted" }, "Loading\u2026"));
  try {
    const rel = await api(`/relations/${encodeURIComponent(state.a)}/${encodeURIComponent(state.b)}`,
      { freq: state.freq, from: state.from, to: state.to });
    state.rel = rel;
    $("summary").textContent = summarize(rel);
    relationsChart(chart, rel, state.freq, {
      onPeriod: periodEvents,
      onExtreme: (kind, ext) => showEvents(`The ${kind} point, ${periodLabel(ext.period, state.freq)}: ${signed(ext.value)}`, ext.details || []),
      onTurn: (tp) => showEvents(`Turning point ${tp.direction}, ${periodLabel(tp.date, state.freq)} (${signed(tp.change)})`, tp.details || []),
    });
  } catch (err) { failed(chart, err); $("summary").textContent = ""; }
}

function countdown(d, asof) {
  if (d.status === "active") {
    const today = new Date().toISOString().slice(0, 10);
    if (asof === today && d.expires) {
      const node = h("span", { class: "countdown live", "data-testid": "countdown", "data-expires": d.expires.slice(0, 10) });
      tick(node);
      return node;
    }
    if (d.days_left === null || d.days_left === undefined) return h("span", { class: "countdown", "data-testid": "countdown" }, "running, no expiry stated");
    return h("span", { class: "countdown", "data-testid": "countdown" },
      d.days_left === 0 ? `expires on ${asof}` : `${d.days_left} day${d.days_left === 1 ? "" : "s"} left on ${asof}`);
  }
  if (d.status === "expired") return h("span", { class: "countdown" }, `expired ${-d.days_left} day${d.days_left === -1 ? "" : "s"} before ${asof}`);
  if (d.status === "met") return h("span", { class: "countdown" }, "met");
  return h("span", { class: "countdown" }, `${d.status} by a later deadline`);
}

function tick(node) {
  // Live countdown to the end of the expiry day (UTC).
  const ms = Date.parse(node.dataset.expires + "T23:59:59Z") - Date.now();
  if (ms <= 0) { node.textContent = "expires now"; return; }
  const d = Math.floor(ms / 86400000);
  const hh = String(Math.floor((ms % 86400000) / 3600000)).padStart(2, "0");
  const mm = String(Math.floor((ms % 3600000) / 60000)).padStart(2, "0");
  const ss = String(Math.floor((ms % 60000) / 1000)).padStart(2, "0");
  node.textContent = `${d}d ${hh}:${mm}:${ss} left`;
}

function actorLabel(a) {
  if (!a) return "?";
  const name = a.name || a.text || a.code || "?";
  return a.code && a.code !== name ? `${name} (${a.code})` : name;
}

async function loadDeadlines() {
  const box = $("deadlines");
  const asof = state.asof || state.to;
  $("asof-label").textContent = asof ? `as of ${asof}` : "";
  try {
    const page = await api("/deadlines", { as_of: asof, limit: 100 });
    const dyad = [state.a, state.b];
    const country = (a) => (a ? a.country : null);
    // The dyad's own: issued by one side to the other.
    const rows = page.deadlines.filter((d) => dyad.includes(country(d.issuer)) && dyad.includes(country(d.target))
      && country(d.issuer) !== country(d.target));
    box.replaceChildren(...rows.map((d) => h("li", { class: `deadline ${d.status}`, "data-testid": "deadline" },
      h("div", { class: "line1" }, h("strong", {}, actorLabel(d.issuer)), " \u2192 ",
        h("strong", {}, actorLabel(d.target)), " ",
        h("span", { class: `badge ${d.status}` }, d.status), " ", countdown(d, page.as_of)),
      h("div", {}, d.demand ? `Demand: ${d.demand}` : null, d.threat ? ` \u2014 or ${d.threat}` : null),
      h("div", { class: "muted" }, `issued ${d.issued || "?"}, expires ${d.expires || "?"}`),
      h("blockquote", { class: "evidence" }, d.evidence || ""))));
    if (!rows.length) box.replaceChildren(h("li", { class: "muted" }, `No deadlines between ${state.a} and ${state.b} issued by ${page.as_of}.`));
  } catch (err) { failed(box, err); }
}

async function loadQuotes() {
  const box = $("quotes");
  try {
    const page = await api("/quotes", { from: state.from, to: state.to, dyad: `${state.a},${state.b}`, limit: 30 });
    box.replaceChildren(...page.quotes.map((q) => h("li", { class: "quote", "data-testid": "quote" },
      h("blockquote", {}, q.text),
      h("div", { class: "speaker" }, "\u2014 ", h("strong", {}, q.speaker_name || q.speaker_text || "unattributed"),
        q.role ? h("span", { class: "role" }, `, ${q.role}`) : null,
        q.anonymous ? h("span", { class: "badge anonymous", "data-testid": "anonymous", title: "The source is not named" }, "anonymous source") : null),
      h("div", { class: "muted" }, [q.published, q.outlet].filter(Boolean).join(" \u00b7 "), " ",
        h("button", { type: "button", class: "link", onclick: () => openArticle(q.article_id, q.text).catch((e) => status(e.message)) }, q.title || "article")))));
    if (!page.quotes.length) box.replaceChildren(h("li", { class: "muted" }, `No quotes on ${state.a} and ${state.b} in this period.`));
  } catch (err) { failed(box, err); }
}

async function loadNetwork() {
  const box = $("network");
  try {
    const net = await api("/network", { from: state.from, to: state.to });
    networkChart(box, net, [state.a, state.b], async (node) => {
      try {
        const page = await api("/events", { actor: node.id, from: state.from, to: state.to, limit: 100 });
        showEvents(`Events of ${node.label} in the period (${page.total})`, page.events);
      } catch (err) { failed($("detail"), err); }
    });
  } catch (err) { failed(box, err); }
}

async function loadMap() {
  const box = $("map");
  try {
    // The period's placed events (the API's page limit: the 500 newest with a place shown).
    const page = await api("/events", { from: state.from, to: state.to, bbox: "-180,-90,180,90", limit: 500 });
    await worldMap(box, page.events, (g) => showEvents(
      `Events at ${g.name}${g.country && g.country !== g.name ? ` (${g.country})` : ""} in the period (${g.events.length})`, g.events));
  } catch (err) { failed(box, err); }
}

async function search(q) {
  const box = $("results");
  try {
    const page = await api("/articles", { q, limit: 30 });
    box.replaceChildren(h("li", { class: "muted" }, `${page.total} article${page.total === 1 ? "" : "s"}${q ? ` matching \u201c${q}\u201d` : ""}`),
      ...page.articles.map((a) => h("li", { class: "result", "data-testid": "result" },
        h("button", { type: "button", class: "link title", onclick: () => openArticle(a.id, q).catch((e) => status(e.message)) }, a.title || "(untitled)"),
        h("div", { class: "muted" }, [a.published, a.outlet, `${a.events} events`].filter(Boolean).join(" \u00b7 ")),
        h("p", { class: "snippet" }, a.snippet))));
  } catch (err) { failed(box, err); }
}

// --- controls -----------------------------------------------------------------------------

function writeHash() {
  const p = new URLSearchParams({ dyad: `${state.a}-${state.b}`, freq: state.freq, from: state.from, to: state.to });
  if (state.asof) p.set("asof", state.asof);
  history.replaceState(null, "", `#${p}`);
}

async function refresh() {
  writeHash();
  $("dyad-label").textContent = `${state.a} \u2013 ${state.b}`;
  document.body.dataset.ready = "0";
  status("Loading\u2026");
  await Promise.all([loadRelations(), loadDeadlines(), loadQuotes(), loadNetwork(), loadMap()]);
  status("");
  document.body.dataset.ready = "1";
}

function selectDyad(value, keepPeriod) {
  const d = state.dyads.find((x) => `${x.a}-${x.b}` === value) || state.dyads[0];
  [state.a, state.b] = value.split("-");
  if (!keepPeriod && d) {
    state.from = String(d.first || "");
    state.to = String(d.last || "");
  }
  $("from").value = state.from;
  $("to").value = state.to;
}

async function init() {
  try {
    state.dyads = await api("/dyads", { limit: 50 });
  } catch (err) { status(`Could not load: ${err.message}`); return; }
  const select = $("dyad");
  select.replaceChildren(...state.dyads.map((d) => h("option", { value: `${d.a}-${d.b}` }, `${d.a} \u2013 ${d.b} (${d.events} events)`)));
  if (!state.dyads.length) {
    status("The store has no events yet: run `detente run FILES --db ...` and reload.");
    document.body.dataset.ready = "1";
    search("");
    return;
  }
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const wanted = hash.get("dyad");
  const known = state.dyads.some((d) => `${d.a}-${d.b}` === wanted);
  const value = known ? wanted : `${state.dyads[0].a}-${state.dyads[0].b}`;
  select.value = value;
  selectDyad(value, false);
  if (known) {
    state.from = hash.get("from") || state.from;
    state.to = hash.get("to") || state.to;
    state.freq = ["day", "week", "month"].includes(hash.get("freq")) ? hash.get("freq") : "week";
    state.asof = hash.get("asof") || "";
    $("from").value = state.from; $("to").value = state.to; $("asof").value = state.asof;
  }
  $("freq").value = state.freq;
  select.addEventListener("change", () => { selectDyad(select.value, false); refresh(); });
  $("freq").addEventListener("change", () => { state.freq = $("freq").value; refresh(); });
  $("from").addEventListener("change", () => { state.from = $("from").value; refresh(); });
  $("to").addEventListener("change", () => { state.to = $("to").value; refresh(); });
  $("asof").addEventListener("change", () => { state.asof = $("asof").value; writeHash(); loadDeadlines(); });
  $("controls").addEventListener("submit", (e) => e.preventDefault());
  $("search").addEventListener("submit", (e) => { e.preventDefault(); search($("q").value.trim()); });
  window.setInterval(() => document.querySelectorAll(".countdown.live").forEach(tick), 1000);
  search("");
  await refresh();
}

window.addEventListener("DOMContentLoaded", init);
