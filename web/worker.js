// Passcheck's worker: runs app.wasm (the same binary as the page) in worker
// mode, where it decodes camera frames and verifies certificates off the UI
// thread. Messages that arrive while the wasm loads are queued for it.
"use strict";
importScripts("/wasm_exec.js");
self.pcQueue = [];
self.onmessage = (e) => self.pcQueue.push(e.data);
const go = new Go();
WebAssembly.instantiateStreaming(fetch("/web/app.wasm"), go.importObject)
  .then((r) => go.run(r.instance))
  .catch((err) => console.error("passcheck worker: loading wasm failed:", err));
