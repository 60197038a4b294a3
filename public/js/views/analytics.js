// Analytics: cache hit rate over time, tokens and money spent and saved, AI calls by provider
// and model, latency percentiles — charts of whatever the analytics endpoints measured.
import { api, hasOperation } from "../api.js";
import { h, put, fmt, empty } from "../ui.js";
import { lineChart, barChart } from "../charts.js";

const TIME_KEYS = ["bucket", "t", "time", "ts", "date", "day", "hour", "start", "period"];
const LABEL_KEYS = ["provider", "model", "name", "label", "source", "kind", "status"];

const money = (k) => /cost|usd|saved_usd|spent/.test(k);
const rate = (k) => /rate|ratio|similarity/.test(k);
function formatter(key) {
  if (money(key)) return fmt.usd;
  if (rate(key)) return fmt.pct;
  if (/ms|latency/.test(key)) return fmt.ms;
  return fmt.int;
}
const short = (v) => (typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) ? v.slice(5, 16).replace("T", " ") : String(v));

/** Walks an answer and turns every series, breakdown and figure it finds into a chart or tile. */
function visualise(answer, prefix, charts, tiles) {
  for (const [key, value] of Object.entries(answer || {})) {
    const title = fmt.words(prefix ? `${prefix} ${key}` : key);
    if (typeof value === "number") tiles.push({ title, value: formatter(key)(value) });
    else if (Array.isArray(value) && value.length && typeof value[0] === "object") {
      const keys = Object.keys(value[0]);
      const tkey = keys.find((k) => TIME_KEYS.includes(k));
      const lkey = keys.filter((k) => LABEL_KEYS.includes(k));
      const nums = keys.filter((k) => typeof value[0][k] === "number");
      if (tkey) {
        const groups = [nums.filter(rate), nums.filter(money), nums.filter((k) => /token/.test(k)), nums.filter((k) => /ms|latency/.test(k)),
          nums.filter((k) => !rate(k) && !money(k) && !/token|ms|latency/.test(k))];
        for (const g of groups.filter((g) => g.length)) {
          charts.push(lineChart(`${title}: ${g.map((k) => fmt.words(k).toLowerCase()).join(", ")}`,
            g.map((k) => ({ name: fmt.words(k), points: value.map((row) => ({ x: short(row[tkey]), y: row[k] })) })), formatter(g[0])));
        }
      } else if (lkey.length && nums.length) {
        for (const k of nums.slice(0, 3)) {
          charts.push(barChart(`${title} by ${lkey.join(" / ")}: ${fmt.words(k).toLowerCase()}`,
            value.map((row) => ({ label: lkey.map((l) => row[l]).filter(Boolean).join(" / "), value: row[k] })), formatter(k)));
        }
      }
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length && entries.every(([k, v]) => typeof v === "number" && /^p\d+|^max$|^min$|^mean$|^avg$/.test(k))) {
        charts.push(barChart(title, entries.map(([k, v]) => ({ label: k, value: v })), formatter(key)));
      } else if (entries.length && entries.every(([, v]) => typeof v === "number") && !/saved|usage|total/.test(key) && entries.length > 2) {
        charts.push(barChart(title, entries.map(([k, v]) => ({ label: k, value: v })), formatter(key)));
      } else visualise(value, key, charts, tiles);
    }
  }
}

export async function render(el) {
  const [hasStats, hasSeries] = await Promise.all([hasOperation("get", "/api/workflows/cache/stats"), hasOperation("get", "/api/analytics")]);
  const head = h("div", { class: "view-head" }, h("h1", {}, "Analytics"), h("p", { class: "lede" }, "Generation cost and speed, and what the semantic cache saved."));
  if (!hasStats && !hasSeries) {
    put(el, head, empty("This server does not publish analytics yet (no /api/analytics or /api/workflows/cache/stats in its API description)."));
    return;
  }
  const range = h("select", { id: "analytics-range", "aria-label": "Period" },
    [["1", "Last 24 hours", "hour"], ["7", "Last 7 days", "day"], ["30", "Last 30 days", "day"]].map(([d, label, b]) => h("option", { value: d, dataset: { bucket: b }, selected: d === "7" }, label)));
  const body = h("div", { id: "analytics-body" });
  const load = async () => {
    const days = Number(range.value), bucket = range.selectedOptions[0].dataset.bucket;
    const to = new Date(), from = new Date(to - days * 86400_000);
    const [stats, series] = await Promise.all([
      hasStats ? api("/api/workflows/cache/stats") : null,
      hasSeries ? api(`/api/analytics?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), bucket })}`) : null,
    ]);
    const charts = [], tiles = [];
    if (stats) visualise(stats, "", charts, tiles);
    if (series) visualise(series, "", charts, tiles);
    put(body,
      tiles.length ? h("div", { class: "stats", id: "analytics-tiles" }, tiles.slice(0, 12).map((t) => h("div", { class: "stat" }, h("span", { class: "stat-label" }, t.title), h("span", { class: "stat-value" }, t.value)))) : null,
      charts.length ? h("div", { class: "charts" }, charts) : empty("Nothing measured in this period yet. Generate a few workflows, then come back."));
  };
  range.addEventListener("change", load);
  put(el, head, h("div", { class: "toolbar" }, range), body);
  await load();
}
