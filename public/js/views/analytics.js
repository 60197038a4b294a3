// Analytics: cache hit rate over time, tokens and money spent and saved, AI calls by provider
// and model, latency percentiles — charts of what GET /api/analytics and
// GET /api/workflows/cache/stats measured. Keys this page does not know are charted generically.
import { api, hasOperation } from "../api.js";
import { h, put, fmt, empty, toast } from "../ui.js";
import { lineChart, barChart } from "../charts.js";

const when = (v, bucket) => {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  return bucket === "hour" ? d.toISOString().slice(11, 16) : d.toISOString().slice(5, 10);
};

function tile(title, value, note) {
  return h("div", { class: "stat" }, h("span", { class: "stat-label" }, title), h("span", { class: "stat-value" }, value), note ? h("span", { class: "stat-note" }, note) : null);
}

function totalsTiles(t) {
  return [
    tile("Generations", fmt.int(t.lookups), `${fmt.int(t.hits)} from the cache, ${fmt.int(t.misses)} generated`),
    tile("Cache hit rate", fmt.pct(t.hit_rate)),
    tile("Spent", fmt.usd(t.cost_spent_usd), `${fmt.int(t.tokens_spent)} tokens`),
    tile("Saved by the cache", fmt.usd(t.cost_saved_usd), `${fmt.int(t.tokens_saved)} tokens, ${fmt.ms(t.ms_saved)}`),
    tile("Answer time, cache hit", fmt.ms(t.hit_p50_ms), `p95 ${fmt.ms(t.hit_p95_ms)}`),
    tile("Answer time, generated", fmt.ms(t.miss_p50_ms), `p95 ${fmt.ms(t.miss_p95_ms)}`),
  ];
}

function series(buckets, bucket, keys) {
  return keys.map(([key, name]) => ({ name, points: buckets.map((b) => ({ x: when(b.start, bucket), y: b[key] ?? 0 })) }));
}

function analyticsCharts(a) {
  const charts = [];
  const b = a.buckets || [];
  if (b.length) {
    charts.push(lineChart("Cache hit rate over time", series(b, a.bucket, [["hit_rate", "hit rate"]]), fmt.pct));
    charts.push(lineChart("Generations: cache hits and misses", series(b, a.bucket, [["hits", "hits"], ["misses", "misses"]]), fmt.int));
    charts.push(lineChart("Tokens spent and saved", series(b, a.bucket, [["tokens_spent", "spent"], ["tokens_saved", "saved"]]), fmt.int));
    charts.push(lineChart("Money spent and saved (USD)", series(b, a.bucket, [["cost_spent_usd", "spent"], ["cost_saved_usd", "saved"]]), fmt.usd));
  }
  const models = a.by_model || [];
  if (models.length) {
    const label = (m) => [m.provider, m.model, m.operation].filter(Boolean).join(" / ");
    charts.push(barChart("AI calls by provider and model", models.map((m) => ({ label: label(m), value: m.calls })), fmt.int));
    charts.push(barChart("Cost by provider and model (USD)", models.map((m) => ({ label: label(m), value: m.cost_usd })), fmt.usd));
    const timed = models.filter((m) => m.latency_p50_ms != null);
    if (timed.length) charts.push(barChart("Call latency p50 by provider and model", timed.map((m) => ({ label: label(m), value: m.latency_p50_ms })), fmt.ms));
  }
  const t = a.totals || {};
  const pct = [["cache hit p50", t.hit_p50_ms], ["cache hit p95", t.hit_p95_ms], ["generated p50", t.miss_p50_ms], ["generated p95", t.miss_p95_ms]].filter(([, v]) => v != null);
  if (pct.length) charts.push(barChart("Answer time percentiles", pct.map(([label, value]) => ({ label, value })), fmt.ms));
  return charts;
}

function cacheSection(c) {
  const days = [...(c.days || [])].reverse(); // oldest first, like the charts above
  return h("section", { class: "panel", id: "cache-stats", "aria-labelledby": "cache-title" },
    h("h2", { id: "cache-title" }, "Semantic cache"),
    h("div", { class: "stats" },
      tile("Entries", fmt.int(c.entries), c.bad_entries ? `${fmt.int(c.bad_entries)} marked bad` : null),
      tile("Embedder", c.embedder || "—"),
      tile("Hit threshold", c.threshold != null ? Number(c.threshold).toFixed(2) : "—", "cosine similarity a hit needs"),
      tile("All-time hit rate", fmt.pct(c.totals?.hit_rate), `${fmt.int(c.totals?.hits)} of ${fmt.int(c.totals?.lookups)} lookups`)),
    days.length ? h("div", { class: "charts" },
      lineChart("Daily hit rate (cache_stats view)", [{ name: "hit rate", points: days.map((d) => ({ x: when(d.period_start, "day"), y: d.hit_rate })) }], fmt.pct),
      lineChart("Daily savings (USD)", [{ name: "saved", points: days.map((d) => ({ x: when(d.period_start, "day"), y: d.saved_cost_usd })) }], fmt.usd)) : null);
}

export async function render(el) {
  const [hasStats, hasSeries] = await Promise.all([hasOperation("get", "/api/workflows/cache/stats"), hasOperation("get", "/api/analytics")]);
  const head = h("div", { class: "view-head" }, h("h1", {}, "Analytics"), h("p", { class: "lede" }, "Generation cost and speed, and what the semantic cache saved."));
  if (!hasStats && !hasSeries) {
    put(el, head, empty("This server does not publish analytics yet (no /api/analytics or /api/workflows/cache/stats in its API description)."));
    return;
  }
  const range = h("select", { id: "analytics-range", "aria-label": "Period" },
    [["1", "Last 24 hours", "hour"], ["7", "Last 7 days", "day"], ["30", "Last 30 days", "day"], ["365", "Last 12 months", "month"]]
      .map(([d, label, b]) => h("option", { value: d, dataset: { bucket: b }, selected: d === "7" }, label)));
  const body = h("div", { id: "analytics-body", "aria-live": "polite" });
  const load = async () => {
    const days = Number(range.value), bucket = range.selectedOptions[0].dataset.bucket;
    const to = new Date(), from = new Date(to - days * 86400_000);
    const [series, stats] = await Promise.all([
      hasSeries ? api(`/api/analytics?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), bucket })}`) : null,
      hasStats ? api("/api/workflows/cache/stats") : null,
    ]);
    const charts = series ? analyticsCharts(series) : [];
    const anything = series && (series.totals?.lookups || (series.by_model || []).length);
    put(body,
      series ? h("div", { class: "stats", id: "analytics-tiles" }, totalsTiles(series.totals || {})) : null,
      anything ? h("div", { class: "charts" }, charts) : empty("Nothing measured in this period yet. Generate a few workflows, then come back.", h("a", { href: "#/generate" }, "Generate a workflow")),
      stats ? cacheSection(stats) : null);
  };
  range.addEventListener("change", () => load().catch((err) => toast(err.message)));
  put(el, head, h("div", { class: "toolbar" }, range), body);
  await load();
}
