package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// goApp is a real go-app handler, as passcheck serve has: one version ETag
// for every path, files and pages rendered on every request.
func goApp() *app.Handler {
	app.Route("/", func() app.Composer { return &exportPage{} })
	return &app.Handler{Name: "Compress test", Version: "v-compress-test",
		Icon: app.Icon{Default: "/web/icons/icon-192.png", SVG: "/web/icons/icon.svg"}}
}

// samePage compares go-app pages, which list each element's attributes in
// random order (map order): the same lines, up to the order of the words.
func samePage(a, b []byte) bool {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	if len(la) != len(lb) {
		return false
	}
	for i := range la {
		sp := strings.NewReplacer(">", " > ", "<", " < ")
		wa, wb := strings.Fields(sp.Replace(string(la[i]))), strings.Fields(sp.Replace(string(lb[i])))
		slices.Sort(wa)
		slices.Sort(wb)
		if !slices.Equal(wa, wb) {
			return false
		}
	}
	return true
}

// decode undoes a Content-Encoding.
func decode(t testing.TB, enc string, body []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(body)
	switch enc {
	case "":
		return body
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		must(t, err)
		r = zr
	default:
		t.Fatalf("unexpected Content-Encoding %q", enc)
	}
	d, err := io.ReadAll(r)
	must(t, err)
	return d
}

// TestEncodings: every path serving text (or the bundle, or app.wasm) ×
// Accept-Encoding: the right coding, a body that decodes to exactly the
// identity bytes, Vary, one strong ETag per coding, 304 for each, HEAD.
func TestEncodings(t *testing.T) {
	f := newFixture(t, fakeKit{}, func(c *Config) { c.App = goApp(); c.BrotliLevel = 7 })
	f.srv.Wait() // the background brotli passes are done: variants are final
	f.start()
	c := rawClient()
	paths := []struct {
		path       string
		compressed bool // false: too small to gain, or a picture
		vary       bool
	}{
		{"/trust/bundle", true, true},
		{"/web/app.wasm", true, true},
		{"/web/style.css", true, true},
		{"/web/boot.js", true, true},
		{"/web/icons/icon.svg", true, true},
		{"/web/app.css", false, true},
		{"/web/icons/icon-192.png", false, false},
		{"/demo", true, true},
		{"/", true, true},
		{"/app.js", true, true},
		{"/wasm_exec.js", true, true},
		{"/app.css", true, true},
		{"/app-worker.js", true, true},
		{"/manifest.webmanifest", true, true},
	}
	encs := []struct{ ae, want string }{
		{"br", "br"}, {"gzip", "gzip"}, {"br;q=0", ""}, {"br;q=0, gzip", "gzip"}, {"", ""}, {"*", "br"},
		{"gzip, deflate, br, zstd", "br"}, {"identity", ""}, {"*;q=0", ""},
	}
	for _, pc := range paths {
		t.Run(pc.path, func(t *testing.T) {
			url := f.ts.URL + pc.path
			id, identity := get(t, c, "GET", url)
			if id.StatusCode != 200 || len(identity) == 0 {
				t.Fatalf("identity: %d, %d bytes", id.StatusCode, len(identity))
			}
			etags := map[string]string{} // by coding
			for _, e := range encs {
				want := e.want
				if !pc.compressed {
					want = ""
				}
				resp, body := get(t, c, "GET", url, "Accept-Encoding", e.ae)
				enc := resp.Header.Get("Content-Encoding")
				if resp.StatusCode != 200 || enc != want {
					t.Fatalf("AE %q: %d, Content-Encoding %q, want %q", e.ae, resp.StatusCode, enc, want)
				}
				if d := decode(t, enc, body); !bytes.Equal(d, identity) && !(pc.path == "/" && samePage(d, identity)) {
					t.Fatalf("AE %q: body decodes to %d bytes that differ from the identity's %d", e.ae, len(d), len(identity))
				}
				if want != "" && len(body) >= len(identity) {
					t.Errorf("AE %q: %d bytes compressed, %d identity", e.ae, len(body), len(identity))
				}
				if got := resp.Header.Get("Vary"); pc.vary && got != "Accept-Encoding" {
					t.Errorf("AE %q: Vary %q", e.ae, got)
				}
				for _, k := range []string{"Content-Type", "Cache-Control", "Last-Modified", "Content-Security-Policy"} {
					if resp.Header.Get(k) != id.Header.Get(k) {
						t.Errorf("AE %q: %s %q, identity has %q", e.ae, k, resp.Header.Get(k), id.Header.Get(k))
					}
				}
				if resp.ContentLength != int64(len(body)) {
					t.Errorf("AE %q: Content-Length %d for %d bytes", e.ae, resp.ContentLength, len(body))
				}
				etag := resp.Header.Get("Etag")
				if pc.path == "/web/icons/icon-192.png" {
					continue // http.FileServer: Last-Modified, no ETag
				}
				if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) {
					t.Errorf("AE %q: ETag %q is not strong", e.ae, etag)
				}
				if prev, ok := etags[want]; ok && prev != etag {
					t.Errorf("coding %q has two ETags: %q, %q", want, prev, etag)
				}
				etags[want] = etag
				nm, nb := get(t, c, "GET", url, "Accept-Encoding", e.ae, "If-None-Match", etag)
				if nm.StatusCode != 304 || len(nb) != 0 || nm.Header.Get("Etag") != etag || (pc.vary && nm.Header.Get("Vary") != "Accept-Encoding") {
					t.Errorf("AE %q, If-None-Match %s: %d, %d bytes, ETag %q, Vary %q", e.ae, etag, nm.StatusCode, len(nb), nm.Header.Get("Etag"), nm.Header.Get("Vary"))
				}
				hd, hb := get(t, c, "HEAD", url, "Accept-Encoding", e.ae)
				sameLen := hd.ContentLength == int64(len(body))
				if pc.path == "/" && enc != "" {
					sameLen = hd.ContentLength > 0 // each render compresses to its own length
				}
				if hd.StatusCode != 200 || len(hb) != 0 || !sameLen ||
					hd.Header.Get("Content-Encoding") != enc || hd.Header.Get("Etag") != etag {
					t.Errorf("HEAD AE %q: %d, %d body bytes, length %d (GET %d), coding %q, ETag %q", e.ae, hd.StatusCode, len(hb),
						hd.ContentLength, len(body), hd.Header.Get("Content-Encoding"), hd.Header.Get("Etag"))
				}
			}
			if pc.path == "/web/icons/icon-192.png" {
				return
			}
			if pc.compressed && (len(etags) != 3 || etags[""] == etags["br"] || etags[""] == etags["gzip"] || etags["br"] == etags["gzip"]) {
				t.Errorf("each coding needs its own ETag: %v", etags)
			}
			// Any coding's ETag revalidates whatever is negotiated now (the
			// content is the same); the 304 names what the client holds.
			for coding, etag := range etags {
				for _, e := range encs {
					nm, _ := get(t, c, "GET", url, "Accept-Encoding", e.ae, "If-None-Match", etag)
					if nm.StatusCode != 304 || nm.Header.Get("Etag") != etag {
						t.Errorf("AE %q with the %q ETag %s: %d, ETag %q", e.ae, coding, etag, nm.StatusCode, nm.Header.Get("Etag"))
					}
				}
			}
			// An ETag of other content does not.
			if pc.path != "/web/app.css" {
				if nm, _ := get(t, c, "GET", url, "Accept-Encoding", "br", "If-None-Match", `"other"`); nm.StatusCode != 200 {
					t.Errorf("If-None-Match \"other\": %d", nm.StatusCode)
				}
			}
		})
	}
}

// TestRangeGetsIdentity: a range is never cut from a compressed body. /web/
// text gets the range of the identity bytes; the bundle, app.wasm and the
// app's responses ignore Range (as before) and send the whole body.
func TestRangeGetsIdentity(t *testing.T) {
	f := newFixture(t, fakeKit{}, func(c *Config) { c.App = goApp() }).start()
	c := rawClient()
	css := testText()["style.css"]
	resp, body := get(t, c, "GET", f.ts.URL+"/web/style.css", "Accept-Encoding", "br", "Range", "bytes=0-9")
	if resp.StatusCode != 206 || resp.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, css[:10]) ||
		resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("ranged CSS: %d, coding %q, %.40q, Vary %q", resp.StatusCode, resp.Header.Get("Content-Encoding"), body, resp.Header.Get("Vary"))
	}
	resp, body = get(t, c, "GET", f.ts.URL+"/trust/bundle", "Accept-Encoding", "br", "Range", "bytes=0-9")
	if resp.StatusCode != 200 || !bytes.Equal(decode(t, resp.Header.Get("Content-Encoding"), body), f.kit.make(1)) {
		t.Errorf("ranged bundle: %d", resp.StatusCode)
	}
	resp, body = get(t, c, "GET", f.ts.URL+"/app.js", "Accept-Encoding", "br", "Range", "bytes=0-9")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "" || len(body) < 100 {
		t.Errorf("ranged app.js: %d, coding %q, %d bytes", resp.StatusCode, resp.Header.Get("Content-Encoding"), len(body))
	}
}

// TestWebTextModifiedSince: /web/ text still answers If-Modified-Since with
// 304, in every coding, as http.FileServer did.
func TestWebTextModifiedSince(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	for _, ae := range []string{"", "gzip", "br"} {
		resp, _ := get(t, c, "GET", f.ts.URL+"/web/style.css", "Accept-Encoding", ae)
		lm := resp.Header.Get("Last-Modified")
		if lm == "" {
			t.Fatalf("AE %q: no Last-Modified", ae)
		}
		nm, _ := get(t, c, "GET", f.ts.URL+"/web/style.css", "Accept-Encoding", ae, "If-Modified-Since", lm)
		if nm.StatusCode != 304 || nm.Header.Get("Etag") != resp.Header.Get("Etag") {
			t.Errorf("AE %q, If-Modified-Since: %d, ETag %q", ae, nm.StatusCode, nm.Header.Get("Etag"))
		}
		old, _ := get(t, c, "GET", f.ts.URL+"/web/style.css", "Accept-Encoding", ae, "If-Modified-Since", "Mon, 02 Jan 2006 15:04:05 GMT")
		if old.StatusCode != 200 {
			t.Errorf("AE %q, If-Modified-Since 2006: %d", ae, old.StatusCode)
		}
	}
}

// TestBundleSwapVariants: after a swap every coding serves the new bundle
// under a new ETag, and the old ETags no longer revalidate.
func TestBundleSwapVariants(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	old := map[string]string{}
	for _, ae := range []string{"", "gzip", "br"} {
		resp, body := get(t, c, "GET", f.ts.URL+"/trust/bundle", "Accept-Encoding", ae)
		if resp.Header.Get("Content-Encoding") != ae || !bytes.Equal(decode(t, ae, body), f.kit.make(1)) {
			t.Fatalf("AE %q before the swap: coding %q", ae, resp.Header.Get("Content-Encoding"))
		}
		old[ae] = resp.Header.Get("Etag")
	}
	writeFileAtomic(t, f.bundle, f.kit.make(2))
	must(t, f.srv.ReloadBundle())
	for _, ae := range []string{"", "gzip", "br"} {
		resp, body := get(t, c, "GET", f.ts.URL+"/trust/bundle", "Accept-Encoding", ae, "If-None-Match", old[ae])
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != ae || !bytes.Equal(decode(t, ae, body), f.kit.make(2)) {
			t.Errorf("AE %q after the swap, with the old ETag: %d, coding %q", ae, resp.StatusCode, resp.Header.Get("Content-Encoding"))
		}
		if e := resp.Header.Get("Etag"); e == old[ae] {
			t.Errorf("AE %q: ETag %q unchanged by the swap", ae, e)
		}
	}
	if _, body := get(t, c, "GET", f.ts.URL+"/healthz"); !strings.Contains(string(body), `"bundleETag":"\"`+strings.Trim(etagOf(f.kit.make(2)), `"`)+`\""`) {
		t.Errorf("/healthz does not name the new bundle's identity ETag: %s", body)
	}
}

// TestBundleSlowBrotli: above level 5 the bundle's brotli copy is redone in
// the background; the fast copy's ETag still revalidates; a pass whose
// bundle was swapped out before its turn is skipped.
func TestBundleSlowBrotli(t *testing.T) {
	f := newFixture(t, fakeKit{}, func(c *Config) { c.BrotliLevel = 7 })
	f.srv.Wait()
	b1 := f.kit.make(1)
	fast, slow := compressBrotli(b1, fastBrotli), compressBrotli(b1, 7)
	if bytes.Equal(fast, slow) {
		t.Fatal("levels 5 and 7 give the same bytes: this test could not tell them apart")
	}
	if got := f.srv.bundle.Load().rep.br.Load().body; !bytes.Equal(got, slow) {
		t.Errorf("after Wait the bundle's brotli copy is not level 7 (%d bytes, want %d)", len(got), len(slow))
	}
	f.start()
	fastTag := newVariant(fast, "br").etagH[0]
	if resp, _ := get(t, rawClient(), "GET", f.ts.URL+"/trust/bundle", "Accept-Encoding", "br", "If-None-Match", fastTag); resp.StatusCode != 304 {
		t.Errorf("the fast copy's ETag: %d, want 304", resp.StatusCode)
	}

	f.srv.slowMu.Lock() // hold the passes back while two swaps happen
	writeFileAtomic(t, f.bundle, f.kit.make(2))
	must(t, f.srv.ReloadBundle())
	skipped := f.srv.bundle.Load()
	writeFileAtomic(t, f.bundle, f.kit.make(3))
	must(t, f.srv.ReloadBundle())
	served := f.srv.bundle.Load()
	f.srv.slowMu.Unlock()
	f.srv.Wait()
	if got := skipped.rep.br.Load().body; !bytes.Equal(got, compressBrotli(f.kit.make(2), fastBrotli)) {
		t.Error("the pass of a bundle swapped out before its turn ran")
	}
	if got := served.rep.br.Load().body; !bytes.Equal(got, compressBrotli(f.kit.make(3), 7)) {
		t.Error("the pass of the bundle being served did not run")
	}
}

// TestAppCache: go-app renders its files the same on every request, so each
// is compressed once: repeated requests reuse the cached entry. (Pages are
// not: attributes come in map order.)
func TestAppCache(t *testing.T) {
	f := newFixture(t, fakeKit{}, func(c *Config) { c.App = goApp() })
	f.srv.Wait() // the warm-up has cached appWarmPaths
	f.start()
	c := rawClient()
	a := f.srv.app
	snapshot := func() map[string]*appEntry {
		a.mu.Lock()
		defer a.mu.Unlock()
		return maps.Clone(a.m)
	}
	warm := snapshot()
	if len(warm) != len(appWarmPaths) {
		t.Fatalf("the warm-up cached %d responses, want %d", len(warm), len(appWarmPaths))
	}
	for _, p := range appWarmPaths {
		var first []byte
		for i := 0; i < 3; i++ {
			_, raw := get(t, c, "GET", f.ts.URL+p)
			if first != nil && !bytes.Equal(raw, first) && p != "/" {
				t.Errorf("%s: go-app rendered different bytes on request %d", p, i)
			}
			first = raw
			resp, body := get(t, c, "GET", f.ts.URL+p, "Accept-Encoding", "br")
			if d := decode(t, "br", body); resp.Header.Get("Content-Encoding") != "br" || !bytes.Equal(d, raw) && !samePage(d, raw) {
				t.Errorf("%s: coding %q", p, resp.Header.Get("Content-Encoding"))
			}
		}
	}
	after := snapshot()
	if len(after) != len(warm) {
		t.Errorf("%d cache entries after the requests, %d before", len(after), len(warm))
	}
	for p, e := range warm {
		if after[p] != e && p != "/" { // go-app pages differ on every request (see appCompressor)
			t.Errorf("entry of %s was remade", p)
		}
	}
}

// TestAppCompressorLimits: what is not compressed (Set-Cookie, errors,
// pictures, no-transform, very large bodies) and the cache's bounds under
// responses that differ every time.
func TestAppCompressorLimits(t *testing.T) {
	text := func(n int, seed string) []byte {
		var b bytes.Buffer
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "<p>%s line %d</p>\n", seed, i)
		}
		return b.Bytes()[:n]
	}
	big := text(maxAppBody+1000, "big")
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/cookie":
			h.Set("Set-Cookie", "a=b")
		case "/missing":
			w.WriteHeader(http.StatusNotFound)
		case "/png":
			h.Set("Content-Type", "image/png")
		case "/no-transform":
			h.Set("Cache-Control", "public, no-transform")
		case "/big":
			w.Write(big)
			return
		case "/vary":
			// Differs on every request, 300 KB each: bounds by bytes.
			w.Write(text(300<<10, r.URL.RawQuery))
			return
		}
		w.Write(text(2000, r.URL.RawQuery))
	})
	pages := []string{"/", "/cookie", "/missing", "/png", "/no-transform", "/big", "/vary"}
	for i := 0; i < 2*maxAppEntries; i++ {
		pages = append(pages, fmt.Sprintf("/p%d", i))
	}
	f := newFixture(t, fakeKit{}, func(c *Config) { c.App = handler; c.Pages = pages }).start()
	f.srv.Wait()
	c := rawClient()
	for _, p := range []string{"/cookie", "/missing", "/png", "/no-transform", "/big"} {
		resp, body := get(t, c, "GET", f.ts.URL+p, "Accept-Encoding", "br, gzip")
		if enc := resp.Header.Get("Content-Encoding"); enc != "" {
			t.Errorf("%s: compressed (%s)", p, enc)
		}
		if p == "/big" && !bytes.Equal(body, big) {
			t.Errorf("/big: %d bytes, want %d", len(body), len(big))
		} else if p != "/big" && len(body) != 2000 {
			t.Errorf("%s: %d bytes", p, len(body))
		}
	}
	f.srv.app.mu.Lock()
	for _, p := range []string{"/cookie", "/missing", "/png", "/no-transform", "/big"} {
		if f.srv.app.m[p] != nil {
			t.Errorf("%s cached", p)
		}
	}
	f.srv.app.mu.Unlock()
	check := func(path string, count int) {
		t.Helper()
		for i := 0; i < count; i++ {
			resp, body := get(t, c, "GET", fmt.Sprintf("%s%s?%d", f.ts.URL, path, i), "Accept-Encoding", "gzip")
			if resp.Header.Get("Content-Encoding") != "gzip" || !bytes.Contains(decode(t, "gzip", body), []byte(fmt.Sprintf("<p>%d line 0</p>", i))) {
				t.Fatalf("%s?%d: coding %q", path, i, resp.Header.Get("Content-Encoding"))
			}
		}
		a := f.srv.app
		a.mu.Lock()
		defer a.mu.Unlock()
		total := 0
		for _, e := range a.m {
			total += len(e.raw)
		}
		if len(a.m) > maxAppEntries || a.bytes > maxAppBytes || total != a.bytes {
			t.Errorf("%s: %d entries (max %d), %d bytes counted, %d held (max %d)", path, len(a.m), maxAppEntries, a.bytes, total, maxAppBytes)
		}
		t.Logf("%s × %d: %d entries, %d bytes", path, count, len(a.m), a.bytes)
	}
	// One entry per path: a path whose body changes replaces its entry.
	check("/", 2*maxAppEntries)
	for i := 0; i < 2*maxAppEntries; i++ {
		get(t, c, "GET", fmt.Sprintf("%s/p%d", f.ts.URL, i), "Accept-Encoding", "gzip")
	}
	check("/p", 0)
	check("/vary", 2*maxAppBytes/(300<<10))
}

// TestExportNginx serves an export with nginx and the nginx.conf.sample it
// holds: the .gz copies are sent to clients that accept gzip, with Vary.
// It needs nginx (Debian's nginx-light will do): it skips without it,
// except where PASSCHECK_REQUIRE_NGINX is set (CI installs nginx-light).
func TestExportNginx(t *testing.T) {
	nginx := "/usr/sbin/nginx"
	if _, err := os.Stat(nginx); err != nil {
		if os.Getenv("PASSCHECK_REQUIRE_NGINX") != "" {
			t.Fatalf("nginx not found at %s and PASSCHECK_REQUIRE_NGINX is set", nginx)
		}
		t.Skip("no nginx")
	}
	f := newFixture(t, fakeKit{}, func(c *Config) { c.App = goApp() })
	out := filepath.Join(t.TempDir(), "site")
	h := goApp()
	if err := Export(out, h, f.srv.cfg); err != nil {
		t.Fatal(err)
	}
	base := startNginx(t, nginx, out)
	c := rawClient()
	for _, p := range []string{"/", "/app.js", "/web/style.css", "/trust/bundle", "/web/app.wasm", "/demo"} {
		_, identity := get(t, c, "GET", base+p)
		resp, body := get(t, c, "GET", base+p, "Accept-Encoding", "gzip")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("nginx %s: %d, coding %q, Vary %q", p, resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
			continue
		}
		if d := decode(t, "gzip", body); !bytes.Equal(d, identity) {
			t.Errorf("nginx %s: the .gz does not decode to the file", p)
		}
		if resp.Header.Get("Content-Security-Policy") != ContentSecurityPolicy {
			t.Errorf("nginx %s: no CSP", p)
		}
	}
	if resp, _ := get(t, c, "GET", base+"/trust/bundle", "Accept-Encoding", "gzip"); resp.Header.Get("Content-Type") != BundleContentType ||
		resp.Header.Get("Cache-Control") != BundleCacheControl {
		t.Errorf("nginx bundle: type %q, cache %q", resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
	}
}

// startNginx serves dir with the export's nginx.conf.sample, in the
// foreground (no daemon, no workers: it runs as the test's user), and
// returns its base URL.
func startNginx(t *testing.T, nginx, dir string) string {
	t.Helper()
	sample, err := os.ReadFile(filepath.Join(dir, "nginx.conf.sample"))
	must(t, err)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	addr := l.Addr().String()
	l.Close()
	run := t.TempDir()
	var conf strings.Builder
	fmt.Fprintf(&conf, "daemon off;\nmaster_process off;\npid %s/nginx.pid;\nerror_log %s/error.log;\nevents { worker_connections 64; }\nhttp {\n", run, run)
	conf.WriteString("include /etc/nginx/mime.types;\ndefault_type application/octet-stream;\naccess_log off;\n")
	for _, p := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		fmt.Fprintf(&conf, "%s_temp_path %s/%s;\n", p, run, p)
	}
	fmt.Fprintf(&conf, "server {\nlisten %s;\n%s}\n}\n", addr, strings.Replace(string(sample), "root /srv/passcheck;", "root "+dir+";", 1))
	must(t, os.WriteFile(filepath.Join(run, "nginx.conf"), []byte(conf.String()), 0o644))
	cmd := exec.Command(nginx, "-p", run, "-c", filepath.Join(run, "nginx.conf"), "-e", filepath.Join(run, "error.log"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	must(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	// Ready once it accepts connections; if it exits first, say why. The
	// deadline is a hang guard, not a speed limit (nginx listens within
	// milliseconds even on a loaded machine): an nginx that neither listens
	// nor exits fails here with its log, before go test's -timeout would
	// kill the whole package without one.
	deadline := time.Now().Add(2 * time.Minute)
	if d, ok := t.Deadline(); ok && d.Add(-10*time.Second).Before(deadline) {
		deadline = d.Add(-10 * time.Second)
	}
	for {
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(run, "error.log"))
			t.Fatalf("nginx exited: %v\n%s%s", err, stderr.Bytes(), log)
		default:
		}
		if conn, err := net.Dial("tcp", addr); err == nil {
			conn.Close()
			return "http://" + addr
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(run, "error.log"))
			t.Fatalf("nginx neither listens on %s nor exited by the deadline\n%s%s", addr, stderr.Bytes(), log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestAppSlowBrotli: an app response first compressed at level 5 (it was
// not warmed up) gets the better pass once it is served again, under the
// same ETag, derived from the app's.
func TestAppSlowBrotli(t *testing.T) {
	body := testText()["style.css"]
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Etag", `"v1"`)
		w.Header().Set("Content-Type", "text/css")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(body)
	})
	f := newFixture(t, fakeKit{}, func(c *Config) { c.App = handler; c.Pages = []string{"/x.css"}; c.BrotliLevel = 7 })
	f.srv.Wait()
	f.start()
	fast, slow := compressBrotli(body, fastBrotli), compressBrotli(body, 7)
	if bytes.Equal(fast, slow) {
		t.Fatal("levels 5 and 7 give the same bytes: this test could not tell them apart")
	}
	c := rawClient()
	var got [][]byte
	for i := 0; i < 3; i++ {
		resp, b := get(t, c, "GET", f.ts.URL+"/x.css", "Accept-Encoding", "br")
		if resp.Header.Get("Etag") != `"v1-br"` || !bytes.Equal(decode(t, "br", b), body) {
			t.Fatalf("request %d: ETag %q", i, resp.Header.Get("Etag"))
		}
		got = append(got, b)
		f.srv.Wait() // the pass queued by the second request
	}
	if !bytes.Equal(got[0], fast) || !bytes.Equal(got[1], fast) || !bytes.Equal(got[2], slow) {
		t.Errorf("brotli sizes over three requests: %d, %d, %d; want %d, %d, %d", len(got[0]), len(got[1]), len(got[2]), len(fast), len(fast), len(slow))
	}
	if resp, _ := get(t, c, "GET", f.ts.URL+"/x.css", "Accept-Encoding", "br", "If-None-Match", `"v1-br"`); resp.StatusCode != 304 || resp.Header.Get("Etag") != `"v1-br"` {
		t.Errorf(`If-None-Match "v1-br": %d, ETag %q`, resp.StatusCode, resp.Header.Get("Etag"))
	}
}

// TestBrotliLargeWindow: a repeat 5 MB back (beyond the library's default
// 4 MB window, within app.wasm's 12 MB) is found, and the stream decodes.
func TestBrotliLargeWindow(t *testing.T) {
	block := make([]byte, 256<<10) // not compressible on its own
	rand.NewChaCha8([32]byte{1}).Read(block)
	data := append(append(append([]byte{}, block...), make([]byte, 5<<20)...), block...)
	c := compressBrotli(data, 5)
	if len(c) > len(block)*3/2 {
		t.Errorf("brotli: %d bytes for two copies of a %d-byte block 5 MB apart: the second copy was not matched", len(c), len(block))
	}
	d, err := unbrotli(c, len(data))
	if err != nil || !bytes.Equal(d, data) {
		t.Fatalf("round trip: %v", err)
	}
}
