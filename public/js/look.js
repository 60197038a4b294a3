// How a block type looks (Sim's colour, our monogram) and what the registry says about it
// (display name, category, secret fields). Both are fetched once per page.
import { api } from "./api.js";

let looks = null;
let registry = null;

export async function loadLooks() {
  looks ??= fetch("blocks.json").then((r) => r.json());
  registry ??= api("/api/block-types").then((b) => new Map(b.block_types.map((t) => [t.type, t])));
  const [l, reg] = await Promise.all([looks, registry]);
  return {
    look: (type) => l.types[type] || l.fallback,
    info: (type) => reg.get(type) || { type, name: type, category: "unknown", secret_fields: [], sub_blocks: [] },
  };
}

/** Light colours (Sim's #E0E0E0 integrations) need dark ink. */
export function inkOn(hex) {
  const n = parseInt(hex.slice(1), 16);
  const lum = (0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
  return lum > 0.6 ? "#111827" : "#ffffff";
}

const ENV_REF = /^\{\{[A-Za-z_][A-Za-z0-9_]*\}\}$/;

/** A subBlock value as the dashboard shows it: secrets only as their {{ENV}} reference. */
export function shown(value, secret) {
  if (secret && typeof value === "string" && value !== "" && !ENV_REF.test(value.trim())) {
    return "•••••• (plain-text secret — use an {{ENV_VAR}})";
  }
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}

export function isEmpty(value) {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);
}
