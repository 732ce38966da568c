package site

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// attacker is a listener that answers every request with a poisoned body
// (HTML with a script, or a redirect elsewhere) and counts connections.
type attacker struct {
	ln    net.Listener
	conns atomic.Int64
}

const poison = "POISONED-BY-ATTACKER"

func newAttacker(t *testing.T) *attacker {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	a := &attacker{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			a.conns.Add(1)
			go func() {
				defer c.Close()
				req, err := http.ReadRequest(bufio.NewReader(c))
				if err != nil {
					return
				}
				body := "<script src='/ads.txt'></script>" + poison
				if strings.HasSuffix(req.URL.Path, ".xml") {
					fmt.Fprintf(c, "HTTP/1.1 302 Found\r\nLocation: http://%s/web/robots.txt\r\nContent-Length: 0\r\n\r\n", ln.Addr())
					return
				}
				fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
			}()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return a
}

func (a *attacker) host() string { return a.ln.Addr().String() }

// knownPaths is every path the fixture's server answers, and paths that
// go-app's handler would answer on its own (its proxy, its aliases, its
// file server, a versioned prefix), with a few it answers with nothing.
func knownPaths() []string {
	ps := []string{"/", "/trust/bundle", "/healthz", "/demo", "/demo/", "/demo/expired.png",
		"/web/app.wasm", "/app.wasm", "/goapp.wasm", "/robots.txt", "/ads.txt", "/sitemap.xml",
		"/web/robots.txt", "/web/ads.txt", "/web/sitemap.xml", "/goapp.js", "/manifest.json",
		"/web/", "/web/icons/", "/v-compress-test/web/style.css", "/favicon.ico", "/nope", "/web/qrbench/"}
	ps = append(ps, AppFiles...)
	ps = append(ps, fixtureWebFiles...)
	for name := range fixtureUnlisted {
		ps = append(ps, "/web/"+name)
	}
	return ps
}

// TestNoOutboundRequest: with go-app's proxy live behind the server (goApp
// keeps go-app's defaults), no request, with a forged Host header or an
// absolute-form target naming the attacker, makes the server connect
// anywhere, and nothing the attacker serves is ever answered, then or
// later to anyone.
func TestNoOutboundRequest(t *testing.T) {
	a := newAttacker(t)
	f := newFixture(t, fakeKit{}, func(c *Config) { c.App = goApp() }).start()
	c := rawClient()
	paths := knownPaths()
	for _, p := range paths {
		// A forged Host header.
		req, err := http.NewRequest("GET", f.ts.URL+p, nil)
		must(t, err)
		req.Host = a.host()
		resp, err := c.Do(req)
		must(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if bytes.Contains(body, []byte(poison)) || resp.StatusCode >= 500 {
			t.Errorf("Host %s, GET %s: %d %.80q", a.host(), p, resp.StatusCode, body)
		}
		// An absolute-form target, on a raw connection.
		conn, err := net.Dial("tcp", f.ts.Listener.Addr().String())
		must(t, err)
		fmt.Fprintf(conn, "GET http://%s%s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", a.host(), p, a.host())
		raw, _ := io.ReadAll(conn)
		conn.Close()
		resp, err = http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
		if err != nil {
			t.Errorf("absolute-form GET %s: no response: %v", p, err)
			continue
		}
		if bytes.Contains(raw, []byte(poison)) || resp.StatusCode >= 500 {
			t.Errorf("absolute-form GET %s: %d %.80q", p, resp.StatusCode, raw)
		}
	}
	// Then an honest visitor: nothing was cached from the attacker.
	for _, p := range paths {
		resp, body := get(t, c, "GET", f.ts.URL+p)
		if bytes.Contains(body, []byte(poison)) || resp.StatusCode >= 500 {
			t.Errorf("GET %s after the attack: %d %.80q", p, resp.StatusCode, body)
		}
	}
	if n := a.conns.Load(); n != 0 {
		t.Errorf("the server connected to the attacker %d times", n)
	}
}

// TestRootFiles: /robots.txt, /ads.txt and /sitemap.xml come from the web
// folder when it has them, else 404; never from go-app.
func TestRootFiles(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil)
	must(t, os.WriteFile(filepath.Join(f.web, "robots.txt"), []byte("User-agent: *\nDisallow:\n"), 0o644))
	s, err := New(f.srv.cfg)
	must(t, err)
	defer s.Wait()
	for _, tc := range []struct {
		path   string
		status int
	}{{"/robots.txt", 200}, {"/ads.txt", 404}, {"/sitemap.xml", 404}, {"/web/robots.txt", 404}} {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", tc.path, nil))
		if w.Code != tc.status {
			t.Errorf("%s: %d, want %d", tc.path, w.Code, tc.status)
		}
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/robots.txt", nil))
	if w.Body.String() != "User-agent: *\nDisallow:\n" || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("/robots.txt: %q %q", w.Header().Get("Content-Type"), w.Body.String())
	}
}

// TestOnlyAppFiles: /web/ serves app.wasm and the listed files, nothing else
// of the folder (sources, benchmark pages, compression caches).
func TestOnlyAppFiles(t *testing.T) {
	f := newFixture(t, fakeKit{}, func(c *Config) { c.App = goApp() }).start()
	c := rawClient()
	for _, p := range append([]string{"/web/app.wasm"}, fixtureWebFiles...) {
		if resp, _ := get(t, c, "GET", f.ts.URL+p); resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	for name := range fixtureUnlisted {
		for _, p := range []string{"/web/" + name, "/" + name, "/v-compress-test/web/" + name} {
			if resp, body := get(t, c, "GET", f.ts.URL+p); resp.StatusCode != 404 {
				t.Errorf("%s: %d %.60q", p, resp.StatusCode, body)
			}
		}
	}
	// A listed file missing from the folder, or not a regular file, is not
	// served, and New says so.
	var logb syncBuf
	g := newFixture(t, fakeKit{}, func(c *Config) {
		c.WebFiles = append(c.WebFiles, "/web/missing.js", "/web/icons")
		c.Log = newTestLogger(&logb)
	})
	for _, p := range []string{"/web/missing.js", "/web/icons"} {
		w := httptest.NewRecorder()
		g.srv.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		if w.Code != 404 || !strings.Contains(logb.String(), p) {
			t.Errorf("%s: %d; log %q", p, w.Code, logb.String())
		}
	}
	// A malformed entry is a configuration error.
	for _, bad := range []string{"/x.js", "/web/../bundle.cose", "/web/.env", "/web//x", "web/x.js"} {
		cfg := f.srv.cfg
		cfg.WebFiles = []string{bad}
		if _, err := New(cfg); err == nil {
			t.Errorf("WebFiles %q accepted", bad)
		}
	}
}

// oddPaths are request paths that have broken servers: NUL and control
// bytes, traversal, encoded slashes, doubled slashes, long and non-UTF-8
// paths.
var oddPaths = []string{
	"/web/app.wasm\x00", "/web/app.wasm\x00.png", "/\x00", "/web/\x00/", "/web/boot.js\x00", "/trust/bundle\x00",
	"/robots.txt\x00", "/demo/expired.png\x00", "/demo/\x00.png", "/web/\x01\x7f", "/web/\xff\xfe", "/\xc0\xaf",
	"/web/../web/app.wasm", "/web/./boot.js", "/web//boot.js", "/web/icons/../boot.js", "/..", "/web/..",
	"/web/%2e%2e/bundle", "/web/%2fboot.js", "//", "///web/app.wasm", "/web/" + strings.Repeat("a", 8000),
	"/" + strings.Repeat("../", 300), "/web/app.wasm/", "/web/boot.js/x", "/demo/..png", "/demo/.png", "*",
	"/web/COM1", "/web/icons/icon.svg::$DATA", "/web/boot.js ", "/web/boot.js%20",
}

// TestOddPaths: no request path gives a 5xx, and none reaches a file
// outside the allow-list.
func TestOddPaths(t *testing.T) {
	f := newFixture(t, fakeKit{}, func(c *Config) { c.App = goApp() }).start()
	for _, p := range oddPaths {
		checkPath(t, f.srv, p)
	}
	// Over a real connection too: the path as sent, percent-encoded.
	c := rawClient()
	for _, p := range []string{"/web/app.wasm%00", "/web/app.wasm%00.png", "/%00", "/web/%c0%ae%c0%ae/", "/web/boot.js%00x"} {
		if resp, _ := get(t, c, "GET", f.ts.URL+p); resp.StatusCode != 404 && resp.StatusCode != 400 {
			t.Errorf("GET %s: %d, want 404 or 400", p, resp.StatusCode)
		}
	}
}

// checkPath serves a GET of path p (already decoded) and fails on a 5xx, or
// on a 200 for a path the server does not list.
func checkPath(t testing.TB, s *Server, p string) {
	t.Helper()
	r := &http.Request{Method: "GET", URL: &url.URL{Path: p}, Header: http.Header{}, Host: "example.org",
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, RequestURI: url.PathEscape(p)}
	r = r.WithContext(t.Context())
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code >= 500 {
		t.Errorf("GET %.80q: %d", p, w.Code)
	}
	if w.Code == 200 && !servedPath(s, p) {
		t.Errorf("GET %.80q: 200 for a path not served", p)
	}
}

func servedPath(s *Server, p string) bool {
	switch p {
	case "/trust/bundle", "/healthz", "/demo", "/demo/", "/web/app.wasm", "/app.wasm", "/goapp.wasm":
		return true
	}
	return s.files[p] != nil || s.appPaths[p] || strings.HasPrefix(p, "/demo/") && s.demo.Load() != nil && s.demo.Load().pngs[strings.TrimSuffix(strings.TrimPrefix(p, "/demo/"), ".png")] != nil
}

// FuzzPaths: no path gives a 5xx or serves a file not listed.
func FuzzPaths(f *testing.F) {
	for _, p := range append(oddPaths, knownPaths()...) {
		f.Add(p)
	}
	fx := newFixture(f, fakeKit{}, func(c *Config) { c.App = goApp() })
	f.Fuzz(func(t *testing.T, p string) {
		checkPath(t, fx.srv, p)
	})
}

// TestMultiRange: a request for several ranges of a /web/ file gets the
// whole body once (200), not a multipart answer many times the file; one
// range is still served.
func TestMultiRange(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil).start()
	c := rawClient()
	var many strings.Builder
	many.WriteString("bytes=0-1")
	for i := 2; many.Len() < 10<<10; i++ {
		fmt.Fprintf(&many, ",%d-%d", i%300, i%300)
	}
	for _, p := range []string{"/web/boot.js", "/web/style.css", "/web/icons/icon-192.png", "/web/app.css"} {
		_, whole := get(t, c, "GET", f.ts.URL+p)
		for _, rg := range []string{many.String(), "bytes=0-0,2-2", "bytes=0-0, 1-1"} {
			for _, ae := range []string{"", "br"} {
				resp, body := get(t, c, "GET", f.ts.URL+p, "Range", rg, "Accept-Encoding", ae)
				if resp.StatusCode != 200 || !bytes.Equal(decode(t, resp.Header.Get("Content-Encoding"), body), whole) {
					t.Errorf("%s, %d ranges, AE %q: %d, %d bytes (the file: %d)", p, strings.Count(rg, ",")+1, ae, resp.StatusCode, len(body), len(whole))
				}
			}
		}
		// Two Range header lines count as several ranges too.
		req, _ := http.NewRequest("GET", f.ts.URL+p, nil)
		req.Header["Range"] = []string{"bytes=0-0", "bytes=1-1"}
		resp, err := c.Do(req)
		must(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Equal(body, whole) {
			t.Errorf("%s, two Range lines: %d, %d bytes", p, resp.StatusCode, len(body))
		}
		resp, body = get(t, c, "GET", f.ts.URL+p, "Range", "bytes=1-3")
		if resp.StatusCode != 206 || !bytes.Equal(body, whole[1:4]) {
			t.Errorf("%s, one range: %d %q", p, resp.StatusCode, body)
		}
	}
}

// syncBuf collects log lines written from several goroutines.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func newTestLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
