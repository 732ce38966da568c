// Browser side of server/cmd/qrbench: decode the same camera-like frames with
// Passcheck's Go wasm decoder and with zxing-wasm, alternating per frame so
// that both see the same machine load, and publish the timings in
// window.benchResult for the driver to read. With ?verify=1, time HC1
// verification instead (benchVerify below; zxing-wasm is then not loaded).

const out = document.getElementById("out");
const log = (s) => { out.textContent += "\n" + s; };

async function main() {
  const params = new URLSearchParams(location.search);
  const runs = Number(params.get("runs") || 5);
  // The most frames the budgeted decoder gets to read a code held still
  // (it needs at most one more than it has retries).
  const maxFrames = Number(params.get("maxframes") || 16);
  if (params.get("verify")) return benchVerify(runs);
  const { readBarcodes, prepareZXingModule } = await import("/node_modules/zxing-wasm/dist/es/reader/index.js");

  // zxing-wasm: served from this origin, never a CDN.
  prepareZXingModule({
    overrides: { locateFile: (path) => "/node_modules/zxing-wasm/dist/reader/" + path },
    fireImmediately: true,
  });
  const zxOpts = { formats: ["QRCode"], maxNumberOfSymbols: 1 };

  const go = new Go();
  const wasm = await WebAssembly.instantiateStreaming(fetch("/qrbench.wasm"), go.importObject);
  go.run(wasm.instance);
  while (!window.passcheckReady) await new Promise((r) => setTimeout(r, 10));

  const manifest = await (await fetch("/frames/manifest.json")).json();
  const result = { crossOriginIsolated: self.crossOriginIsolated, runs, sets: [] };
  for (const set of manifest.sets) {
    const frames = [];
    for (const f of set.frames) {
      const buf = await (await fetch(f.url)).arrayBuffer();
      frames.push({ ...f, image: new ImageData(new Uint8ClampedArray(buf), set.width, set.height) });
    }
    const win = set.window; // [x0, y0, x1, y1] or null
    const decoders = {
      gozxing: async (img) => passcheckDecodeRGBA(img.data, img.width, img.height),
      "gozxing-window": async (img) => passcheckDecodeRGBA(img.data, img.width, img.height, ...win),
      "zxing-wasm": async (img) => {
        const r = await readBarcodes(img, zxOpts);
        return r.length && r[0].isValid ? r[0].text : null;
      },
    };
    // Categories: the camera path's budgeted decoder too (one retry per
    // frame), fed the same frame until it reads it (a code held still).
    if (set.category) decoders["gozxing-stream"] = async (img) => passcheckStreamDecodeRGBA(img.data, img.width, img.height);
    const only = params.get("decoders");
    if (only) for (const name in decoders) if (!only.split(",").includes(name)) delete decoders[name];
    // Warm up both (wasm compilation tiers, allocations).
    for (const name in decoders) for (let i = 0; i < 3; i++) await decoders[name](frames[0].image);

    const per = {};
    for (const name in decoders) per[name] = { ok: 0, times: [], failed: [] };
    if (per["gozxing-stream"]) per["gozxing-stream"].frames = [];
    for (const f of frames) {
      for (const name in decoders) {
        if (name === "gozxing-stream") {
          // Frames until read (0: not within maxFrames); each call's time,
          // the fastest of the runs, all replayed from the same state.
          passcheckStreamMark();
          let best = null, read = 0;
          for (let r = 0; r < runs; r++) {
            passcheckStreamReset();
            const ts = [];
            read = 0;
            for (let c = 0; c < maxFrames; c++) {
              const t0 = performance.now();
              const text = await decoders[name](f.image);
              ts.push(performance.now() - t0);
              if (text === f.text) { read = c + 1; break; }
            }
            best = best ? best.map((t, i) => Math.min(t, ts[i] ?? t)) : ts;
          }
          per[name].times.push(...best);
          per[name].frames.push(read);
          if (read) per[name].ok++; else per[name].failed.push(f.name);
          continue;
        }
        const ts = [];
        let text = null;
        for (let r = 0; r < runs; r++) {
          const t0 = performance.now();
          text = await decoders[name](f.image);
          ts.push(performance.now() - t0);
        }
        // The fastest of the runs: the one least disturbed by other load
        // on the machine (the decoders are deterministic).
        per[name].times.push(Math.min(...ts));
        if (text === f.text) per[name].ok++; else per[name].failed.push(f.name);
      }
    }
    result.sets.push({ category: set.category || "", width: set.width, height: set.height, n: frames.length, window: win, decoders: per });
    log(`${set.category ? set.category + " " : ""}${set.width}×${set.height}: ` + Object.entries(per).map(([k, v]) => `${k} ${v.ok}/${frames.length}`).join(", "));
  }
  window.benchResult = result;
  log("done");
}

// HC1 text → verdict with verify.Verifier in wasm (server/cmd/qrbench -verify):
// every vector `runs` times, alternating between vectors, each call timed and
// checked to be valid.
async function benchVerify(runs) {
  const go = new Go();
  const wasm = await WebAssembly.instantiateStreaming(fetch("/qrbench.wasm"), go.importObject);
  go.run(wasm.instance);
  while (!window.passcheckReady) await new Promise((r) => setTimeout(r, 10));

  const manifest = await (await fetch("/verify/manifest.json")).json();
  for (const v of manifest.vectors) {
    const err = passcheckTrust(v.cert);
    if (err !== null) throw new Error(`${v.name}: certificate: ${err}`);
  }
  const check = (v, verdict) => {
    if (verdict !== "valid") throw new Error(`${v.name}: ${verdict}`);
  };
  for (const v of manifest.vectors) for (let i = 0; i < 3; i++) check(v, passcheckVerify(v.text, v.clock)); // warm-up
  const times = {};
  for (const v of manifest.vectors) times[v.name] = [];
  for (let r = 0; r < runs; r++) {
    for (const v of manifest.vectors) {
      const t0 = performance.now();
      const verdict = passcheckVerify(v.text, v.clock);
      times[v.name].push(performance.now() - t0);
      check(v, verdict);
    }
  }
  window.benchResult = { crossOriginIsolated: self.crossOriginIsolated, runs, verify: times };
  log("done");
}

main().catch((e) => { window.benchResult = { error: String(e && e.stack || e) }; log("error: " + e); });
