// Marquee dashboard: fetches /dashboard/data and draws SVG charts by hand (no libraries, no CDN).
// Every chart is an <svg class="plot"> with data-points = the number of plotted values; when all
// charts are drawn, <body data-ready="true"> (the browser test waits for it).
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const W = 460, H = 220, M = { left: 52, right: 12, top: 10, bottom: 34 };
const TIME_KEYS = ["hour", "window_start", "window", "date", "day", "timestamp", "time", "period", "start"];
const GROUP_KEYS = ["variant", "model_version", "version", "group", "model", "endpoint"];

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svgEl(tag, attrs, text) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function fmt(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.01 || a >= 1e6)) return v.toExponential(2);
  if (Number.isInteger(v)) return String(v);
  return a < 1 ? v.toFixed(3) : v.toFixed(1);
}

function clip(s, n) {
  return s.length <= n ? s : s.slice(0, n - 1) + "…";
}

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function timeOf(x) {
  if (typeof x !== "string") return NaN;
  // "2026-11-22T13:00Z" and ISO dates parse; plain strings do not.
  return Date.parse(/T\d\d:\d\dZ$/.test(x) ? x.replace("Z", ":00Z") : x);
}

function shortTime(x) {
  const t = timeOf(x);
  if (Number.isNaN(t)) return String(x);
  const d = new Date(t);
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}h`;
}

function figure(parent, name, title) {
  const f = el("figure", { class: "chart", "data-chart": name });
  f.appendChild(el("figcaption", {}, title));
  parent.appendChild(f);
  return f;
}

function frame(svg, yMax) {
  const plotH = H - M.top - M.bottom;
  for (let i = 0; i <= 4; i++) {
    const y = M.top + plotH - (plotH * i) / 4;
    svg.appendChild(svgEl("line", { class: "grid-line", x1: M.left, x2: W - M.right, y1: y, y2: y }));
    svg.appendChild(svgEl("text", { x: M.left - 4, y: y + 3, "text-anchor": "end" }, fmt((yMax * i) / 4)));
  }
  svg.appendChild(svgEl("line", { class: "axis", x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom }));
  svg.appendChild(svgEl("line", { class: "axis", x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }));
}

function emptySvg(fig, message) {
  const svg = svgEl("svg", { class: "plot", viewBox: `0 0 ${W} ${H}`, "data-points": 0 });
  svg.appendChild(svgEl("text", { class: "empty", x: W / 2, y: H / 2, "text-anchor": "middle" }, message));
  fig.appendChild(svg);
  return svg;
}

function legend(fig, names) {
  if (names.length < 2) return;
  const lg = el("div", { class: "legend" });
  names.forEach((n, i) => {
    const s = el("span");
    const sw = el("span", { class: "swatch" });
    sw.style.background = COLORS[i % COLORS.length];
    s.appendChild(sw);
    s.appendChild(document.createTextNode(n));
    lg.appendChild(s);
  });
  fig.appendChild(lg);
}

// series: [{name, points: [{x: string, y: number|null}]}]; x values are categories in time order.
function lineChart(parent, name, title, series) {
  const fig = figure(parent, name, title);
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))];
  const timed = xs.every((x) => !Number.isNaN(timeOf(x)));
  if (timed) xs.sort((a, b) => timeOf(a) - timeOf(b));
  const values = series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => typeof y === "number" && isFinite(y));
  if (values.length === 0) return emptySvg(fig, "no data");
  const yMax = niceMax(Math.max(...values));
  const svg = svgEl("svg", { class: "plot", viewBox: `0 0 ${W} ${H}`, "data-points": values.length });
  frame(svg, yMax);
  const plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
  const t0 = timed ? timeOf(xs[0]) : 0, t1 = timed ? timeOf(xs[xs.length - 1]) : 0;
  const xPos = (x) => {
    if (xs.length === 1) return M.left + plotW / 2;
    return timed ? M.left + (plotW * (timeOf(x) - t0)) / (t1 - t0) : M.left + (plotW * xs.indexOf(x)) / (xs.length - 1);
  };
  const yPos = (y) => M.top + plotH - (plotH * y) / yMax;
  const labelEvery = Math.max(1, Math.ceil(xs.length / 6));
  xs.forEach((x, i) => {
    if (i % labelEvery === 0 || i === xs.length - 1) {
      svg.appendChild(svgEl("text", { x: xPos(x), y: H - M.bottom + 14, "text-anchor": "middle" }, shortTime(x)));
    }
  });
  series.forEach((s, si) => {
    const color = COLORS[si % COLORS.length];
    const pts = s.points.filter((p) => typeof p.y === "number" && isFinite(p.y))
      .sort((a, b) => (timed ? timeOf(a.x) - timeOf(b.x) : xs.indexOf(a.x) - xs.indexOf(b.x)));
    if (pts.length > 1) {
      const d = pts.map((p, i) => `${i ? "L" : "M"}${xPos(p.x).toFixed(1)},${yPos(p.y).toFixed(1)}`).join(" ");
      svg.appendChild(svgEl("path", { class: "series", d, fill: "none", stroke: color, "stroke-width": 2, "data-series": s.name }));
    }
    for (const p of pts) {
      const c = svgEl("circle", { class: "pt", cx: xPos(p.x).toFixed(1), cy: yPos(p.y).toFixed(1), r: 3, fill: color });
      c.appendChild(svgEl("title", {}, `${s.name}: ${p.x} = ${fmt(p.y)}`));
      svg.appendChild(c);
    }
  });
  fig.appendChild(svg);
  legend(fig, series.map((s) => s.name));
  return svg;
}

// bars: [{label, value}]
function barChart(parent, name, title, bars) {
  const fig = figure(parent, name, title);
  const vals = bars.filter((b) => typeof b.value === "number" && isFinite(b.value));
  if (vals.length === 0) return emptySvg(fig, "no data");
  const yMax = niceMax(Math.max(...vals.map((b) => b.value)));
  const svg = svgEl("svg", { class: "plot", viewBox: `0 0 ${W} ${H}`, "data-points": vals.length });
  frame(svg, yMax);
  const plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
  const slot = plotW / vals.length, bw = Math.min(60, slot * 0.7);
  vals.forEach((b, i) => {
    const h = (plotH * b.value) / yMax;
    const x = M.left + slot * i + (slot - bw) / 2;
    const r = svgEl("rect", { class: "bar", x: x.toFixed(1), y: (M.top + plotH - h).toFixed(1), width: bw.toFixed(1),
      height: Math.max(h, 0).toFixed(1), fill: COLORS[i % COLORS.length] });
    r.appendChild(svgEl("title", {}, `${b.label} = ${fmt(b.value)}`));
    svg.appendChild(r);
    svg.appendChild(svgEl("text", { x: x + bw / 2, y: H - M.bottom + 14, "text-anchor": "middle" },
      clip(String(b.label), Math.max(4, Math.floor(slot / 6)))));
  });
  fig.appendChild(svg);
  return svg;
}

function renderLog(data) {
  const kpi = document.getElementById("kpi-charts");
  const h = data.hourly || [];
  lineChart(kpi, "requests", "Requests per hour", [{ name: "requests", points: h.map((r) => ({ x: r.key, y: r.requests })) }]);
  lineChart(kpi, "p95_latency", "p95 latency per hour (ms)", [{ name: "p95 ms", points: h.map((r) => ({ x: r.key, y: r.p95_latency_ms })) }]);
  lineChart(kpi, "fallback_rate", "Fallback rate per hour (/recommend)", [{ name: "fallback rate", points: h.map((r) => ({ x: r.key, y: r.fallback_rate })) }]);
  lineChart(kpi, "errors", "Error responses per hour", [
    { name: "4xx", points: h.map((r) => ({ x: r.key, y: r.status4xx })) },
    { name: "5xx", points: h.map((r) => ({ x: r.key, y: r.status5xx })) }]);

  const grp = document.getElementById("group-charts");
  const byGroup = new Map();
  for (const r of data.hourly_by_group || []) {
    if (!byGroup.has(r.group)) byGroup.set(r.group, []);
    byGroup.get(r.group).push({ x: r.hour, y: r.requests });
  }
  lineChart(grp, "group_requests", "Requests per hour by variant / version",
    [...byGroup.entries()].map(([name, points]) => ({ name, points })));
  const groups = data.groups || [];
  barChart(grp, "group_totals", "Requests by variant / version (window)", groups.map((g) => ({ label: g.key, value: g.requests })));
  barChart(grp, "group_fallback", "Fallback rate by variant / version", groups.map((g) => ({ label: g.key, value: g.fallback_rate })));

  const table = document.getElementById("group-table");
  table.replaceChildren();
  const head = el("tr");
  ["group", "model version", "requests", "/recommend 200", "fallback rate", "p95 ms", "4xx", "5xx"].forEach((t) => head.appendChild(el("th", {}, t)));
  table.appendChild(head);
  for (const g of groups) {
    const tr = el("tr");
    [g.key, g.model_version ?? "–", fmt(g.requests), fmt(g.recommend_requests), fmt(g.fallback_rate),
      fmt(g.p95_latency_ms), fmt(g.status4xx), fmt(g.status5xx)].forEach((t) => tr.appendChild(el("td", {}, t)));
    table.appendChild(tr);
  }
}

// Finds arrays of records in a report (to depth 4). An object whose values are all objects is
// read as records keyed by "group" (e.g. {"v1": {"ndcg@10": 0.1}}).
function recordSets(node, path, out, depth) {
  if (depth > 4 || node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    if (node.length && node.every((r) => r && typeof r === "object" && !Array.isArray(r))) out.push({ path, rows: node });
    node.forEach((c, i) => recordSets(c, `${path}[${i}]`, out, depth + 1));
    return;
  }
  const vals = Object.values(node);
  if (vals.length && vals.every((v) => v && typeof v === "object" && !Array.isArray(v))
      && vals.some((v) => Object.values(v).some((x) => typeof x === "number"))) {
    out.push({ path, rows: Object.entries(node).map(([k, v]) => ({ group: k, ...v })) });
  }
  for (const [k, v] of Object.entries(node)) recordSets(v, path ? `${path}.${k}` : k, out, depth + 1);
}

function renderReport(parent, file, json, status) {
  const box = el("div", { class: "report", "data-report": file });
  box.appendChild(el("h3", {}, file));
  parent.appendChild(box);
  if (json === null || json === undefined) {
    box.appendChild(el("p", { class: "muted" }, status === "missing"
      ? "not available yet (the Beam job has not written it)" : `not readable: ${status}`));
    return 0;
  }
  const grid = el("div", { class: "grid" });
  box.appendChild(grid);
  const sets = [];
  recordSets(json, "", sets, 0);
  let charts = 0;
  for (const { path, rows } of sets) {
    if (charts >= 12) break;
    const keys = Object.keys(rows[0]);
    const timeKey = TIME_KEYS.find((k) => keys.includes(k) && rows.every((r) => !Number.isNaN(timeOf(r[k]))));
    const groupKey = GROUP_KEYS.find((k) => keys.includes(k) && k !== timeKey);
    const numeric = keys.filter((k) => k !== timeKey && k !== groupKey && rows.some((r) => typeof r[k] === "number"));
    for (const field of numeric.slice(0, 6)) {
      const title = `${file}${path ? " " + path : ""}: ${field}`;
      if (timeKey) {
        const series = new Map();
        for (const r of rows) {
          const g = groupKey ? String(r[groupKey]) : field;
          if (!series.has(g)) series.set(g, []);
          series.get(g).push({ x: r[timeKey], y: r[field] });
        }
        lineChart(grid, `report:${file}:${path}:${field}`, title, [...series.entries()].map(([name, points]) => ({ name, points })));
      } else {
        const label = groupKey || keys.find((k) => typeof rows[0][k] === "string");
        barChart(grid, `report:${file}:${path}:${field}`, title,
          rows.map((r, i) => ({ label: label ? r[label] : `#${i + 1}`, value: r[field] })));
      }
      charts++;
    }
  }
  if (charts === 0) box.appendChild(el("p", { class: "muted" }, "no time series or per-variant records found in this file"));
  const raw = el("details");
  raw.appendChild(el("summary", {}, "raw " + file));
  raw.appendChild(el("pre", {}, JSON.stringify(json, null, 2)));
  box.appendChild(raw);
  return charts;
}

function renderReports(reports) {
  const parent = document.getElementById("reports");
  parent.replaceChildren();
  document.getElementById("reports-dir").textContent = reports.dir;
  renderReport(parent, "kpis.json", reports.kpis, reports.status["kpis.json"]);
  renderReport(parent, "replay.json", reports.replay, reports.status["replay.json"]);
}

async function load() {
  const summary = document.getElementById("summary");
  try {
    const res = await fetch("/dashboard/data", { headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error(`GET /dashboard/data answered ${res.status}`);
    const data = await res.json();
    const total = (data.hourly || []).reduce((a, r) => a + r.requests, 0);
    summary.textContent = `${total} logged requests between ${data.since} and ${data.generated_at} `
      + `(last ${data.window_hours} h; request log ${data.request_log_status}).`;
    renderLog(data);
    renderReports(data.reports);
    document.body.dataset.ready = "true";
  } catch (e) {
    summary.textContent = `Cannot load the dashboard data: ${e.message}`;
    summary.className = "error";
    document.body.dataset.ready = "error";
  }
}

async function tryIt(ev) {
  ev.preventDefault();
  const meta = document.getElementById("try-meta");
  const list = document.getElementById("try-results");
  list.replaceChildren();
  meta.className = "muted";
  meta.textContent = "…";
  const body = { user_id: Number(document.getElementById("try-user").value), k: Number(document.getElementById("try-k").value) };
  try {
    const res = await fetch("/recommend", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const j = await res.json();
    if (!res.ok) throw new Error(`${res.status} ${j.error}: ${j.message}`);
    meta.textContent = `model ${j.model_version}` + (j.variant ? `, variant ${j.variant}` : "")
      + (j.is_fallback ? `, fallback (${j.fallback_reason})` : ", personalized");
    for (const r of j.recommendations) {
      const li = el("li", { "data-movie-id": r.movie_id }, `${r.title ?? "movie " + r.movie_id}`
        + (r.year ? ` (${r.year})` : "") + ` — score ${fmt(r.score)}`);
      list.appendChild(li);
    }
    document.body.dataset.tried = "true";
  } catch (e) {
    meta.className = "error";
    meta.textContent = `Request failed: ${e.message}`;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("try-form").addEventListener("submit", tryIt);
  load();
});
