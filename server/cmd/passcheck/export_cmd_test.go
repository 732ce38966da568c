//go:build !wasm

package main

import (
	"bytes"
	"crypto"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"passcheck/server/demo"
	"passcheck/verify/trust"
)

// TestExport exports a demo site and serves it with a plain file server, as
// a CDN would, then fetches the paths the app and the demo need.
func TestExport(t *testing.T) {
	data := t.TempDir()
	d, err := demo.Ensure(data, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	web := t.TempDir()
	fakeWasm(t, web, d.Pinned)
	if err := os.MkdirAll(filepath.Join(web, "icons"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(web, "icons", "icon-192.png"), []byte("\x89PNG\r\n\x1a\nicon"), 0o644)
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := export([]string{"--data", data, "--web", web, out}, &stdout, &stderr); code != 0 {
		t.Fatalf("export: exit %d: %s", code, &stderr)
	}
	if strings.Contains(stderr.String(), "WARNING") {
		t.Errorf("export warned: %s", &stderr)
	}
	fs := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer fs.Close()
	get := func(p string) []byte {
		t.Helper()
		resp, err := http.Get(fs.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", p, resp.StatusCode)
		}
		return b
	}
	if home := get("/"); !bytes.Contains(home, []byte("/app.js")) || !bytes.Contains(home, []byte("Passcheck")) {
		t.Errorf("/ is not the app page: %.300s", home)
	}
	for _, p := range []string{"/app.js", "/wasm_exec.js", "/app-worker.js", "/manifest.webmanifest", "/web/icons/icon-192.png", "/_headers", "/nginx.conf.sample"} {
		get(p)
	}
	wasm := get("/web/app.wasm")
	br, err := io.ReadAll(brotli.NewReader(bytes.NewReader(get("/web/app.wasm.br"))))
	if err != nil || !bytes.Equal(br, wasm) {
		t.Errorf("app.wasm.br does not decode to app.wasm: %v", err)
	}
	if _, err := trust.Open(get("/trust/bundle"), []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, time.Now()); err != nil {
		t.Errorf("exported bundle: %v", err)
	}
	page := get("/demo.html")
	for _, n := range demo.SampleNames {
		if !bytes.Contains(page, []byte("/demo/"+n+".png")) || !bytes.HasPrefix(get("/demo/"+n+".png"), []byte("\x89PNG")) {
			t.Errorf("demo sample %s missing", n)
		}
	}
	// Exporting again into the same, now full, directory is refused.
	if code := export([]string{"--data", data, "--web", web, out}, &stdout, &stderr); code == 0 {
		t.Error("export into a non-empty directory succeeded")
	}
	if code := export([]string{"--data", data}, &stdout, &stderr); code != 2 {
		t.Errorf("export without OUTDIR: exit %d, want 2", code)
	}
}
