// zxing-wasm under Node on photo files, for server/cmd/qrbench -photos: reads
// file names (one per line) on stdin and writes one JSON line per file,
// {"file", "text" (null when nothing was read), "ms"}. Options: the library's
// defaults, QR codes only, one symbol — as in the baseline. The wasm
// binary is read from node_modules, never fetched.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { readBarcodes, prepareZXingModule } from "zxing-wasm/reader";

const wasm = fileURLToPath(new URL("./node_modules/zxing-wasm/dist/reader/zxing_reader.wasm", import.meta.url));
await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm) }, fireImmediately: true });
const opts = { formats: ["QRCode"], maxNumberOfSymbols: 1 };

for await (const file of createInterface({ input: process.stdin })) {
  if (!file) continue;
  const bytes = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  const r = await readBarcodes(bytes, opts);
  const ms = performance.now() - t0;
  const text = r.length && r[0].isValid ? r[0].text : null;
  process.stdout.write(JSON.stringify({ file, text, ms }) + "\n");
}
