//go:build !wasm

package app

import (
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestHandlerFetchesNothing: even reached directly, the app handler makes no
// outbound request. go-app's default proxies /robots.txt, /ads.txt and
// /sitemap.xml from http://HOST/web/... with HOST from the request; here
// HOST is a listener that counts connections.
func TestHandlerFetchesNothing(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n<b>pw</b>"))
			c.Close()
		}
	}()
	// go-app logs its failed fetch ("unsupported protocol scheme"): keep it
	// in the test's log.
	defer func(l func(string, ...any)) { goapp.DefaultLogger = l }(goapp.DefaultLogger)
	goapp.DefaultLogger = t.Logf
	h := NewHandler("test")
	for _, p := range []string{"/robots.txt", "/ads.txt", "/sitemap.xml", "/web/", "/web/boot.js", "/app.wasm"} {
		r := httptest.NewRequest("GET", p, nil)
		r.Host = ln.Addr().String()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if strings.Contains(w.Body.String(), "pw") || w.Code == http.StatusOK {
			t.Errorf("%s: %d %q", p, w.Code, w.Body.String())
		}
	}
	ln.Close() // the accept loop ends; a connection made before is counted
	if n := conns.Load(); n != 0 {
		t.Errorf("the handler connected %d times to the Host it was given", n)
	}
}

var remoteURL = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9]`)

// TestHandlerLocalOnly: everything the service worker caches and the
// manifest names is a /web/ file the server serves (WebFiles) or one of
// go-app's own, on this origin: no remote default icon.
func TestHandlerLocalOnly(t *testing.T) {
	h := NewHandler("test")
	served := map[string]bool{"/": true, "/app.js": true, "/app.css": true, "/wasm_exec.js": true, "/manifest.webmanifest": true}
	for _, p := range WebFiles() {
		served[p] = true
	}
	for _, p := range []string{"/app-worker.js", "/manifest.webmanifest", "/"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		body := w.Body.String()
		// (go-app writes og:url "https://" with no host when Domain is unset.)
		if loc := remoteURL.FindStringIndex(body); w.Code != 200 || loc != nil {
			t.Errorf("%s: %d, or a remote URL: %v in %.300s", p, w.Code, loc, body)
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/app-worker.js", nil))
	list := w.Body.String()
	i := strings.Index(list, "resourcesToCache = [")
	if i < 0 {
		t.Fatal("no resourcesToCache in app-worker.js")
	}
	list = list[i+len("resourcesToCache = ["):]
	list = list[:strings.Index(list, "]")]
	for _, q := range strings.Split(list, ",") {
		p := strings.Trim(strings.TrimSpace(q), `"`)
		if !served[p] {
			t.Errorf("the service worker caches %q, which the server does not serve", p)
		}
	}
}

// TestHandlerOddQueries: the page renders (never a 5xx) whatever its query
// holds; the app reads ?lang= while rendering.
func TestHandlerOddQueries(t *testing.T) {
	h := NewHandler("test")
	for _, q := range []string{"lang=%00", "lang=ko%00", "lang=" + strings.Repeat("x", 4000), "%zz", "lang=en&lang=ko",
		"lang=%ff%fe", "lang=../../", "a=%2F%2F", "lang"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/?"+q, nil))
		if w.Code != http.StatusOK {
			t.Errorf("/?%.40s: %d", q, w.Code)
		}
	}
}
