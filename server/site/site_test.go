package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/", 200},
		{"GET", "/trust/bundle", 200},
		{"HEAD", "/trust/bundle", 200},
		{"GET", "/healthz", 200},
		{"GET", "/demo", 200},
		{"GET", "/demo/expired.png", 200},
		{"GET", "/web/app.wasm", 200},
		{"GET", "/web/app.css", 200},
		{"GET", "/web/", 404},
		{"GET", "/nope", 404},
		{"POST", "/trust/bundle", 405},
	} {
		resp, _ := get(t, c, tc.method, f.ts.URL+tc.path)
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, resp.StatusCode, tc.status)
		}
		for _, h := range Headers {
			if got := resp.Header.Get(h[0]); got != h[1] {
				t.Errorf("%s %s: %s = %q, want %q", tc.method, tc.path, h[0], got, h[1])
			}
		}
		if got := resp.Header.Get("Strict-Transport-Security"); got != "" {
			t.Errorf("%s %s: HSTS %q over plain HTTP", tc.method, tc.path, got)
		}
	}
	csp := ContentSecurityPolicy
	for _, want := range []string{"script-src 'self' 'wasm-unsafe-eval';", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %q", want)
		}
	}
	if strings.Contains(csp, "'unsafe-eval'") {
		t.Error("CSP allows 'unsafe-eval'")
	}
}

func TestHSTSOverTLS(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil)
	f.ts.StartTLS()
	resp, _ := get(t, f.ts.Client(), "GET", f.ts.URL+"/healthz")
	if got := resp.Header.Get("Strict-Transport-Security"); got != HSTS {
		t.Errorf("HSTS = %q, want %q", got, HSTS)
	}
}

func TestMethods(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"} {
		for _, p := range []string{"/", "/trust/bundle", "/web/app.wasm"} {
			resp, _ := get(t, c, m, f.ts.URL+p)
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d Allow=%q, want 405 with Allow: GET, HEAD", m, p, resp.StatusCode, resp.Header.Get("Allow"))
			}
		}
	}
	for _, p := range []string{"/trust/bundle", "/web/app.wasm", "/demo", "/demo/expired.png", "/web/app.css"} {
		g, gb := get(t, c, "GET", f.ts.URL+p)
		h, hb := get(t, c, "HEAD", f.ts.URL+p)
		if h.StatusCode != 200 || len(hb) != 0 {
			t.Errorf("HEAD %s: %d with %d body bytes", p, h.StatusCode, len(hb))
		}
		if h.ContentLength != int64(len(gb)) || h.Header.Get("Etag") != g.Header.Get("Etag") || h.Header.Get("Content-Type") != g.Header.Get("Content-Type") {
			t.Errorf("HEAD %s: length %d etag %q type %q; GET: %d %q %q", p, h.ContentLength, h.Header.Get("Etag"),
				h.Header.Get("Content-Type"), len(gb), g.Header.Get("Etag"), g.Header.Get("Content-Type"))
		}
	}
}

func TestNoDirectoryListing(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	for _, p := range []string{"/web/", "/web/icons/", "/web/icons", "/web//", "/web/./icons/", "/v1/web/", "/x/web/icons/",
		"/web/../", "/web/%2e%2e/", "/web/.hidden", "/web/icons/../../bundle.cose"} {
		resp, body := get(t, c, "GET", f.ts.URL+p)
		if resp.StatusCode == 200 || bytes.Contains(body, []byte("icon-192")) || bytes.Contains(body, []byte("app.wasm")) || bytes.Contains(body, []byte("FAKE seq")) {
			t.Errorf("GET %s: %d %q: a listing or a file outside web/", p, resp.StatusCode, body)
		}
	}
	resp, body := get(t, c, "GET", f.ts.URL+"/web/icons/icon-192.png")
	if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte("\x89PNG")) || resp.Header.Get("Content-Type") != "image/png" {
		t.Errorf("icon: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestWasmEncoding(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	etags := map[string]string{}
	for _, tc := range []struct{ accept, want string }{
		{"", ""},
		{"identity", ""},
		{"gzip", "gzip"},
		{"br", "br"},
		{"gzip, deflate, br, zstd", "br"},
		{"br;q=0, gzip", "gzip"},
		{"BR;Q=0.5", "br"},
		{"*", "br"},
		{"*;q=0", ""},
		{"gzip;q=0, br;q=0", ""},
	} {
		for _, p := range []string{"/web/app.wasm", "/app.wasm"} {
			resp, body := get(t, c, "GET", f.ts.URL+p, "Accept-Encoding", tc.accept)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != tc.want {
				t.Fatalf("%s AE=%q: %d Content-Encoding %q, want %q", p, tc.accept, resp.StatusCode, resp.Header.Get("Content-Encoding"), tc.want)
			}
			if resp.Header.Get("Content-Type") != "application/wasm" || resp.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("%s AE=%q: type %q vary %q", p, tc.accept, resp.Header.Get("Content-Type"), resp.Header.Get("Vary"))
			}
			if got := resp.Header.Get(WasmLengthHeader); got != f.srv.wasm.rawH[0] {
				t.Errorf("%s: %s = %q", p, WasmLengthHeader, got)
			}
			var r io.Reader = bytes.NewReader(body)
			switch tc.want {
			case "br":
				r = brotli.NewReader(r)
			case "gzip":
				zr, err := gzip.NewReader(r)
				must(t, err)
				r = zr
			}
			raw, err := io.ReadAll(r)
			must(t, err)
			if !bytes.Equal(raw, f.wasm) {
				t.Fatalf("%s AE=%q: body does not decode to app.wasm", p, tc.accept)
			}
			etag := resp.Header.Get("Etag")
			if strings.HasPrefix(etag, "W/") || !strings.HasPrefix(etag, `"`) {
				t.Errorf("ETag %q is not strong", etag)
			}
			if prev, ok := etags[tc.want]; ok && prev != etag {
				t.Errorf("encoding %q has two ETags: %q, %q", tc.want, prev, etag)
			}
			etags[tc.want] = etag
			nm, nb := get(t, c, "GET", f.ts.URL+p, "Accept-Encoding", tc.accept, "If-None-Match", etag)
			if nm.StatusCode != http.StatusNotModified || len(nb) != 0 {
				t.Errorf("%s AE=%q with If-None-Match: %d", p, tc.accept, nm.StatusCode)
			}
		}
	}
	if len(etags) != 3 || etags[""] == etags["br"] || etags["br"] == etags["gzip"] {
		t.Errorf("each encoding needs its own strong ETag: %v", etags)
	}
	// The compressed copies are cached for the next start, in the cache
	// folder: never in the served tree.
	for _, ext := range []string{".br", ".gz"} {
		if _, err := os.Stat(filepath.Join(f.srv.cfg.CacheDir, "app.wasm"+ext)); err != nil {
			t.Errorf("no cached app.wasm%s: %v", ext, err)
		}
	}
	if _, err := os.Stat(filepath.Join(f.web, "app.wasm.gz")); err == nil {
		t.Error("a compressed copy was written into the web folder")
	}
}

func TestWasmCacheChecked(t *testing.T) {
	// A stale or corrupt compressed copy in the cache must not be served.
	f := newFixture(t, fakeKit{}, nil)
	stale := compressBrotli([]byte("an older app"), 5)
	must(t, os.WriteFile(filepath.Join(f.srv.cfg.CacheDir, "app.wasm.br"), stale, 0o644))
	must(t, os.WriteFile(filepath.Join(f.srv.cfg.CacheDir, "app.wasm.gz"), []byte("not gzip"), 0o644))
	s, err := New(f.srv.cfg)
	must(t, err)
	for _, v := range []*variant{s.wasm.br.Load(), s.wasm.gz} {
		dec := unbrotli
		if v == s.wasm.gz {
			dec = gunzip
		}
		raw, err := dec(v.body, len(f.wasm))
		if err != nil || !bytes.Equal(raw, f.wasm) {
			t.Errorf("served a stale compressed copy (%v)", err)
		}
	}
	// And a good cached copy is reused as is.
	good, err := os.ReadFile(filepath.Join(f.srv.cfg.CacheDir, "app.wasm.br"))
	must(t, err)
	s2, err := New(f.srv.cfg)
	must(t, err)
	if !bytes.Equal(s2.wasm.br.Load().body, good) {
		t.Error("a valid cached app.wasm.br was not reused")
	}
}

func TestWasmBackgroundBrotli(t *testing.T) {
	f := newFixture(t, fakeKit{}, func(c *Config) { c.BrotliLevel = 7 })
	f.srv.Wait()
	v := f.srv.wasm.br.Load()
	if want := compressBrotli(f.wasm, 7); !bytes.Equal(v.body, want) {
		t.Errorf("after Wait the level-7 copy (%d bytes) is not served (%d bytes)", len(want), len(v.body))
	}
}

func TestBundleResponses(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	want := f.kit.make(1)
	etag := etagOf(want)
	resp, body := get(t, c, "GET", f.ts.URL+"/trust/bundle")
	if resp.StatusCode != 200 || !bytes.Equal(body, want) {
		t.Fatalf("GET: %d, body equal %t", resp.StatusCode, bytes.Equal(body, want))
	}
	for k, v := range map[string]string{"Etag": etag, "Cache-Control": BundleCacheControl, "Content-Type": BundleContentType} {
		if resp.Header.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, resp.Header.Get(k), v)
		}
	}
	for _, tc := range []struct {
		inm  string
		code int
	}{
		{etag, 304},
		{"W/" + etag, 304},
		{`"x", ` + etag, 304},
		{"*", 304},
		{`"other"`, 200},
		{strings.Trim(etag, `"`), 200},
	} {
		resp, body := get(t, c, "GET", f.ts.URL+"/trust/bundle", "If-None-Match", tc.inm)
		if resp.StatusCode != tc.code {
			t.Errorf("If-None-Match %q: %d, want %d", tc.inm, resp.StatusCode, tc.code)
		}
		if tc.code == 304 && (len(body) != 0 || resp.Header.Get("Etag") != etag || resp.Header.Get("Cache-Control") != BundleCacheControl) {
			t.Errorf("304 for %q: body %d bytes, ETag %q, Cache-Control %q", tc.inm, len(body), resp.Header.Get("Etag"), resp.Header.Get("Cache-Control"))
		}
	}
}

func TestBundleReload(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	served := func() []byte { _, b := get(t, c, "GET", f.ts.URL+"/trust/bundle"); return b }

	tampered := f.kit.make(5)
	tampered[3] ^= 1
	for _, tc := range []struct {
		name string
		body []byte
		ok   bool
		want uint64 // seq served afterwards
	}{
		{"newer", f.kit.make(3), true, 3},
		{"same again", f.kit.make(3), true, 3},
		{"tampered", tampered, false, 3},
		{"rollback", f.kit.make(2), false, 3},
		{"empty", nil, false, 3},
		{"equal seq", f.kit.make(3), true, 3},
		{"newer still", f.kit.make(9), true, 9},
	} {
		writeFileAtomic(t, f.bundle, tc.body)
		err := f.srv.ReloadBundle()
		if tc.ok != (err == nil) || (err != nil && !errors.Is(err, ErrBundleRefused)) {
			t.Errorf("%s: ReloadBundle = %v", tc.name, err)
		}
		if got := served(); !bytes.Equal(got, f.kit.make(tc.want)) {
			t.Errorf("%s: serving %.20q, want seq %d", tc.name, got, tc.want)
		}
	}
	// A missing file is not a refusal of content, but the old bundle stays.
	must(t, os.Remove(f.bundle))
	if err := f.srv.ReloadBundle(); err == nil || errors.Is(err, ErrBundleRefused) {
		t.Errorf("missing file: %v", err)
	}
	if seq, _ := f.srv.BundleSeq(); seq != 9 {
		t.Errorf("seq %d after the file vanished", seq)
	}
}

func TestNewRefusesBadBundle(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "b")
	must(t, os.WriteFile(p, []byte("garbage"), 0o644))
	_, err := New(Config{BundlePath: p, VerifyBundle: fakeKit{}.verify})
	if !errors.Is(err, ErrBundleRefused) {
		t.Errorf("New with a bad bundle: %v", err)
	}
	must(t, os.WriteFile(p, make([]byte, MaxBundleSize+1), 0o644))
	if _, err := New(Config{BundlePath: p, VerifyBundle: fakeKit{}.verify}); err == nil {
		t.Error("New accepted an oversize bundle")
	}
}

func TestWatchBundle(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	ticks := make(chan time.Time)
	done := make(chan struct{})
	go func() { f.srv.watch(ctx, ticks); close(done) }()
	defer func() { cancel(); <-done }()
	// Each send returns once the loop took the tick; the second send of a
	// pair therefore waits until the first tick's work is done.
	tick := func() { ticks <- time.Time{}; ticks <- time.Time{} }

	writeFileAtomic(t, f.bundle, f.kit.make(4))
	tick()
	if seq, _ := f.srv.BundleSeq(); seq != 4 {
		t.Fatalf("after a file change: seq %d, want 4", seq)
	}
	bad := f.kit.make(6)
	bad[len(bad)-1] ^= 1
	writeFileAtomic(t, f.bundle, bad)
	tick()
	if seq, _ := f.srv.BundleSeq(); seq != 4 {
		t.Fatalf("a bad file was swapped in: seq %d", seq)
	}
	writeFileAtomic(t, f.bundle, f.kit.make(6))
	tick()
	if seq, _ := f.srv.BundleSeq(); seq != 6 {
		t.Fatalf("after the fixed file: seq %d, want 6", seq)
	}
}

func TestDemo(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	resp, page := get(t, c, "GET", f.ts.URL+"/demo")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("/demo: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, s := range f.srv.cfg.Demo {
		for _, want := range []string{`src="/demo/` + s.Name + `.png"`, "<h2>" + s.Name + "</h2>", s.Expect} {
			if !strings.Contains(string(page), want) {
				t.Errorf("/demo lacks %q", want)
			}
		}
		resp, img := get(t, c, "GET", f.ts.URL+"/demo/"+s.Name+".png")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !bytes.Equal(img, s.PNG) {
			t.Errorf("/demo/%s.png: %d %q", s.Name, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
	if strings.Contains(string(page), "<script>") || !strings.Contains(string(page), "DEMO") {
		t.Error("/demo: text not escaped or no DEMO banner")
	}
	for _, p := range []string{"/demo/nope.png", "/demo/expired", "/demo/expired.png/", "/demo/../demo"} {
		if resp, _ := get(t, c, "GET", f.ts.URL+p); resp.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
	}
	for _, bad := range []Sample{{Name: "Bad Name", PNG: testPNG(t, 1)}, {Name: "x", PNG: []byte("GIF89a")}} {
		if _, err := newDemoPages([]Sample{bad}, 5); err == nil {
			t.Errorf("sample %q accepted", bad.Name)
		}
	}
}

// SetDemo swaps the samples a running server shows: the new ones at once,
// the old ones gone; a bad set is refused and the served one kept.
func TestSetDemo(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	fresh := []Sample{{Name: "valid-vaccination", Expect: "valid, issued anew", Text: "HC1:CCC", PNG: testPNG(t, 4)},
		{Name: "shc-valid", Expect: "valid SMART", Text: "shc:/0123", PNG: testPNG(t, 5)}}
	if err := f.srv.SetDemo(fresh); err != nil {
		t.Fatal(err)
	}
	check := func(want []Sample, gone string) {
		t.Helper()
		_, page := get(t, c, "GET", f.ts.URL+"/demo")
		for _, s := range want {
			if !strings.Contains(string(page), s.Text) || !strings.Contains(string(page), s.Expect) {
				t.Errorf("/demo lacks %s's text or expectation", s.Name)
			}
			if resp, img := get(t, c, "GET", f.ts.URL+"/demo/"+s.Name+".png"); resp.StatusCode != 200 || !bytes.Equal(img, s.PNG) {
				t.Errorf("/demo/%s.png: %d, not the new picture", s.Name, resp.StatusCode)
			}
		}
		if resp, _ := get(t, c, "GET", f.ts.URL+"/demo/"+gone+".png"); resp.StatusCode != 404 {
			t.Errorf("/demo/%s.png: %d after it was replaced", gone, resp.StatusCode)
		}
		if strings.Contains(string(page), "HC1:AAA") {
			t.Error("/demo still shows a replaced sample")
		}
	}
	check(fresh, "expired")
	if err := f.srv.SetDemo([]Sample{{Name: "Bad Name", PNG: testPNG(t, 1)}}); err == nil {
		t.Error("a bad sample accepted")
	}
	check(fresh, "expired")
	if err := f.srv.SetDemo(nil); err != nil {
		t.Fatal(err)
	}
	if resp, _ := get(t, c, "GET", f.ts.URL+"/demo"); resp.StatusCode != 404 {
		t.Errorf("/demo without samples: %d", resp.StatusCode)
	}
}

// /healthz names the bundle served by seq, ETag and fingerprint (the
// verifier's, not a hash the server makes up), and follows a reload.
func TestHealthz(t *testing.T) {
	for _, kit := range []bundleKit{fakeKit{}, newTrustKit(t)} {
		f := newFixture(t, kit, nil).start()
		check := func(seq uint64) {
			t.Helper()
			resp, body := get(t, rawClient(), "GET", f.ts.URL+"/healthz")
			var h struct {
				OK                bool
				BundleSeq         uint64
				BundleETag        string
				BundleFingerprint string
				Wasm              bool
			}
			if err := json.Unmarshal(body, &h); err != nil {
				t.Fatalf("/healthz: %v: %s", err, body)
			}
			want, err := kit.verify(kit.make(seq))
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" || !h.OK || !h.Wasm ||
				h.BundleSeq != seq || h.BundleETag != etagOf(kit.make(seq)) || h.BundleFingerprint == "" ||
				h.BundleFingerprint != want.Fingerprint || f.srv.Bundle() != want {
				t.Errorf("%T: /healthz: %d %s, want seq %d fingerprint %s", kit, resp.StatusCode, body, seq, want.Fingerprint)
			}
		}
		check(1)
		writeFileAtomic(t, f.bundle, kit.make(3))
		if err := f.srv.ReloadBundle(); err != nil {
			t.Fatal(err)
		}
		check(3)
	}
}

func TestNoApp(t *testing.T) {
	f := newFixture(t, fakeKit{}, func(c *Config) { c.App = nil; c.WebDir = ""; c.Demo = nil }).start()
	for _, p := range []string{"/", "/web/app.wasm", "/demo", "/web/app.css"} {
		if resp, _ := get(t, rawClient(), "GET", f.ts.URL+p); resp.StatusCode != 404 {
			t.Errorf("%s without app: %d", p, resp.StatusCode)
		}
	}
}

func TestNegotiation(t *testing.T) {
	for _, tc := range []struct {
		header, coding string
		want           bool
	}{
		{"br", "br", true}, {"gzip, br", "br", true}, {" br ; q=0.1", "br", true}, {"br;q=0", "br", false},
		{"br;q=0.000", "br", false}, {"gzip", "br", false}, {"*", "gzip", true}, {"*;q=0, gzip", "gzip", true},
		{"brx", "br", false}, {"", "br", false}, {"br;q=bogus", "br", true},
	} {
		if got := acceptsEncoding(tc.header, tc.coding); got != tc.want {
			t.Errorf("acceptsEncoding(%q, %q) = %t", tc.header, tc.coding, got)
		}
	}
	for _, tc := range []struct {
		header, etag string
		want         bool
	}{
		{`"a"`, `"a"`, true}, {`W/"a"`, `"a"`, true}, {`"b", "a"`, `"a"`, true}, {`*`, `"a"`, true},
		{``, `"a"`, false}, {`"ab"`, `"a"`, false}, {`a`, `"a"`, false},
	} {
		if got := noneMatch(tc.header, tc.etag); got != tc.want {
			t.Errorf("noneMatch(%q, %q) = %t", tc.header, tc.etag, got)
		}
	}
}

var _ = httptest.NewServer

// TestCloseStopsCacheWrites: once Close returns, a background brotli pass
// that ends later writes nothing into the cache folder (serve's data
// folder), so a stopped server leaves its folders alone.
func TestCloseStopsCacheWrites(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil)
	f.srv.Wait()
	base := filepath.Join(f.srv.cfg.CacheDir, "late")
	f.srv.writeCache(base, ".br", []byte("before"))
	if _, err := os.Stat(base + ".br"); err != nil {
		t.Fatalf("no cache write before Close: %v", err)
	}
	f.srv.Close()
	f.srv.writeCache(base, ".gz", []byte("after"))
	if _, err := os.Stat(base + ".gz"); err == nil {
		t.Error("a cache write after Close reached the folder")
	}
	// Serving goes on.
	f.start()
	if resp, _ := get(t, f.ts.Client(), "GET", f.ts.URL+"/web/app.wasm"); resp.StatusCode != http.StatusOK {
		t.Errorf("after Close: %d", resp.StatusCode)
	}
}
