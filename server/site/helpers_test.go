package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// bundleKit makes trust bundles of a given seq and verifies them, standing
// for verify/trust in tests of the server alone.
type bundleKit interface {
	make(seq uint64) []byte
	verify(b []byte) (BundleInfo, error)
}

// fakeKit's bundles are "FAKE seq=N\n" + filler + "\nsum=" + hex(SHA-256 of
// all before): a torn or spliced body fails its sum, which is also the
// fingerprint.
type fakeKit struct{}

var errFakeBundle = errors.New("fake bundle does not verify")

func (fakeKit) make(seq uint64) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "FAKE seq=%d\n", seq)
	for i := 0; i < 256+int(seq%7)*31; i++ {
		fmt.Fprintf(&b, "%d:%d,", seq, i)
	}
	sum := sha256.Sum256(b.Bytes())
	b.WriteString("\nsum=" + hex.EncodeToString(sum[:]))
	return b.Bytes()
}

func (fakeKit) verify(b []byte) (BundleInfo, error) {
	i := bytes.LastIndex(b, []byte("\nsum="))
	if i < 0 {
		return BundleInfo{}, errFakeBundle
	}
	sum := sha256.Sum256(b[:i])
	if string(b[i+5:]) != hex.EncodeToString(sum[:]) {
		return BundleInfo{}, errFakeBundle
	}
	var seq uint64
	if _, err := fmt.Sscanf(string(b), "FAKE seq=%d\n", &seq); err != nil {
		return BundleInfo{}, errFakeBundle
	}
	return BundleInfo{Seq: seq, Fingerprint: string(b[i+5:])}, nil
}

// etagOf is the ETag the server must send for body.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
}

// testWasm is compressible bytes that start like a wasm module.
func testWasm() []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	for i := 0; len(b) < 300<<10; i++ {
		b = append(b, "func "+strconv.Itoa(i%977)+" local.get i32.add;"...)
	}
	return b
}

// testText is the fixture's compressible /web/ files, by path in web/.
func testText() map[string][]byte {
	var css, js bytes.Buffer
	for i := 0; i < 120; i++ {
		fmt.Fprintf(&css, ".c%d { color: #%06x; margin: %dpx; }\n", i, i*4099, i%9)
	}
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&js, "self.addEventListener(\"message%d\", (e) => { postMessage(e.data + %d); });\n", i, i)
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
		strings.Repeat(`<rect x="8" y="8" width="48" height="48" rx="8" fill="#101418"/>`, 8) + `</svg>`
	return map[string][]byte{"style.css": css.Bytes(), "boot.js": js.Bytes(), "icons/icon.svg": []byte(svg)}
}

func testPNG(t testing.TB, shade uint8) []byte {
	img := image.NewGray(image.Rect(0, 0, 21, 21))
	for i := range img.Pix {
		img.Pix[i] = shade ^ uint8(i*37)
	}
	img.Set(0, 0, color.Gray{shade})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// writeFileAtomic replaces path the way an operator should: write, rename.
func writeFileAtomic(t testing.TB, path string, b []byte) {
	t.Helper()
	tmp := path + ".new"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

type fixture struct {
	dir    string
	bundle string
	web    string
	wasm   []byte
	kit    bundleKit
	srv    *Server
	ts     *httptest.Server
}

// fixtureWebFiles are the fixture's served web files (app.wasm aside).
var fixtureWebFiles = []string{"/web/icons/icon-192.png", "/web/app.css", "/web/style.css", "/web/boot.js", "/web/icons/icon.svg"}

// fixtureUnlisted are files of the fixture's web dir that are not the
// app's: never served.
var fixtureUnlisted = map[string]string{
	"icons/gen.go":         "package main // generates the icons",
	"qrbench/index.html":   "<!DOCTYPE html><title>qrbench</title>",
	"qrbench/package.json": `{"name": "qrbench"}`,
	"app.wasm.br":          "a stale compressed copy",
	"notes.txt":            "private notes",
}

// newFixture lays out a web dir (app.wasm, an icon, a sub-directory, files
// that are not the app's) and a bundle of seq 1, and starts the site behind
// the production HTTP limits.
func newFixture(t testing.TB, kit bundleKit, edit func(*Config)) *fixture {
	t.Helper()
	f := &fixture{dir: t.TempDir(), kit: kit, wasm: testWasm()}
	f.bundle = filepath.Join(f.dir, "bundle.cose")
	f.web = filepath.Join(f.dir, "web")
	if err := os.MkdirAll(filepath.Join(f.web, "icons"), 0o755); err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(filepath.Join(f.web, "app.wasm"), f.wasm, 0o644))
	must(t, os.WriteFile(filepath.Join(f.web, "icons", "icon-192.png"), testPNG(t, 1), 0o644))
	must(t, os.WriteFile(filepath.Join(f.web, "app.css"), []byte("body{}"), 0o644)) // too small to gain from compression
	for name, body := range testText() {
		must(t, os.WriteFile(filepath.Join(f.web, filepath.FromSlash(name)), body, 0o644))
	}
	for name, body := range fixtureUnlisted {
		p := filepath.Join(f.web, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(body), 0o644))
	}
	writeFileAtomic(t, f.bundle, kit.make(1))
	app := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<!DOCTYPE html><title>app</title>")
	})
	c := Config{
		App:          app,
		WebDir:       f.web,
		WebFiles:     fixtureWebFiles,
		CacheDir:     filepath.Join(f.dir, "cache"),
		BundlePath:   f.bundle,
		VerifyBundle: kit.verify,
		BrotliLevel:  5,
		Demo: []Sample{
			{Name: "valid-vaccination", Expect: "valid", Text: "HC1:AAA", PNG: testPNG(t, 2)},
			{Name: "expired", Expect: "invalid: expired", Text: "HC1:BBB<script>", PNG: testPNG(t, 3)},
		},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if edit != nil {
		edit(&c)
	}
	s, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = s
	f.ts = httptest.NewUnstartedServer(s)
	hs := NewHTTPServer("", s)
	f.ts.Config.ReadHeaderTimeout = hs.ReadHeaderTimeout
	f.ts.Config.ReadTimeout = hs.ReadTimeout
	f.ts.Config.WriteTimeout = hs.WriteTimeout
	f.ts.Config.IdleTimeout = hs.IdleTimeout
	f.ts.Config.MaxHeaderBytes = hs.MaxHeaderBytes
	t.Cleanup(func() { f.ts.Close(); s.Wait() })
	return f
}

func (f *fixture) start() *fixture { f.ts.Start(); return f }

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// get sends a request with optional headers (pairs) and returns the
// response with its body read.
func get(t testing.TB, c *http.Client, method, url string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	must(t, err)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.Do(req)
	must(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(t, err)
	return resp, body
}

// rawClient does no transparent gzip, so Content-Encoding is visible.
func rawClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableCompression: true}}
}
