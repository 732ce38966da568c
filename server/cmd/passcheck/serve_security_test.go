//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	pwa "passcheck/app"
	"passcheck/server/site"
)

// appWeb lays out a web folder with every file the app uses (WebFiles),
// plus files that are not the app's.
func appWeb(t *testing.T, dir, pinned string) {
	t.Helper()
	fakeWasm(t, dir, pinned)
	for _, p := range pwa.WebFiles() {
		if p == "/web/app.wasm" {
			continue
		}
		writeWeb(t, dir, strings.TrimPrefix(p, "/web/"), "content of "+p)
	}
	for _, name := range []string{"icons/gen.go", "qrbench/index.html", "qrbench/package.json", "app.wasm.br", "app.wasm.gz"} {
		writeWeb(t, dir, name, "not the app's: "+name)
	}
}

func writeWeb(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestServeNoOutboundRequest runs passcheck serve with the real app handler
// and sends every path it knows, and those go-app would answer, with a
// forged Host header and as absolute-form targets naming an "attacker"
// listener: the server never connects to it, and no answer, then or later,
// holds what it serves. Files of the web folder that are not the app's are
// 404, and every answer carries the security headers.
func TestServeNoOutboundRequest(t *testing.T) {
	var conns atomic.Int64
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			go func() {
				defer c.Close()
				if _, err := http.ReadRequest(bufio.NewReader(c)); err == nil {
					io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 8\r\n\r\nPOISONED")
				}
			}()
		}
	}()
	evil := ln.Addr().String()

	dir := t.TempDir()
	web := filepath.Join(dir, "web")
	appWeb(t, web, "")
	r := startServe(t, "--data", filepath.Join(dir, "data"), "--web", web)
	paths := []string{"/trust/bundle", "/healthz", "/demo", "/robots.txt", "/ads.txt", "/sitemap.xml", "/web/robots.txt",
		"/web/", "/web/icons/", "/goapp.js", "/manifest.json", "/app.wasm", "/goapp.wasm", "/favicon.ico"}
	paths = append(paths, pwa.Pages()...)
	paths = append(paths, site.AppFiles...)
	paths = append(paths, pwa.WebFiles()...)
	for _, name := range demoNames() {
		paths = append(paths, "/demo/"+name+".png")
	}
	notApp := []string{"/web/icons/gen.go", "/web/qrbench/index.html", "/web/qrbench/package.json", "/web/app.wasm.br", "/web/app.wasm.gz"}
	paths = append(paths, notApp...)
	c := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	check := func(how, p string, code int, h http.Header, body []byte) {
		t.Helper()
		if bytes.Contains(body, []byte("POISONED")) || code >= 500 {
			t.Errorf("%s %s: %d %.60q", how, p, code, body)
		}
		for _, kv := range site.Headers {
			if h.Get(kv[0]) != kv[1] {
				t.Errorf("%s %s: %s %q", how, p, kv[0], h.Get(kv[0]))
			}
		}
	}
	for _, p := range paths {
		req, _ := http.NewRequest("GET", r.url+p, nil)
		req.Host = evil
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		check("forged Host", p, resp.StatusCode, resp.Header, body)

		conn, err := net.Dial("tcp", strings.TrimPrefix(r.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET http://%s%s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", evil, p, evil)
		resp, err = http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("absolute-form %s: %v", p, err)
		}
		body, _ = io.ReadAll(resp.Body)
		conn.Close()
		check("absolute-form", p, resp.StatusCode, resp.Header, body)
	}
	for _, p := range paths {
		resp, body := serveGet(t, c, r.url+p)
		check("GET", p, resp.StatusCode, resp.Header, body)
	}
	for _, p := range append(notApp, "/robots.txt", "/ads.txt", "/sitemap.xml", "/web/", "/goapp.js") {
		if resp, _ := serveGet(t, c, r.url+p); resp.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
	}
	if n := conns.Load(); n != 0 {
		t.Errorf("the server connected to the attacker %d times", n)
	}
	// The compression caches went to the data folder, not the web folder.
	if _, err := os.Stat(filepath.Join(dir, "data", "cache", "app.wasm.gz")); err != nil {
		t.Errorf("no app.wasm.gz in the data folder's cache: %v", err)
	}
}

// TestServeWorkerVersion: /app-worker.js (and so the service worker's cache
// name) is the same across a restart, and changes when any file the app
// caches does: an installed app then fetches the new one.
func TestServeWorkerVersion(t *testing.T) {
	dir := t.TempDir()
	data, web := filepath.Join(dir, "data"), filepath.Join(dir, "web")
	appWeb(t, web, "")
	worker := func() string {
		t.Helper()
		r := startServe(t, "--data", data, "--web", web)
		resp, body := serveGet(t, &http.Client{}, r.url+"/app-worker.js")
		if resp.StatusCode != 200 || !bytes.Contains(body, []byte("resourcesToCache")) {
			t.Fatalf("/app-worker.js: %d %.80q", resp.StatusCode, body)
		}
		if code := r.stop(); code != 0 {
			t.Fatalf("exit %d", code)
		}
		return string(body)
	}
	first := worker()
	if again := worker(); again != first {
		t.Fatal("/app-worker.js changed over a mere restart")
	}
	for _, p := range []string{pwa.StyleSheet, "/web/worker.js", pwa.IconMaskable} {
		writeWeb(t, web, strings.TrimPrefix(p, "/web/"), "changed "+p)
		if w := worker(); w == first {
			t.Errorf("changing %s left /app-worker.js as it was", p)
		} else {
			first = w
		}
	}
}
