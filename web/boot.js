// Starts Passcheck's worker as soon as the page loads, so that the worker's
// wasm compiles while the page's own wasm does (two cores, not one after the
// other). The app picks it up from window.pcWorker.
"use strict";
if (window.Worker) {
  try {
    window.pcWorker = new Worker("/web/worker.js");
  } catch (err) {
    console.error("passcheck: starting the worker failed:", err);
  }
}
