//go:build !wasm

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"passcheck/internal/browser"
	"passcheck/server/demo"
	"passcheck/verify/trust"
)

// cspWatch collects Content-Security-Policy violations seen by the page.
const cspWatch = `window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(e.effectiveDirective + " " + e.blockedURI));`

// TestServeBrowser runs the real app, built with the demo bundle key, behind
// `passcheck serve` in headless Chromium: the app must start and verify the
// demo code under the server's CSP (script-src 'self' 'wasm-unsafe-eval',
// no 'unsafe-eval', no inline script) with no violation at all, and /demo
// must show every picture.
func TestServeBrowser(t *testing.T) {
	chromium := browser.Chromium(t)
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	d, err := demo.Ensure(data, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	web := filepath.Join(tmp, "web")
	copyWeb(t, filepath.Join(root, "web"), web)
	build := exec.Command("go", "run", "./internal/wasmbuild", "-o", filepath.Join(web, "app.wasm"), "-pinned", d.Pinned)
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the app: %v\n%s", err, out)
	}
	r := startServe(t, "--data", data, "--web", web)
	if strings.Contains(r.stderr.String(), "WARNING") {
		t.Errorf("serve warned: %s", r.stderr)
	}

	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")))
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if dl, ok := t.Deadline(); ok { // a hang ends with the test binary's own deadline, reported here
		var c2 context.CancelFunc
		ctx, c2 = context.WithDeadline(ctx, dl.Add(-30*time.Second))
		defer c2()
	}
	var mu sync.Mutex
	var console []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *log.EventEntryAdded:
			console = append(console, string(e.Entry.Source)+": "+e.Entry.Text)
		case *runtime.EventExceptionThrown:
			console = append(console, "exception: "+e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			var args []string
			for _, a := range e.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			console = append(console, "console."+string(e.Type)+": "+strings.Join(args, " "))
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch}); err != nil {
		t.Fatal(err)
	}
	poll := func(expr string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(0),
			chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
			dctx, c := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			shown, _ := chromedp.Run(dctx, chromedp.Evaluate[string](`document.body.innerText`))
			c()
			mu.Lock()
			defer mu.Unlock()
			t.Fatalf("waiting for %s: %v\npage:\n%s\nconsole:\n%s", expr, err, shown, strings.Join(console, "\n"))
		}
	}
	violations := func(where string) {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp`))
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, c := range console {
			if strings.Contains(c, "Content Security Policy") || strings.HasPrefix(c, "security:") {
				v = append(v, c)
			}
		}
		if len(v) > 0 {
			t.Errorf("%s: CSP violations: %q", where, v)
		}
	}

	// The app starts (go-app removes its loader once the wasm runs) and
	// verifies the demo code pasted into it, in its worker.
	if err := chromedp.Do(ctx, chromedp.Navigate(r.url+"/")); err != nil {
		t.Fatal(err)
	}
	poll(`!document.getElementById("app-wasm-loader") && !!document.getElementById("paste-toggle") || window.__csp.length > 0`)
	// The trust bundle, fetched from /trust/bundle and verified with the
	// pinned key, is in use once the status line turns "ok".
	poll(`!!document.querySelector('#trust-status[data-level="ok"]') || window.__csp.length > 0`)
	checkFingerprint(t, ctx, r.url, data, d.BundlePath)
	sample := sampleText(t, data, "valid-vaccination")
	// Paste it: set the text and fire the input event the app listens to,
	// then submit. (No camera here: a fake one keeps the worker decoding
	// frames, which on a loaded machine only slows this test down.)
	if err := chromedp.Do(ctx, chromedp.Click("#paste-toggle"), chromedp.WaitVisible("#paste-text")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const ta = document.getElementById("paste-text");
		ta.value = `+strconv.Quote(sample)+`;
		ta.dispatchEvent(new Event("input", {bubbles: true}));
		return true;
	})()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#paste-check")); err != nil {
		t.Fatal(err)
	}
	poll(`!!document.querySelector("[data-verdict]") || window.__csp.length > 0`)
	verdict, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("[data-verdict]")||{}).dataset?.verdict || ""`))
	if err != nil {
		t.Fatal(err)
	}
	if verdict != "valid" {
		shown, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("passcheck").innerText`))
		t.Errorf("verdict for valid-vaccination: %q, want valid; page:\n%s", verdict, shown)
	}
	violations("/")

	// /demo: every picture loads.
	if err := chromedp.Do(ctx, chromedp.Navigate(r.url+"/demo")); err != nil {
		t.Fatal(err)
	}
	poll(`[...document.images].length === ` + strconv.Itoa(len(demoNames())) + ` && [...document.images].every((i) => i.complete)`)
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.images].filter((i) => i.naturalWidth > 0).length`))
	if err != nil || loaded != len(demoNames()) {
		t.Errorf("/demo: %d pictures shown, want %d (%v)", loaded, len(demoNames()), err)
	}
	violations("/demo")
}

// sampleText reads a sample's QR text as written by serve into DATA/samples.
func sampleText(t *testing.T, data, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(data, "samples", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// copyWeb copies the repository's web/ without any local app.wasm build.
func copyWeb(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasPrefix(e.Name(), "app.wasm") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkFingerprint: the bundle fingerprint in the app's settings (short, and
// in full in its data), /healthz's bundleFingerprint and `trust show`'s
// fingerprint are one value for the bundle being served, and it is the
// SHA-256 of the bundle's payload.
func checkFingerprint(t *testing.T, ctx context.Context, url, data, bundlePath string) {
	t.Helper()
	code, out, errs := show("--data", data, bundlePath)
	if code != 0 {
		t.Fatalf("trust show: %d %s", code, errs)
	}
	var shown bundleJSON
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(bundlePath)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(coseBody(t, raw))
	if shown.Fingerprint != hex.EncodeToString(sum[:]) {
		t.Fatalf("trust show: fingerprint %q, payload SHA-256 %x", shown.Fingerprint, sum)
	}
	resp, body := serveGet(t, http.DefaultClient, url+"/healthz")
	var health struct {
		BundleSeq         uint64 `json:"bundleSeq"`
		BundleFingerprint string `json:"bundleFingerprint"`
	}
	if err := json.Unmarshal(body, &health); resp.StatusCode != 200 || err != nil {
		t.Fatalf("/healthz: %d %s (%v)", resp.StatusCode, body, err)
	}
	type appBundle struct {
		Seq, Full, Short, Issued string
	}
	if err := chromedp.Do(ctx, chromedp.Click("#open-settings"), chromedp.WaitVisible("#bundle-fingerprint")); err != nil {
		t.Fatal(err)
	}
	app, err := chromedp.Run(ctx, chromedp.Evaluate[appBundle](`(() => { const b = document.getElementById("bundle-info");
		return { Seq: b.dataset.seq, Full: b.dataset.fingerprint,
			Short: document.querySelector("#bundle-fingerprint code").textContent,
			Issued: document.getElementById("bundle-seq").textContent }; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#settings-close"), chromedp.WaitNotPresent("#settings")); err != nil {
		t.Fatal(err)
	}
	want := shown.Fingerprint
	if health.BundleFingerprint != want || app.Full != want || app.Short != trust.ShortFingerprint(want) ||
		health.BundleSeq != shown.Seq || app.Seq != strconv.FormatUint(shown.Seq, 10) ||
		!strings.Contains(app.Issued, shown.IssuedAt.Local().Format("2006-01-02 15:04")) {
		t.Errorf("fingerprints: trust show %s (seq %d, issued %v), /healthz %s (seq %d), settings %s / %q (seq %s, %q)",
			want, shown.Seq, shown.IssuedAt, health.BundleFingerprint, health.BundleSeq, app.Full, app.Short, app.Seq, app.Issued)
	}
}
