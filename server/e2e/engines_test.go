package e2e

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	browsers "passcheck/internal/browser"
	"passcheck/verify"
)

// The same scenarios on each browser engine CI has: Chromium (Android's
// Chrome), WebKitGTK (Safari's engine) and Firefox ESR. One browser per
// engine runs them all in order, each leaving the app on its scanner.
// Chromium's own tests (scan_test.go, measure_test.go, ...) keep the
// measurements only its DevTools protocol gives.

type engine struct {
	name string
	pkgs string // the Debian packages that provide it
	// start launches the browser with its profile in dir; scripts to run
	// before the page's own may also be given to pre.
	start func(dir string, pre *preloader) (driver, error)
}

var engines = []engine{
	{"chromium", "chromium", func(dir string, _ *preloader) (driver, error) {
		// The fake camera shows an empty scene; the scenarios' codes come
		// from canvasCamera, as on the other engines.
		path := filepath.Join(dir, "camera.y4m")
		if err := scanVideo(path, "", 15, 0); err != nil {
			return nil, err
		}
		return startChromium(filepath.Join(dir, "profile"), path)
	}},
	{"webkitgtk", "webkit2gtk-driver xvfb", startWebKit},
	{"firefox", "firefox-esr", func(dir string, _ *preloader) (driver, error) { return startFirefox(dir) }},
}

// errorHook, run before the page's scripts, records in __pcErrors what
// the page would show on a console: uncaught errors and rejections,
// console.error, a Go panic (printed by wasm_exec through console.log), and
// errors of the page's workers. It also keeps the Go wasm memories the page
// instantiates (__pcWasm), to read their size.
const errorHook = `(() => {
  const errs = window.__pcErrors = [];
  const add = (m) => { if (errs.length < 50) errs.push(String(m).slice(0, 500)); };
  addEventListener("error", (e) => {
    if (e instanceof ErrorEvent) add("error: " + e.message + " at " + e.filename + ":" + e.lineno);
  }, true);
  addEventListener("unhandledrejection", (e) => {
    const r = e.reason;
    add("unhandled rejection: " + (r && (r.stack || r.message) || r));
  });
  const ce = console.error;
  console.error = function (...a) { add("console.error: " + a.map(String).join(" ")); return ce.apply(this, a); };
  const cl = console.log;
  console.log = function (...a) {
    const s = a.map(String).join(" ");
    if (/^(panic|fatal error):/m.test(s)) add("go: " + s);
    return cl.apply(this, a);
  };
  const W = window.Worker;
  if (W) window.Worker = class extends W {
    constructor(...a) {
      super(...a);
      this.addEventListener("error", (e) => add("worker error: " + e.message));
    }
  };
  window.__pcWasm = [];
  const keep = (r) => {
    const i = r && (r.instance || r);
    if (i && i.exports && i.exports.mem) __pcWasm.push(i.exports.mem);
    return r;
  };
  for (const f of ["instantiate", "instantiateStreaming"]) {
    const orig = WebAssembly[f];
    if (orig) WebAssembly[f] = function (...a) { return orig.apply(this, a).then(keep); };
  }
})();`

// canvasCamera, run before the page's scripts, is the camera of every
// engine in these scenarios: getUserMedia returns a canvas stream (10 fps)
// of a light-grey scene, and __cam.show(rows) puts a QR code on it (rows:
// one "0"/"1" string per module row, quiet zone included). Firefox's and
// WebKit's fake cameras show a test pattern that cannot carry a code.
const canvasCamera = `(() => {
  const md = navigator.mediaDevices;
  if (!md || !md.getUserMedia) return;
  const c = document.createElement("canvas");
  c.width = 640; c.height = 480;
  const g = c.getContext("2d");
  let rows = null;
  const draw = () => {
    g.fillStyle = "rgb(200,200,200)";
    g.fillRect(0, 0, 640, 480);
    if (!rows) return;
    const n = rows.length, k = Math.floor(340 / n), x0 = (640 - n * k) >> 1, y0 = (480 - n * k) >> 1;
    g.fillStyle = "#fff";
    g.fillRect(x0, y0, n * k, n * k);
    g.fillStyle = "#000";
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++)
        if (rows[y][x] === "1") g.fillRect(x0 + x * k, y0 + y * k, k, k);
  };
  // A frame is also requested after each draw: WebKit sends none of a
  // detached canvas's changes otherwise (captureStream(0), frames on
  // request only, stalls Firefox's video).
  const tracks = [];
  const tick = () => {
    draw();
    for (const t of tracks) if (t.readyState === "live" && t.requestFrame) t.requestFrame();
  };
  window.__cam = { show: (r) => { rows = r; tick(); }, hide: () => { rows = null; tick(); } };
  tick();
  setInterval(tick, 100);
  // On the prototype, not on navigator.mediaDevices: WebKit may collect
  // that object's JS wrapper and make a new one, without its expandos.
  MediaDevices.prototype.getUserMedia = async (constraints) => {
    if (!constraints || !constraints.video) throw new DOMException("no video asked", "NotFoundError");
    // Chromium: I420 frames written to a generated track, as its cameras
    // give, so that the worker reads the stream as on a phone.
    const G = window.MediaStreamTrackGenerator;
    if (G) {
      const gen = new G({ kind: "video" });
      const w = gen.writable.getWriter();
      const t0 = performance.now();
      const i420 = new Uint8Array(640 * 480 * 3 / 2).fill(128);
      const id = setInterval(() => {
        if (gen.readyState === "ended") { clearInterval(id); return; }
        const px = g.getImageData(0, 0, 640, 480).data;
        for (let i = 0, j = 0; i < 640 * 480; i++, j += 4) i420[i] = px[j];
        const f = new VideoFrame(i420, { format: "I420", codedWidth: 640, codedHeight: 480,
          timestamp: Math.round((performance.now() - t0) * 1000) });
        w.write(f).finally(() => f.close());
      }, 100);
      return new MediaStream([gen]);
    }
    const s = c.captureStream(10);
    tracks.push(...s.getVideoTracks());
    return s;
  };
})();`

// qrRows is text's QR code as canvasCamera draws it.
func qrRows(t *testing.T, text string) []string {
	t.Helper()
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0,
		map[gozxing.EncodeHintType]any{
			gozxing.EncodeHintType_ERROR_CORRECTION: "Q",
			gozxing.EncodeHintType_MARGIN:           4,
		})
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]string, m.GetHeight())
	for y := range rows {
		var b strings.Builder
		for x := 0; x < m.GetWidth(); x++ {
			if m.Get(x, y) {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
		rows[y] = b.String()
	}
	return rows
}

// session is one engine's browser, tab and server, shared by the
// scenarios.
type session struct {
	t   *testing.T
	eng engine
	d   driver
	pre *preloader
	url string
}

func TestEngines(t *testing.T) {
	required := browsers.Required()
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			pre := &preloader{h: newSite(t, 5)}
			srv := httptest.NewServer(pre)
			defer srv.Close()
			d, err := eng.start(t.TempDir(), pre)
			if errors.Is(err, errNoEngine) {
				msg := fmt.Sprintf("%s not installed: apt-get install %s", eng.name, eng.pkgs)
				if required {
					t.Fatalf("%s, and %s is set", msg, browsers.RequireEnv)
				}
				t.Skip(msg)
			}
			if err != nil {
				t.Fatalf("starting %s: %v", eng.name, err)
			}
			defer d.close()
			s := &session{t: t, eng: eng, d: d, pre: pre, url: srv.URL}
			// canvasCamera before instrument, which wraps getUserMedia.
			for _, src := range []string{errorHook, canvasCamera, instrument} {
				if err := d.preload(src); err != nil {
					t.Fatal(err)
				}
			}
			for _, sc := range []struct {
				name string
				run  func(s *session, t *testing.T)
			}{
				{"start", (*session).start},
				{"serviceworker", (*session).serviceWorker},
				{"offline", (*session).offline},
				{"paste", (*session).pasteVerdicts},
				{"photo", (*session).photo},
				{"camera", (*session).camera},
				{"language", (*session).language},
				{"policy", (*session).policy},
			} {
				// Each scenario starts where the last one left the app:
				// after a failure the rest would only report that.
				if !t.Run(sc.name, func(t *testing.T) { sc.run(s, t); s.checkErrors(t) }) {
					s.shot(t, "failed-"+sc.name)
					break
				}
			}
		})
	}
}

// until waits for the JS condition cond; what names it in the failure.
func (s *session) until(t *testing.T, cond, what string) {
	t.Helper()
	if err := poll(s.d, cond); err != nil {
		t.Fatalf("%s: %s: %v (page: %+v)", s.eng.name, what, err, s.state(t))
	}
}

func (s *session) state(t *testing.T) pageState {
	t.Helper()
	var st pageState
	if err := s.d.eval(readState, &st); err != nil {
		t.Fatalf("reading page state: %v", err)
	}
	return st
}

func (s *session) eval(t *testing.T, expr string, out any) {
	t.Helper()
	if err := s.d.eval(expr, out); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
}

func (s *session) click(t *testing.T, sel string) {
	t.Helper()
	if err := s.d.click(sel); err != nil {
		t.Fatalf("click %s: %v (page: %+v)", sel, err, s.state(t))
	}
}

// checkErrors fails on any error the page or the engine reported.
func (s *session) checkErrors(t *testing.T) {
	t.Helper()
	var hooked []string
	if err := s.d.eval(`window.__pcErrors || []`, &hooked); err != nil {
		t.Errorf("reading page errors: %v", err)
	}
	if errs := append(hooked, s.d.pageErrors()...); len(errs) > 0 {
		t.Errorf("%s: page errors: %q", s.eng.name, errs)
	}
}

func (s *session) shot(t *testing.T, name string) {
	png, err := s.d.screenshot()
	if err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	os.WriteFile(filepath.Join(env.out, "engine-"+s.eng.name+"-"+name+".png"), png, 0o644)
}

const cameraReady = `performance.getEntriesByName("passcheck:camera-ready").length > 0`

// start: the app starts, its camera runs and the first frame is decoded,
// the trust list is loaded; no page error (checked after every scenario).
func (s *session) start(t *testing.T) {
	if err := s.d.navigate(s.url); err != nil {
		t.Fatal(err)
	}
	s.until(t, cameraReady, "camera never ready")
	s.until(t, `(document.querySelector("#trust-status")?.textContent || "").includes("Trust list: 1 key · updated")`,
		"no trust list")
	st := s.state(t)
	t.Logf("%s: cold start → camera ready %.0f ms (camera start %.0f ms)", s.eng.name, st.Ready, st.CameraStart)
	// app.wasm's brotli form uses a 16 MB window (server/site): an engine
	// that asks for brotli must get it, and has just run what it decoded.
	w := s.pre.firstWasm.Load()
	if w == nil {
		t.Fatal("app.wasm was never requested")
	}
	t.Logf("%s: app.wasm asked with Accept-Encoding %q, served %q", s.eng.name, w[0], w[1])
	if strings.Contains(w[0], "br") && w[1] != "br" {
		t.Errorf("app.wasm served %q to an engine accepting %q", w[1], w[0])
	}
	s.shot(t, "scanner")
}

// serviceWorker: after one visit, a reload is served by the service worker.
func (s *session) serviceWorker(t *testing.T) {
	s.until(t, `(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		if (!reg || !reg.active || reg.active.state !== "activated") return false;
		const keys = await caches.keys();
		const app = keys.find((k) => k.startsWith("app-"));
		if (!app) return false;
		const c = await caches.open(app);
		if (!(await c.match("/web/app.wasm")) || !(await c.match("/web/worker.js"))) return false;
		const t = await caches.open("passcheck-trust");
		return !!(await t.match("/trust/bundle"));
	})()`, "app not ready for offline use")
	if err := s.d.reload(); err != nil {
		t.Fatal(err)
	}
	s.until(t, `!!navigator.serviceWorker.controller`, "no service worker controls the page after a reload")
	s.until(t, cameraReady, "camera never ready after the reload")
}

// offline: with the server unreachable, a reload starts the app from the
// service worker and a code verifies against the stored trust list.
func (s *session) offline(t *testing.T) {
	s.pre.offline.Store(true)
	defer s.pre.offline.Store(false)
	if err := s.d.reload(); err != nil {
		t.Fatal(err)
	}
	s.until(t, cameraReady, "camera never ready offline")
	st := s.paste(t, sample(t, "valid-recovery").Text)
	if st.Attr != "valid" || !contains(st.Summary, "Recovery") {
		t.Fatalf("offline verdict %q (%q), summary %q; want valid recovery", st.Attr, st.Reason, st.Summary)
	}
	if !contains(st.Status, "Trust list: 1 key · updated") {
		t.Errorf("offline status line %q", st.Status)
	}
	s.closeVerdict(t)
}

// paste submits text through the paste form and returns the verdict.
func (s *session) paste(t *testing.T, text string) pageState {
	t.Helper()
	var open bool
	s.eval(t, `!!document.querySelector("#paste-text")`, &open)
	if !open {
		s.click(t, "#paste-toggle")
		s.until(t, `!!document.querySelector("#paste-text")`, "no paste form")
	}
	// The textarea's value is set as a paste would (the engines' key input
	// differs, and typing 550 characters is slow under WebDriver).
	s.eval(t, `(() => {
		const e = document.getElementById("paste-text");
		e.value = `+strconv.Quote(text)+`;
		e.dispatchEvent(new Event("input", { bubbles: true }));
		return true;
	})()`, nil)
	return s.submit(t, func() { s.click(t, "#paste-check") })
}

// submit does act, which must bring up a new verdict, and returns it.
func (s *session) submit(t *testing.T, act func()) pageState {
	t.Helper()
	last := `(performance.getEntriesByName("passcheck:verdict").slice(-1)[0]?.startTime ?? -1)`
	var before float64
	s.eval(t, last, &before)
	act()
	s.until(t, `!!document.querySelector("[data-verdict]") && `+last+` > `+strconv.FormatFloat(before, 'f', -1, 64),
		"no verdict")
	return s.state(t)
}

func (s *session) closeVerdict(t *testing.T) {
	t.Helper()
	s.click(t, "#verdict")
	s.until(t, `!document.querySelector("#verdict")`, "the verdict screen did not close")
}

var verdictAttr = map[verify.Verdict]string{
	verify.Valid: "valid", verify.Invalid: "invalid", verify.CannotVerify: "cannot-verify",
}

// pasteVerdicts: each demo sample gives its verdict, with its reason.
func (s *session) pasteVerdicts(t *testing.T) {
	reasons := map[string]string{
		"expired": "Certificate expired on", "bad-signature": "Signature does not match", "revoked": "revoked",
		"unknown-issuer": "Issuer not in trust list",
	}
	names := make([]string, 0, len(env.samples))
	for n := range env.samples {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) != 7 {
		t.Fatalf("%d demo samples, want the 7 verdict kinds", len(names))
	}
	for i, n := range names {
		smp := env.samples[n]
		st := s.paste(t, smp.Text)
		if st.Attr != verdictAttr[smp.Want] || !contains(st.Reason, reasons[n]) {
			t.Errorf("%s: verdict %q (%q), want %q with %q", n, st.Attr, st.Reason, verdictAttr[smp.Want], reasons[n])
		}
		if smp.Want == verify.Valid && !contains(st.Name, "DEMO") {
			t.Errorf("%s: holder %q", n, st.Name)
		}
		if i == 0 {
			s.memory(t)
		}
		s.closeVerdict(t)
	}
}

// memory logs what the engine lets the page read of its memory after
// start-up and one verdict: Go wasm memory of the page, the JS heap
// (Chromium only), and the PSS of the engine's page processes (from /proc).
func (s *session) memory(t *testing.T) {
	var m struct {
		Wasm []float64 `json:"wasm"`
		Heap float64   `json:"heap"`
	}
	s.eval(t, `({ wasm: (window.__pcWasm || []).map((m) => m.buffer.byteLength),
		heap: (performance.memory && performance.memory.usedJSHeapSize) || 0 })`, &m)
	var wasm []string
	for _, b := range m.Wasm {
		wasm = append(wasm, fmt.Sprintf("%.1f MB", b/1e6))
	}
	heap := "not readable"
	if m.Heap > 0 {
		heap = fmt.Sprintf("%.1f MB", m.Heap/1e6)
	}
	kb, procs := s.d.contentPSS()
	t.Logf("%s: memory after start-up and one verdict: page Go wasm memory %v, page JS heap %s, "+
		"page processes' PSS %.0f MB (%d processes)", s.eng.name, wasm, heap, float64(kb)/1024, procs)
}

// photo: "scan from photo" with a picture of a valid test.
func (s *session) photo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "photo.png")
	if err := writePNG(path, sample(t, "valid-test").Text); err != nil {
		t.Fatal(err)
	}
	st := s.submit(t, func() {
		if err := s.d.upload("#photo", path); err != nil {
			t.Fatalf("upload: %v", err)
		}
	})
	if st.Attr != "valid" || !contains(st.Summary, "Test", "PCR test", "negative") {
		t.Fatalf("verdict %q (%q), summary %q; want a valid PCR test", st.Attr, st.Reason, st.Summary)
	}
	s.closeVerdict(t)
}

// camera: a code comes into view of the running camera; it is decoded and
// verified in the worker.
func (s *session) camera(t *testing.T) {
	text := sample(t, "valid-vaccination").Text
	rows := strings.Join(strings.Fields(fmt.Sprintf("%q", qrRows(t, text))), ",")
	st := s.submit(t, func() { s.eval(t, `__cam.show(`+rows+`)`, nil) })
	s.eval(t, `__cam.hide()`, nil)
	if st.Attr != "valid" || !contains(st.Name, "DEMO") {
		t.Fatalf("verdict %q (%q), holder %q; want valid", st.Attr, st.Reason, st.Name)
	}
	checkInWorker(t, st, text)
	path := "the page's canvas loop"
	if st.Worker.Posted["stream"] > 0 {
		path = "the stream handed to the worker"
	}
	t.Logf("%s: camera frames read through %s (posted %v)", s.eng.name, path, st.Worker.Posted)
	s.shot(t, "verdict")
	s.closeVerdict(t)
}

// settings opens the settings panel, sets the select sel to value as a
// user's choice would, and closes the panel.
func (s *session) setting(t *testing.T, sel, value string) {
	t.Helper()
	s.click(t, "#open-settings")
	s.until(t, `!!document.querySelector(`+strconv.Quote(sel)+`)`, "no "+sel+" in settings")
	var ok bool
	s.eval(t, `(() => {
		const s = document.querySelector(`+strconv.Quote(sel)+`);
		s.value = `+strconv.Quote(value)+`;
		s.dispatchEvent(new Event("change", { bubbles: true }));
		return s.value === `+strconv.Quote(value)+`;
	})()`, &ok)
	if !ok {
		t.Fatalf("%s has no option %q", sel, value)
	}
	s.click(t, "#settings-close")
	s.until(t, `!document.querySelector("#settings")`, "settings did not close")
}

// language: switching to Korean in settings redraws the app in Korean,
// verdicts included; then back to English.
func (s *session) language(t *testing.T) {
	s.setting(t, "#set-lang", "ko")
	s.until(t, `document.querySelector("#paste-toggle")?.textContent === "코드 붙여넣기"`, "the app is not in Korean")
	st := s.paste(t, sample(t, "valid-vaccination").Text)
	if st.Attr != "valid" || st.Word != "유효" {
		t.Errorf("verdict %q %q, want valid in Korean", st.Attr, st.Word)
	}
	s.closeVerdict(t)
	s.setting(t, "#set-lang", "en")
	s.until(t, `document.querySelector("#paste-toggle")?.textContent === "Paste code"`, "the app is not back in English")
}

// policy: the venue policy chosen in settings is shown on the status line
// and changes the verdict for the same code: a PCR test is invalid under 2G,
// valid under signature only and EU 3G (the demo bundle's default, left in
// force).
func (s *session) policy(t *testing.T) {
	text := sample(t, "valid-test").Text
	for _, tc := range []struct{ policy, label, want string }{
		{"2g", "Rules: 2G (vaccinated or recovered)", "invalid"},
		{"signature-only", "Rules: Signature only (no venue rules)", "valid"},
		{"eu-3g", "Rules: EU 3G (vaccinated, tested or recovered)", "valid"},
	} {
		s.setting(t, "#set-policy", tc.policy)
		s.until(t, `document.querySelector("#policy-status")?.textContent === `+strconv.Quote(tc.label),
			tc.policy+": the status line does not name the policy in force")
		st := s.paste(t, text)
		if st.Attr != tc.want {
			t.Errorf("%s: verdict %q (%q), want %s", tc.policy, st.Attr, st.Reason, tc.want)
		}
		s.closeVerdict(t)
	}
}
