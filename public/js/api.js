// The one way the dashboard talks to the API: relative URLs (so every preview deployment works
// unchanged), the session's API key if one was given, and the API's own error message on failure.

const KEY = "agent-forge-api-key";
let keyPrompt = null; // set by app.js: async () => key | null

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || "http_error";
    this.field = e.field || null;
    this.details = e.details || [];
  }
}

export const apiKey = {
  get: () => sessionStorage.getItem(KEY),
  set: (v) => (v ? sessionStorage.setItem(KEY, v) : sessionStorage.removeItem(KEY)),
  onMissing: (fn) => { keyPrompt = fn; },
};

/**
 * fetch + JSON. `json` sends a JSON body, `form` a FormData; `raw` returns the Response; `fresh`
 * bypasses the HTTP cache (a workflow's ETag is its version, which a validate does not change).
 */
export async function api(path, { method = "GET", json, form, body, headers = {}, raw = false, fresh = false, retried = false } = {}) {
  const init = { method, headers: { accept: "application/json", ...headers } };
  if (fresh) init.cache = "no-store";
  const key = apiKey.get();
  if (key) init.headers.authorization = `Bearer ${key}`;
  if (json !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (form) init.body = form;
  else if (body !== undefined) init.body = body;
  const r = await fetch(path, init);
  if (r.status === 401 && !retried && keyPrompt) {
    const given = await keyPrompt(await errorMessage(r));
    if (given) return api(path, { method, json, form, body, headers, raw, fresh, retried: true });
    throw new ApiError(401, { error: { message: "An API key is needed for this action." } });
  }
  if (!r.ok) throw new ApiError(r.status, await r.json().catch(() => null));
  if (raw) return r;
  return r.status === 204 ? null : r.json();
}

async function errorMessage(r) {
  const body = await r.json().catch(() => null);
  return body?.error?.message || "This server requires an API key.";
}

let described = null;
/** Which operations this server has (from its OpenAPI document), so absent features stay hidden. */
export function hasOperation(method, path) {
  described ??= fetch("/api/openapi.json").then((r) => (r.ok ? r.json() : { paths: {} })).catch(() => ({ paths: {} }));
  return described.then((doc) => Boolean(doc.paths?.[path]?.[method.toLowerCase()]));
}
