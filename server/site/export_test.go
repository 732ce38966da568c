package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

type exportPage struct{ app.Compo }

func (*exportPage) Render() app.UI { return app.H1().ID("exported").Text("exported page") }

// TestExport writes a static site and serves it with a plain file server, as
// a CDN or object store would, then fetches the paths the app needs.
func TestExport(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil)
	app.Route("/", func() app.Composer { return &exportPage{} })
	h := &app.Handler{Name: "Export test", Version: "v-export-test",
		Icon: app.Icon{Default: "/web/icons/icon-192.png"}}
	out := filepath.Join(t.TempDir(), "site")
	cfg := f.srv.cfg
	if err := Export(out, h, cfg); err != nil {
		t.Fatal(err)
	}
	if err := Export(out, h, cfg); err == nil {
		t.Error("Export into a non-empty directory succeeded")
	}
	fs := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer fs.Close()
	c := rawClient()
	fetch := func(p string) []byte {
		t.Helper()
		resp, body := get(t, c, "GET", fs.URL+p)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", p, resp.StatusCode)
		}
		return body
	}
	if page := fetch("/"); !bytes.Contains(page, []byte("exported page")) || !bytes.Contains(page, []byte("/app.js")) {
		t.Errorf("/: not the prerendered page: %.200s", page)
	}
	for _, p := range []string{"/app.js", "/wasm_exec.js", "/app-worker.js", "/manifest.webmanifest", "/app.css", "/web/icons/icon-192.png", "/web/app.css"} {
		fetch(p)
	}
	if !bytes.Equal(fetch("/web/app.wasm"), f.wasm) {
		t.Error("web/app.wasm differs")
	}
	br, err := io.ReadAll(brotli.NewReader(bytes.NewReader(fetch("/web/app.wasm.br"))))
	if err != nil || !bytes.Equal(br, f.wasm) {
		t.Errorf("web/app.wasm.br does not decode to app.wasm (%v)", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(fetch("/web/app.wasm.gz")))
	must(t, err)
	gz, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(gz, f.wasm) {
		t.Errorf("web/app.wasm.gz does not decode to app.wasm (%v)", err)
	}
	if info, err := f.kit.verify(fetch("/trust/bundle")); err != nil || info.Seq != 1 {
		t.Errorf("trust/bundle: seq %d, %v", info.Seq, err)
	}
	// FILE.br and FILE.gz beside the bundle and every text file, for hosts
	// that serve them (nginx gzip_static); none where they would not be
	// smaller, nor for pictures.
	for _, p := range []string{"/trust/bundle", "/web/style.css", "/web/boot.js", "/web/icons/icon.svg", "/index.html",
		"/app.js", "/wasm_exec.js", "/app.css", "/app-worker.js", "/manifest.webmanifest", "/demo.html"} {
		raw := fetch(p)
		for _, enc := range []string{"br", "gzip"} {
			c := fetch(p + map[string]string{"br": ".br", "gzip": ".gz"}[enc])
			if d := decode(t, enc, c); !bytes.Equal(d, raw) || len(c) >= len(raw) {
				t.Errorf("%s: the %s copy (%d bytes) does not decode to the file (%d bytes)", p, enc, len(c), len(raw))
			}
		}
	}
	for _, p := range []string{"/web/app.css", "/web/icons/icon-192.png", "/demo/expired.png", "/_headers", "/nginx.conf.sample"} {
		for _, ext := range []string{".br", ".gz"} {
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p+ext))); err == nil {
				t.Errorf("export has %s%s", p, ext)
			}
		}
	}
	demo := fetch("/demo.html")
	for _, s := range cfg.Demo {
		if !bytes.Contains(demo, []byte(`/demo/`+s.Name+`.png`)) || !bytes.Equal(fetch("/demo/"+s.Name+".png"), s.PNG) {
			t.Errorf("demo sample %s missing", s.Name)
		}
	}
	hdrs := string(fetch("/_headers"))
	for _, want := range []string{"/*\n", "Content-Security-Policy: " + ContentSecurityPolicy, "/trust/bundle\n", "Cache-Control: " + BundleCacheControl, "Content-Type: application/wasm"} {
		if !strings.Contains(hdrs, want) {
			t.Errorf("_headers lacks %q", want)
		}
	}
	ng := string(fetch("/nginx.conf.sample"))
	for _, want := range []string{"\ngzip_static on;", "\ngzip_vary on;", "\n# brotli_static on;", "frame-ancestors 'none'"} {
		if !strings.Contains(ng, want) {
			t.Errorf("nginx.conf.sample lacks %q", want)
		}
	}
	// Only what the server serves: no file of the web folder that is not
	// listed (sources, benchmark pages, stray compressed copies).
	// (web/app.wasm.br is there, but the fresh copy: not the stale one.)
	for name, body := range fixtureUnlisted {
		if b, err := os.ReadFile(filepath.Join(out, "web", filepath.FromSlash(name))); err == nil && string(b) == body {
			t.Errorf("export has web/%s, which the server does not serve", name)
		}
	}
	// No dotfiles or temporary files leak into the export.
	filepath.Walk(out, func(p string, fi os.FileInfo, err error) error {
		if err == nil && strings.HasPrefix(fi.Name(), ".") {
			t.Errorf("export contains %s", p)
		}
		return nil
	})
}
