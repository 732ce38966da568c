//go:build !wasm

package main

import (
	"bytes"
	"crypto"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	pwa "passcheck/app"
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
	appWeb(t, web, d.Pinned)
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := export([]string{"--data", data, "--web", web, out}, &stdout, &stderr); code != 0 {
		t.Fatalf("export: exit %d: %s", code, &stderr)
	}
	if strings.Contains(stderr.String(), "WARNING") {
		t.Errorf("export warned: %s", &stderr)
	}
	hs := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer hs.Close()
	get := func(p string) []byte {
		t.Helper()
		resp, err := http.Get(hs.URL + p)
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
	for _, n := range demoNames() {
		if !bytes.Contains(page, []byte("/demo/"+n+".png")) || !bytes.HasPrefix(get("/demo/"+n+".png"), []byte("\x89PNG")) {
			t.Errorf("demo sample %s missing", n)
		}
	}
	// The export's web/ holds what the server serves there, and nothing else
	// of the web folder (sources, benchmark pages, stray compressed copies).
	want, seen := map[string]bool{}, map[string]bool{}
	for _, p := range pwa.WebFiles() {
		want[strings.TrimPrefix(p, "/")] = true
	}
	filepath.WalkDir(filepath.Join(out, "web"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if !want[strings.TrimSuffix(strings.TrimSuffix(rel, ".br"), ".gz")] {
			t.Errorf("the export has %s, which the server does not serve", rel)
		}
		seen[rel] = true
		return nil
	})
	for p := range want {
		if !seen[p] {
			t.Errorf("the export lacks %s", p)
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
