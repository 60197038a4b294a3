// A workflow on screen: the canvas, the selected block's subBlocks (secrets only as {{ENV}}
// references) and the validation findings, each linked to the block it concerns.
import { h, fmt, put } from "./ui.js";
import { drawGraph, findingsByTarget } from "./graph.js";
import { loadLooks, shown, isEmpty } from "./look.js";

export async function workflowPane(state, { findings = [], label = "Workflow graph" } = {}) {
  const looks = await loadLooks();
  const canvas = h("div", { class: "canvas" });
  const side = h("aside", { class: "inspector", "aria-label": "Block details", "aria-live": "polite" });
  const pane = h("div", { class: "workflow-pane" }, canvas, side);
  const marks = findingsByTarget(findings);
  let graph = null;

  const showBlock = (id, center = false) => {
    const b = state.blocks?.[id];
    if (!b) return;
    graph?.select(id, center);
    const info = looks.info(b.type), look = looks.look(b.type);
    const secrets = new Set(info.secret_fields || []);
    const own = marks.blocks.get(id) || [];
    const rows = Object.entries(b.subBlocks || {}).map(([sid, sb]) => {
      const value = sb?.value;
      return h("div", { class: `field${isEmpty(value) ? " unset" : ""}` },
        h("dt", {}, fmt.words(sid), secrets.has(sid) ? h("span", { class: "chip secret" }, "secret") : null, h("code", { class: "sub-id" }, sid)),
        h("dd", {}, isEmpty(value) ? h("em", {}, "not set") : h("pre", {}, shown(value, secrets.has(sid)))));
    });
    const data = b.data && Object.keys(b.data).length ? h("details", {}, h("summary", {}, "data"), h("pre", {}, JSON.stringify(b.data, null, 2))) : null;
    put(side,
      h("header", { class: "inspector-head" },
        h("span", { class: "swatch", dataset: { color: look.color } }, look.glyph),
        h("div", {}, h("h3", { id: "inspector-title" }, b.name || id), h("p", { class: "muted" }, `${info.name} · ${b.type} · ${id}`)),
        h("button", { type: "button", class: "icon", "aria-label": "Close block details", onclick: () => { put(side, hint()); graph?.select(""); } }, "×")),
      own.length ? findingList(own, null) : null,
      rows.length ? h("dl", { class: "fields" }, rows) : h("p", { class: "muted" }, "This block has no subBlocks."),
      data);
    side.querySelectorAll(".swatch").forEach((el) => { el.style.background = el.dataset.color; });
  };
  const hint = () => h("p", { class: "muted hint" }, "Select a block (click, or Tab then Enter) to see its settings.");
  put(side, hint());
  graph = drawGraph(canvas, state, looks, { findings, onSelect: showBlock, label });
  const list = findings.length ? findingList(findings, showBlock, (i) => graph.focusEdge(i)) : null;
  return { el: h("div", {}, pane, list), showBlock, graph };
}

export function findingList(findings, onPick, onEdge) {
  return h("ul", { class: "findings" }, findings.map((f) => {
    const blockId = /^\/(blocks|loops|parallels)\/([^/]+)/.exec(f.path || "")?.[2];
    const edge = /^\/edges\/(\d+)/.exec(f.path || "")?.[1];
    return h("li", { class: `finding ${f.severity}` },
      h("span", { class: `sev ${f.severity}` }, f.severity),
      h("span", { class: "msg" }, f.message),
      h("code", { class: "path" }, f.path || "/"),
      onPick && blockId ? h("button", { type: "button", class: "link", onclick: () => onPick(decodeURIComponent(blockId).replace(/~1/g, "/").replace(/~0/g, "~"), true) }, "show block") : null,
      onEdge && edge !== undefined ? h("button", { type: "button", class: "link", onclick: () => onEdge(Number(edge)) }, "show edge") : null);
  }));
}
