// Renders /openapi.json with the vendored, pinned ReDoc 2.5.2 standalone bundle (no CDN; CSP
// script-src 'self'). Search is off: ReDoc runs it in a worker built from a blob: URL, which the
// page's CSP refuses. (ReDoc 3 was not taken: it posts telemetry to redocly.com and loads its logo
// from a CDN.)
window.addEventListener("load", function () {
  Redoc.init("/openapi.json", { disableSearch: true, hideDownloadButton: false }, document.getElementById("redoc"));
});
