package site

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// Bounds of the app response cache.
const (
	maxAppBody    = 1 << 20 // larger responses are sent as they are
	maxAppEntries = 64
	maxAppBytes   = 8 << 20 // uncompressed bytes held
)

// appWarmPaths are go-app's files and the start page: compressed at the best
// level in the background at New, so that even the first visitor gets them
// at their smallest.
var appWarmPaths = []string{"/", "/app.js", "/wasm_exec.js", "/app.css", "/app-worker.js", "/manifest.webmanifest"}

// appCompressor serves the app handler's responses brotli- or
// gzip-compressed. go-app renders every response anew, so the compressed
// form is cached, one per path, with the body it was made from: a request
// whose body is that one again costs a comparison, not a compression.
//
// go-app's files (app.js, wasm_exec.js, ...) are the same bytes every time;
// its pages are not: it writes each element's attributes in map order, so
// the page differs from one request to the next, and so does its
// compressed form, made at fastBrotli (a 3 KB page: well under a
// millisecond). A body served a second time gets a background pass at
// cfg.BrotliLevel.
//
// Only 200 responses of text types without Set-Cookie, without a
// Content-Encoding of their own and without Cache-Control: no-transform
// are compressed.
//
// ETags: the app's own (go-app: the version, for every path and render)
// names the identity form; `"APP-br"` and `"APP-gzip"` name the compressed
// ones, as strong as the app's. If-None-Match with such a tag is passed to
// the app as `"APP"`: the app decides whether the content is current, and a
// 304 carries the tag the client sent.
type appCompressor struct {
	s    *Server
	next http.Handler

	mu    sync.Mutex
	m     map[string]*appEntry // by path
	bytes int                  // uncompressed bytes held
}

// appEntry is one app response body and its compressed forms, each made on
// first demand (a browser only ever asks for brotli).
type appEntry struct {
	raw            []byte
	level          int // brotli level of br
	brOnce, gzOnce sync.Once
	br, gz         atomic.Pointer[variant] // nil: not made yet, or not smaller
	upgraded       atomic.Bool             // a background pass was queued
	// The ETags last derived from the app's, reused while it stays the same.
	tags atomic.Pointer[appTags]
}

// pick returns the form to send for an Accept-Encoding value, nil for the
// body as the app wrote it.
func (e *appEntry) pick(ae string) *variant {
	if acceptsEncoding(ae, "br") {
		e.brOnce.Do(func() { e.br.Store(smaller(compressBrotli(e.raw, e.level), e.raw, "br")) })
		if v := e.br.Load(); v != nil {
			return v
		}
	}
	if acceptsEncoding(ae, "gzip") {
		e.gzOnce.Do(func() { e.gz.Store(smaller(compressGzip(e.raw), e.raw, "gzip")) })
		return e.gz.Load()
	}
	return nil
}

type appTags struct {
	app    string
	br, gz []string
}

func newAppCompressor(s *Server, next http.Handler) *appCompressor {
	return &appCompressor{s: s, next: next, m: map[string]*appEntry{}}
}

var bufPool = sync.Pool{New: func() any { return new(bufWriter) }}

func (a *appCompressor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h["Vary"] = varyAEH // any response of the app may be compressed
	ae := r.Header.Get("Accept-Encoding")
	inm := r.Header.Get("If-None-Match")
	appTagged, rewrite := appBaseTag(inm)
	compress := ae != "" && (acceptsEncoding(ae, "br") || acceptsEncoding(ae, "gzip")) && r.Header["Range"] == nil
	if !compress && !rewrite {
		a.next.ServeHTTP(w, r)
		return
	}
	if rewrite {
		r = r.Clone(r.Context())
		r.Header.Set("If-None-Match", appTagged)
	}
	bw := bufPool.Get().(*bufWriter)
	bw.w = w
	defer func() {
		if bw.buf.Cap() > 64<<10 {
			return // let a rare big buffer go rather than pin it
		}
		bw.w, bw.code, bw.streaming = nil, 0, false
		bw.buf.Reset()
		bufPool.Put(bw)
	}()
	a.next.ServeHTTP(bw, r)
	if bw.streaming {
		return
	}
	code := bw.code
	if code == 0 {
		code = http.StatusOK
	}
	body := bw.buf.Bytes()
	if code == http.StatusNotModified && rewrite {
		h["Etag"] = []string{strings.TrimSpace(inm)}
	}
	if code != http.StatusOK || !compress || !compressibleResponse(h, len(body)) {
		w.WriteHeader(code)
		w.Write(body)
		return
	}
	e := a.entry(r.URL.Path, body, false)
	if v := e.pick(ae); v != nil {
		if tag := h["Etag"]; len(tag) == 1 {
			h["Etag"] = e.tag(tag[0], v.encH[0] == "gzip")
		}
		h["Content-Encoding"] = v.encH
		h["Content-Length"] = v.lenH
		body = v.body
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// compressibleResponse reports whether a 200 response with these headers
// and a body of n bytes may be compressed.
func compressibleResponse(h http.Header, n int) bool {
	if n == 0 || n > maxAppBody || h["Set-Cookie"] != nil || h["Content-Encoding"] != nil {
		return false
	}
	for _, cc := range h["Cache-Control"] {
		if strings.Contains(strings.ToLower(cc), "no-transform") {
			return false
		}
	}
	return compressibleType(h.Get("Content-Type"))
}

// entry returns the entry of body, served at path: the cached one if it was
// made from the same bytes, else a new one, whose brotli form will be made at
// fastBrotli, or at cfg.BrotliLevel when best is set (the caller is
// background work).
func (a *appCompressor) entry(path string, body []byte, best bool) *appEntry {
	a.mu.Lock()
	e := a.m[path]
	a.mu.Unlock()
	level := a.s.cfg.BrotliLevel
	if e != nil && bytes.Equal(e.raw, body) {
		if e.level < level && !e.upgraded.Swap(true) {
			// Served twice: worth the better pass.
			a.s.slowBrotli(e.raw, level, func() bool {
				a.mu.Lock()
				defer a.mu.Unlock()
				return a.m[path] == e
			}, e.setBr)
		}
		return e
	}
	if !best {
		level = min(level, fastBrotli)
	}
	e = &appEntry{raw: bytes.Clone(body), level: level}
	a.mu.Lock()
	defer a.mu.Unlock()
	if old := a.m[path]; old != nil {
		a.bytes -= len(old.raw)
		delete(a.m, path)
	}
	// Make room: any entry will do (map order is random); one evicted comes
	// back on its next request.
	for p, old := range a.m {
		if len(a.m) < maxAppEntries && a.bytes+len(body) <= maxAppBytes {
			break
		}
		a.bytes -= len(old.raw)
		delete(a.m, p)
	}
	a.m[path] = e
	a.bytes += len(body)
	return e
}

// setBr swaps in a better brotli form. Its ETag stays the same: it derives
// from the app's, which names the content, not these bytes.
func (e *appEntry) setBr(br []byte) {
	e.brOnce.Do(func() {}) // a fast form not made yet never will be
	if v := smaller(br, e.raw, "br"); v != nil {
		e.br.Store(v)
	}
}

// tag returns the ETag of the brotli (or gzip) form of an app response whose
// own ETag is app: `"APP-br"` for `"APP"`.
func (e *appEntry) tag(app string, gz bool) []string {
	t := e.tags.Load()
	if t == nil || t.app != app {
		base := strings.TrimSuffix(app, `"`)
		t = &appTags{app: app, br: []string{base + `-br"`}, gz: []string{base + `-gzip"`}}
		e.tags.Store(t)
	}
	if gz {
		return t.gz
	}
	return t.br
}

// appBaseTag maps an If-None-Match value holding one ETag made by
// appEntry.tag back to the app's own: `"APP-br"` → `"APP"`.
func appBaseTag(inm string) (string, bool) {
	t := strings.TrimSpace(inm)
	weak := strings.HasPrefix(t, "W/")
	t = strings.TrimPrefix(t, "W/")
	if len(t) < 2 || t[0] != '"' || t[len(t)-1] != '"' || strings.Contains(t[1:len(t)-1], `"`) {
		return "", false
	}
	in := t[1 : len(t)-1]
	rest, ok := strings.CutSuffix(in, "-br")
	if !ok {
		rest, ok = strings.CutSuffix(in, "-gzip")
	}
	if !ok {
		return "", false
	}
	base := `"` + rest + `"`
	if weak {
		base = "W/" + base
	}
	return base, true
}

// warm renders paths through the app and caches their compressed forms at
// the best level. It runs in the background, as one of the slow passes.
func (a *appCompressor) warm(paths []string) {
	a.s.slowMu.Lock()
	defer a.s.slowMu.Unlock()
	for _, p := range paths {
		r, err := http.NewRequest(http.MethodGet, p, nil)
		if err != nil {
			continue
		}
		bw := &bufWriter{w: &discardWriter{h: http.Header{}}}
		a.next.ServeHTTP(bw, r)
		if (bw.code == 0 || bw.code == http.StatusOK) && !bw.streaming && compressibleResponse(bw.w.Header(), bw.buf.Len()) {
			e := a.entry(p, bw.buf.Bytes(), true)
			e.pick("br")
			e.pick("gzip")
		}
	}
}

// bufWriter holds a response back so that it can be compressed; a body
// past maxAppBody is sent on as it comes.
type bufWriter struct {
	w         http.ResponseWriter
	code      int
	buf       bytes.Buffer
	streaming bool
}

func (b *bufWriter) Header() http.Header { return b.w.Header() }

func (b *bufWriter) Unwrap() http.ResponseWriter { return b.w }

func (b *bufWriter) WriteHeader(code int) {
	if b.streaming {
		b.w.WriteHeader(code)
	} else if b.code == 0 {
		b.code = code
	}
}

func (b *bufWriter) Write(p []byte) (int, error) {
	if b.code == 0 {
		b.code = http.StatusOK
	}
	if b.streaming {
		return b.w.Write(p)
	}
	if b.buf.Len()+len(p) > maxAppBody {
		b.streaming = true
		b.w.WriteHeader(b.code)
		if _, err := b.w.Write(b.buf.Bytes()); err != nil {
			return 0, err
		}
		return b.w.Write(p)
	}
	return b.buf.Write(p)
}

type discardWriter struct{ h http.Header }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) WriteHeader(int)             {}
func (d *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
