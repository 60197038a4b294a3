// Small SVG charts (line and bar) drawn from numbers the API measured; no chart library is
// needed for two shapes, and the SVG scales with its box.
import { h, s } from "./ui.js";

const H = 220, L = 56, R = 16, T = 16, B = 40;
// Drawn at about the width it will be shown at, so axis text stays readable on a phone.
const width = () => Math.max(300, Math.min(560, document.documentElement.clientWidth - 60));

function ticks(max) {
  if (!(max > 0)) return [0, 1];
  const step = 10 ** Math.floor(Math.log10(max)), n = max / step;
  const unit = n > 5 ? 2 * step : n > 2 ? step : step / 2;
  const out = [];
  for (let v = 0; v <= max + 1e-9; v += unit) out.push(v);
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + unit);
  return out;
}

function frame(title, svg, caption) {
  return h("figure", { class: "chart" }, h("figcaption", {}, title), svg, caption ? h("p", { class: "muted small" }, caption) : null);
}

/** series: [{name, points: [{x: label, y: number}]}] sharing the same x labels. */
export function lineChart(title, series, format = String) {
  const W = width();
  const xs = series[0]?.points.map((p) => p.x) || [];
  const max = Math.max(0, ...series.flatMap((se) => se.points.map((p) => Number(p.y) || 0)));
  const tk = ticks(max), top = tk[tk.length - 1] || 1;
  const px = (i) => L + (xs.length < 2 ? (W - L - R) / 2 : (i * (W - L - R)) / (xs.length - 1));
  const py = (v) => T + (H - T - B) * (1 - (Number(v) || 0) / top);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title, class: "chart-svg" });
  for (const v of tk) svg.append(s("line", { class: "grid", x1: L, x2: W - R, y1: py(v), y2: py(v) }), s("text", { class: "axis", x: L - 6, y: py(v) + 4, "text-anchor": "end" }, format(v)));
  const every = Math.max(1, Math.ceil(xs.length / 6));
  xs.forEach((x, i) => { if (i % every === 0) svg.append(s("text", { class: "axis", x: px(i), y: H - B + 18, "text-anchor": "middle" }, x)); });
  series.forEach((se, k) => {
    const d = se.points.map((p, i) => `${i ? "L" : "M"}${px(i)},${py(p.y)}`).join(" ");
    svg.append(s("path", { class: `series s${k}`, d }));
    se.points.forEach((p, i) => svg.append(s("circle", { class: `series-dot s${k}`, cx: px(i), cy: py(p.y), r: "3" }, s("title", {}, `${se.name} ${p.x}: ${format(p.y)}`))));
  });
  const legend = series.length > 1 ? h("ul", { class: "legend" }, series.map((se, k) => h("li", { class: `s${k}` }, se.name))) : null;
  const fig = frame(title, svg);
  if (legend) fig.append(legend);
  return fig;
}

const clipLabel = (text, px) => {
  const max = Math.floor(px / 6.2);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** items: [{label, value}] as horizontal bars. */
export function barChart(title, items, format = String) {
  const W = width();
  const max = Math.max(0, ...items.map((i) => Number(i.value) || 0)) || 1;
  const row = 28, height = items.length * row + 8, labelW = Math.round(W * 0.45);
  const svg = s("svg", { viewBox: `0 0 ${W} ${height}`, role: "img", "aria-label": title, class: "chart-svg" });
  items.forEach((it, i) => {
    const y = 4 + i * row, w = ((W - labelW - 90) * (Number(it.value) || 0)) / max;
    svg.append(s("text", { class: "axis", x: labelW - 8, y: y + 17, "text-anchor": "end" }, clipLabel(String(it.label), labelW)),
      s("rect", { class: `bar s${i % 6}`, x: labelW, y: y + 4, width: Math.max(1, w), height: row - 10, rx: "3" }),
      s("text", { class: "axis value", x: labelW + w + 6, y: y + 17 }, format(it.value)));
  });
  return frame(title, svg);
}
