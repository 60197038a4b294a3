// The workflow drawn the way Sim's canvas draws it: blocks at their stored positions (children
// relative to their loop/parallel), 320 px wide (480 when wide), the type's colour and icon, a
// few key settings; edges leave through their handles (each condition branch from its own row,
// the error handle at the bottom right, a container's start handle inside it), with pan, zoom
// and fit. Validation findings mark the blocks and edges their JSON pointers name.
import { s, h, fmt } from "./ui.js";
import { inkOn, shown, isEmpty } from "./look.js";

const WIDTH = 320, WIDE = 480, HEAD = 46, ROW = 26, FOOT = 12;
const CONTAINERS = new Set(["loop", "parallel"]);

function branches(block) {
  for (const key of ["conditions", "routes"]) {
    let v = block.subBlocks?.[key]?.value;
    if (typeof v === "string") { try { v = JSON.parse(v); } catch { v = null; } }
    if (Array.isArray(v)) return { key, list: v };
  }
  return null;
}

/** Whether Sim's editor shows the field on this block: its condition on the other fields' values
 * holds (a webhook start shows no schedule settings) and its mode matches the block's. */
function applies(spec, block) {
  if (String(spec.mode || "").startsWith("trigger") && !block.triggerMode) return false;
  if (spec.mode === "advanced" && !block.advancedMode) return false;
  if (spec.mode === "basic" && block.advancedMode) return false;
  const holds = (cond) => {
    if (!cond || !cond.field) return true;
    const value = block.subBlocks?.[cond.field]?.value;
    const wanted = Array.isArray(cond.value) ? cond.value : [cond.value];
    return wanted.includes(value) !== Boolean(cond.not) && holds(cond.and);
  };
  return holds(spec.condition);
}

const shownOn = (declared, block) => !declared || declared.some((spec) => applies(spec, block));

function rowsOf(block, info) {
  const br = block.type === "condition" || block.type === "router" ? branches(block) : null;
  if (br && br.key === "conditions") {
    return br.list.map((c, i) => ({
      label: c.title || (i === 0 ? "if" : i === br.list.length - 1 ? "else" : "else if"),
      value: c.value || "", handle: `condition-${c.id}`,
    }));
  }
  if (br && br.key === "routes") return br.list.map((r) => ({ label: r.title || "route", value: r.value || "", handle: `router-${r.id}` }));
  const secrets = new Set(info.secret_fields || []);
  const specs = new Map();  // an id may be declared more than once (agent temperature per model family)
  for (const f of info.sub_blocks || []) specs.set(f.id, [...(specs.get(f.id) || []), f]);
  const rows = [];
  for (const [id, sb] of Object.entries(block.subBlocks || {})) {
    if (isEmpty(sb?.value) || secrets.has(id) || !shownOn(specs.get(id), block)) continue;
    let v = sb.value;
    if (Array.isArray(v)) v = v.map((t) => (t && (t.title || t.type || t.name)) || "").filter(Boolean).join(", ") || `${v.length} items`;
    else v = shown(v, false);
    rows.push({ label: fmt.words(id), value: String(v).replace(/\s+/g, " ") });
    if (rows.length === 4) break;
  }
  return rows;
}

function clip(text, px) {
  const max = Math.max(3, Math.floor(px / 7));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Absolute geometry and handle points for every block. */
export function layout(state, looks) {
  const blocks = state.blocks || {};
  const nodes = new Map();
  const abs = (b, seen = new Set()) => {
    const p = b.position || { x: 0, y: 0 };
    const parent = blocks[b.data?.parentId];
    if (!parent || seen.has(b.id)) return { x: p.x || 0, y: p.y || 0 };
    seen.add(b.id);
    const pp = abs(parent, seen);
    return { x: pp.x + (p.x || 0), y: pp.y + (p.y || 0) };
  };
  const depth = (b, n = 0) => (blocks[b.data?.parentId] && n < 10 ? depth(blocks[b.data.parentId], n + 1) : n);
  for (const [id, b] of Object.entries(blocks)) {
    const { x, y } = abs({ ...b, id });
    const info = looks.info(b.type);
    if (CONTAINERS.has(b.type)) {
      const w = Number(b.data?.width) || 500, hgt = Number(b.data?.height) || 300;
      nodes.set(id, {
        id, block: b, info, x, y, w, h: hgt, container: true, depth: depth(b),
        target: { x, y: y + hgt / 2, side: "left" }, source: { x: x + w, y: y + hgt / 2, side: "right" },
        start: { x: x + 24, y: y + hgt / 2, side: "right" }, error: { x: x + w, y: y + hgt - 18, side: "right" }, rows: [],
      });
      continue;
    }
    const w = b.isWide ? WIDE : WIDTH;
    const rows = rowsOf(b, info);
    const hgt = HEAD + rows.length * ROW + FOOT;
    const horizontal = b.horizontalHandles !== false;
    const node = {
      id, block: b, info, x, y, w, h: hgt, rows, container: false, depth: depth(b) + 1,
      target: horizontal ? { x, y: y + Math.min(hgt / 2, 60), side: "left" } : { x: x + w / 2, y, side: "top" },
      source: horizontal ? { x: x + w, y: y + Math.min(hgt / 2, 60), side: "right" } : { x: x + w / 2, y: y + hgt, side: "bottom" },
      error: { x: x + w, y: y + hgt - 10, side: "right" },
      handles: {},
    };
    rows.forEach((r, i) => { if (r.handle) node.handles[r.handle] = { x: x + w, y: y + HEAD + i * ROW + ROW / 2, side: "right", label: r.label }; });
    nodes.set(id, node);
  }
  return nodes;
}

function sourcePoint(node, handle) {
  if (!handle || handle === "source") return { ...node.source };
  if (handle === "error") return { ...node.error, error: true };
  if (handle.endsWith("-start-source")) return { ...(node.start || node.source), label: "start" };
  if (handle.endsWith("-end-source")) return { ...node.source, label: "end" };
  if (node.handles?.[handle]) return { ...node.handles[handle] };
  return { ...node.source, label: handle.replace(/^(condition|router)-/, "") };
}

function curve(a, b) {
  const dir = { left: [-1, 0], right: [1, 0], top: [0, -1], bottom: [0, 1] };
  const d = Math.max(40, Math.hypot(b.x - a.x, b.y - a.y) / 3);
  const [ax, ay] = dir[a.side || "right"], [bx, by] = dir[b.side || "left"];
  return `M${a.x},${a.y} C${a.x + ax * d},${a.y + ay * d} ${b.x + bx * d},${b.y + by * d} ${b.x},${b.y}`;
}

/** Findings grouped by the block id or edge index their JSON pointer starts with. */
export function findingsByTarget(findings = []) {
  const blocks = new Map(), edges = new Map(), other = [];
  const unescape = (p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~");
  for (const f of findings) {
    const parts = String(f.path || "").split("/").slice(1).map(unescape);
    const [root, key] = parts;
    const into = root === "edges" ? edges : ["blocks", "loops", "parallels"].includes(root) ? blocks : null;
    if (into && key !== undefined) {
      const k = root === "edges" ? Number(key) : key;
      into.set(k, [...(into.get(k) || []), f]);
    } else other.push(f);
  }
  return { blocks, edges, other };
}

const worst = (list) => (list.some((f) => f.severity === "error") ? "error" : "warning");

/**
 * Draws `state` into `host`. `onSelect(blockId)` is called when a block is clicked or activated.
 * Returns { fit, zoom, select }.
 */
export function drawGraph(host, state, looks, { findings = [], onSelect = () => {}, label = "Workflow graph" } = {}) {
  const nodes = layout(state, looks);
  const marks = findingsByTarget(findings);
  const view = s("g", { class: "viewport" });
  const svg = s("svg", { class: "graph", role: "group", "aria-label": label, tabindex: "0" },
    s("defs", {},
      s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
        s("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" })),
      s("pattern", { id: "dots", width: "20", height: "20", patternUnits: "userSpaceOnUse" }, s("circle", { cx: "1", cy: "1", r: "1", class: "dot" }))),
    s("rect", { class: "canvas-bg", x: "-50000", y: "-50000", width: "100000", height: "100000", fill: "url(#dots)" }),
    view);

  const ordered = [...nodes.values()].sort((a, b) => a.depth - b.depth);
  for (const n of ordered.filter((n) => n.container)) view.append(containerEl(n, looks, marks, onSelect));
  const edgeLayer = s("g", { class: "edges" });
  const routeNo = new Map();
  const loose = []; // edges missing an end: drawn above the blocks, so their label stays readable
  view.append(edgeLayer);
  (state.edges || []).forEach((e, i) => {
    const from = nodes.get(e.source), to = nodes.get(e.target);
    if (!from && !to) return;
    const bad = marks.edges.get(i);
    if (!from || !to) { loose.push(dangling(e, i, from, to, bad)); return; }
    const a = sourcePoint(from, e.sourceHandle), b = { ...to.target };
    const g = s("g", { class: `edge${a.error ? " error-path" : ""}${bad ? ` flagged ${worst(bad)}` : ""}`, "data-edge": String(i), "data-source": e.source, "data-target": e.target },
      s("path", { d: curve(a, b), "marker-end": "url(#arrow)" }));
    if (bad) g.append(s("title", {}, bad.map((f) => f.message).join("\n")));
    if (a.label && !from.handles?.[e.sourceHandle]) g.append(edgeTag(a.label, a.x + 8, a.y - 19));
    if (from.block.type === "router" && (!e.sourceHandle || e.sourceHandle === "source")) {
      // A JUL25 router's routes are its outgoing edges: each is named where it arrives.
      routeNo.set(e.source, (routeNo.get(e.source) || 0) + 1);
      g.classList.add("route");
      g.append(edgeTag(`route ${routeNo.get(e.source)}`, b.x - 70, b.y - 19));
    }
    edgeLayer.append(g);
  });
  for (const n of ordered.filter((n) => !n.container)) view.append(blockEl(n, looks, marks, onSelect));
  view.append(...loose);

  host.replaceChildren(svg, controls());
  let t = { x: 0, y: 0, k: 1 };
  let touched = false; // once the user pans, zooms or centres a block, resizes no longer refit
  const apply = (byUser = true) => {
    touched ||= byUser;
    view.setAttribute("transform", `translate(${t.x},${t.y}) scale(${t.k})`);
  };
  const bounds = () => {
    const all = [...nodes.values()];
    if (!all.length) return { x: 0, y: 0, w: 400, h: 200 };
    const x0 = Math.min(...all.map((n) => n.x)), y0 = Math.min(...all.map((n) => n.y));
    const x1 = Math.max(...all.map((n) => n.x + n.w)), y1 = Math.max(...all.map((n) => n.y + n.h));
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  };
  // Fit shows everything; the first view keeps blocks legible (at least half size) and starts
  // from the left, where the trigger is, when the whole workflow cannot be read at once.
  const fit = (legible = false) => {
    const r = svg.getBoundingClientRect(), b = bounds(), pad = 30;
    if (!r.width) return;
    let k = Math.min(1.2, Math.max(0.08, Math.min((r.width - 2 * pad) / b.w, (r.height - 2 * pad) / b.h)));
    if (legible && k < 0.5) {
      k = 0.5;
      t = { k, x: pad - b.x * k, y: (r.height - b.h * k) / 2 - b.y * k };
    } else t = { k, x: (r.width - b.w * k) / 2 - b.x * k, y: (r.height - b.h * k) / 2 - b.y * k };
    apply(!legible);
  };
  const zoom = (factor, cx, cy) => {
    const r = svg.getBoundingClientRect();
    cx ??= r.width / 2; cy ??= r.height / 2;
    const k = Math.min(3, Math.max(0.08, t.k * factor));
    t = { k, x: cx - ((cx - t.x) * k) / t.k, y: cy - ((cy - t.y) * k) / t.k };
    apply();
  };
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    zoom(Math.exp(-ev.deltaY * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  // Drag anywhere pans (on a block too: a phone's canvas is mostly blocks); two fingers pinch.
  // A drag that moved is not a click, so it does not select the block it started on.
  const pointers = new Map();
  let drag = null, pinch = null, swallowClick = false;
  const spread = () => { const [a, b] = [...pointers.values()]; return Math.hypot(a.x - b.x, a.y - b.y); };
  svg.addEventListener("pointerdown", (ev) => {
    pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    if (pointers.size === 1) drag = { x: ev.clientX, y: ev.clientY, t: { ...t }, moved: false, id: ev.pointerId };
    if (pointers.size === 2) { pinch = { d: spread(), k: t.k }; drag = null; }
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!pointers.has(ev.pointerId)) return;
    pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    if (pinch && pointers.size === 2) {
      const r = svg.getBoundingClientRect(), [a, b] = [...pointers.values()];
      zoom((pinch.k * spread()) / pinch.d / t.k, (a.x + b.x) / 2 - r.left, (a.y + b.y) / 2 - r.top);
      return;
    }
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) > 4) {
      drag.moved = true;
      svg.setPointerCapture(drag.id);
      svg.classList.add("panning");
    }
    if (drag.moved) { t = { ...drag.t, x: drag.t.x + dx, y: drag.t.y + dy }; apply(); }
  });
  const stop = (ev) => {
    pointers.delete(ev.pointerId);
    if (pointers.size < 2) pinch = null;
    if (drag?.moved) { swallowClick = true; setTimeout(() => { swallowClick = false; }, 0); }
    if (!pointers.size) drag = null;
    svg.classList.remove("panning");
  };
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);
  svg.addEventListener("click", (ev) => { if (swallowClick) { ev.stopPropagation(); ev.preventDefault(); } }, true);
  svg.addEventListener("keydown", (ev) => {
    const step = 60, keys = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (ev.target !== svg) return;
    if (keys[ev.key]) { t.x += keys[ev.key][0]; t.y += keys[ev.key][1]; apply(); ev.preventDefault(); }
    else if (ev.key === "+" || ev.key === "=") zoom(1.2);
    else if (ev.key === "-") zoom(1 / 1.2);
    else if (ev.key === "0" || ev.key === "f") fit();
  });

  function controls() {
    return h("div", { class: "graph-controls", role: "toolbar", "aria-label": "Canvas" },
      h("button", { type: "button", class: "icon", "aria-label": "Zoom in", title: "Zoom in (+)", onclick: () => zoom(1.25) }, "+"),
      h("button", { type: "button", class: "icon", "aria-label": "Zoom out", title: "Zoom out (−)", onclick: () => zoom(0.8) }, "−"),
      h("button", { type: "button", class: "icon fit", "aria-label": "Fit to view", title: "Fit (0)", onclick: () => fit() }, "Fit"));
  }

  /** Marks a block selected; `center` also pans it into the middle of the canvas. */
  const select = (id, center = false) => {
    svg.querySelectorAll(".node.selected").forEach((el) => el.classList.remove("selected"));
    const el = svg.querySelector(`.node[data-id="${CSS.escape(id)}"]`);
    if (el) el.classList.add("selected");
    const n = nodes.get(id);
    if (center && n) {
      const r = svg.getBoundingClientRect();
      t = { ...t, x: r.width / 2 - (n.x + n.w / 2) * t.k, y: r.height / 2 - (n.y + n.h / 2) * t.k };
      apply();
    }
  };
  /** Highlights edge `i` and pans its middle into view. */
  const focusEdge = (i) => {
    svg.querySelectorAll(".edge.selected").forEach((el) => el.classList.remove("selected"));
    const el = svg.querySelector(`.edge[data-edge="${i}"]`);
    if (!el) return;
    el.classList.add("selected");
    const box = el.getBBox(), r = svg.getBoundingClientRect();
    t = { ...t, x: r.width / 2 - (box.x + box.width / 2) * t.k, y: r.height / 2 - (box.y + box.height / 2) * t.k };
    apply();
  };
  let lastWidth = 0;
  new ResizeObserver(() => {
    const w = host.getBoundingClientRect().width;
    if (w && Math.abs(w - lastWidth) > 1 && !touched) { lastWidth = w; fit(true); }
  }).observe(host);
  return { fit, zoom, select, focusEdge, nodes };
}

function edgeTag(text, x, y) {
  const shown = clip(text, 90);
  return s("g", { class: "edge-tag" },
    s("rect", { class: "edge-label-bg", x, y, width: shown.length * 6.6 + 10, height: 16, rx: "4" }),
    s("text", { class: "edge-label", x: x + 5, y: y + 12 }, shown));
}

/** An edge whose source or target block does not exist: a red stub that names the missing id. */
function dangling(e, i, from, to, bad) {
  // Off at an angle, so the stub never lies on top of a real edge leaving the same handle.
  const p = from ? from.source : { x: to.target.x - 120, y: to.target.y - 70 };
  const q = from ? { x: p.x + 120, y: p.y - 70 } : to.target;
  const missing = from ? e.target : e.source;
  const g = s("g", { class: `edge dangling${bad ? ` flagged ${worst(bad)}` : " flagged error"}`, "data-edge": String(i), "data-source": e.source, "data-target": e.target },
    s("path", { d: `M${p.x},${p.y} L${q.x},${q.y}`, "marker-end": from ? "url(#arrow)" : null }),
    s("text", { class: "edge-label missing", x: from ? q.x + 6 : p.x - 6, y: q.y + 4, "text-anchor": from ? "start" : "end" }, `✕ ${clip(String(missing), 140)} (missing)`));
  if (bad) g.append(s("title", {}, bad.map((f) => f.message).join("\n")));
  return g;
}

function activate(el, id, onSelect) {
  el.addEventListener("click", () => onSelect(id));
  el.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); onSelect(id); }
  });
}

function badge(n, marks) {
  const list = marks.blocks.get(n.id);
  if (!list) return null;
  const sev = worst(list);
  return s("g", { class: `badge ${sev}` },
    s("title", {}, list.map((f) => f.message).join("\n")),
    s("circle", { cx: n.x + n.w - 4, cy: n.y + 4, r: "11" }),
    s("text", { x: n.x + n.w - 4, y: n.y + 8, "text-anchor": "middle" }, String(list.length)));
}

function icon(x, y, size, look) {
  return [s("rect", { x, y, width: size, height: size, rx: "6", fill: look.color, class: "icon-bg" }),
    s("text", { x: x + size / 2, y: y + size / 2 + 4.5, "text-anchor": "middle", class: "glyph", fill: inkOn(look.color) }, look.glyph)];
}

function blockEl(n, looks, marks, onSelect) {
  const b = n.block, look = looks.look(b.type);
  const list = marks.blocks.get(n.id);
  const g = s("g", {
    class: `node block${b.enabled === false ? " disabled" : ""}${list ? ` flagged ${worst(list)}` : ""}`,
    "data-id": n.id, "data-type": b.type, tabindex: "0", role: "button",
    "aria-label": `${n.info.name} block ${b.name || n.id}${list ? `, ${list.length} finding(s)` : ""}`,
  },
  s("rect", { class: "body", x: n.x, y: n.y, width: n.w, height: n.h, rx: "10" }),
  s("line", { class: "sep", x1: n.x, x2: n.x + n.w, y1: n.y + HEAD - 4, y2: n.y + HEAD - 4 }),
  icon(n.x + 10, n.y + 9, 26, look),
  s("text", { class: "name", x: n.x + 46, y: n.y + 27 }, clip(b.name || n.id, n.w - 120)),
  s("text", { class: "type", x: n.x + n.w - 12, y: n.y + 27, "text-anchor": "end" }, clip(n.info.name, 100)));
  n.rows.forEach((r, i) => {
    const y = n.y + HEAD + i * ROW + 17;
    g.append(s("text", { class: "row-label", x: n.x + 12, y }, clip(r.label, 110)),
      s("text", { class: "row-value", x: n.x + 128, y }, clip(r.value, n.w - 150)));
  });
  if (b.type !== "starter" && !n.info.trigger) g.append(s("rect", { class: "handle", x: n.target.x - 4, y: n.target.y - 9, width: "7", height: "18", rx: "2" }));
  g.append(s("rect", { class: "handle", x: n.source.x - 3, y: n.source.y - 9, width: "7", height: "18", rx: "2" }));
  for (const p of Object.values(n.handles)) g.append(s("rect", { class: "handle branch", x: p.x - 3, y: p.y - 7, width: "7", height: "14", rx: "2" }));
  g.append(s("rect", { class: "handle err", x: n.error.x - 3, y: n.error.y - 6, width: "7", height: "12", rx: "2" }));
  const b2 = badge(n, marks);
  if (b2) g.append(b2);
  activate(g, n.id, onSelect);
  return g;
}

function containerEl(n, looks, marks, onSelect) {
  const b = n.block, look = looks.look(b.type), d = b.data || {};
  const kind = b.type === "loop" ? (d.loopType || "for") : (d.parallelType || "count");
  const detail = kind === "forEach" || kind === "collection" ? `each of ${d.collection || "…"}` : `${d.count ?? 5} ${b.type === "loop" ? "iterations" : "instances"}`;
  const list = marks.blocks.get(n.id);
  const g = s("g", {
    class: `node container ${b.type}${list ? ` flagged ${worst(list)}` : ""}`, "data-id": n.id, "data-type": b.type,
    tabindex: "0", role: "button", "aria-label": `${b.type} container ${b.name || n.id}: ${detail}`,
  },
  s("rect", { class: "frame", x: n.x, y: n.y, width: n.w, height: n.h, rx: "14", stroke: look.color }),
  icon(n.x + 12, n.y + 10, 24, look),
  s("text", { class: "name", x: n.x + 44, y: n.y + 27 }, clip(b.name || n.id, n.w - 60)),
  s("text", { class: "row-value", x: n.x + 44, y: n.y + 45 }, clip(`${kind} · ${detail}`, n.w - 60)),
  s("rect", { class: "start-pill", x: n.x + 6, y: n.y + n.h / 2 - 11, width: "18", height: "22", rx: "6" }, s("title", {}, "start: the first block of each iteration")),
  s("rect", { class: "handle", x: n.target.x - 4, y: n.target.y - 9, width: "7", height: "18", rx: "2" }),
  s("rect", { class: "handle", x: n.source.x - 3, y: n.source.y - 9, width: "7", height: "18", rx: "2" }));
  const b2 = badge(n, marks);
  if (b2) g.append(b2);
  activate(g, n.id, onSelect);
  return g;
}
