// Package site is Passcheck's HTTP front end: it serves the PWA (through the
// go-app handler it is given), app.wasm and the app's files, the signed
// trust bundle, the demo page and a health check, with strict security
// headers on every response. It answers the paths it lists and no others
// (404), and it never makes a request of its own.
// app.wasm, the bundle and every text response go brotli- or
// gzip-compressed to clients that accept it, compressed once, not per
// request. Everything it serves is static and cacheable, so any CDN may
// carry it (see Export).
package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// Config is what a Server serves. Each part is injected so that the server
// can be tested, and run, with or without the others.
type Config struct {
	// App serves the PWA: its pages (Pages) and go-app's files (AppFiles).
	// It is passed those paths and no others: go-app's other features
	// (its file server under /web/, its proxy of /robots.txt, /ads.txt and
	// /sitemap.xml through an HTTP request to the Host header's server)
	// are never reached. Its text responses are sent compressed when the
	// client accepts it. It must be fully set up before New, which renders
	// its files in the background to compress them. nil: those paths give
	// 404.
	App http.Handler

	// Pages lists the app's pages, by path; nil means just "/".
	Pages []string

	// WebDir holds the files served under /web/: app.wasm and WebFiles. It
	// is read at New, and what is served is held in memory (text
	// pre-compressed): the folder is fixed for the life of the process.
	// It also holds the files served at RootFiles' paths, when present.
	// "": no /web/ files.
	WebDir string

	// WebFiles lists the files of WebDir served under /web/ besides
	// app.wasm, by URL path ("/web/icons/icon.svg"): the files the app
	// uses. Nothing else in the folder is served (sources, benchmark
	// pages, stray copies).
	WebFiles []string

	// CacheDir keeps compressed copies of app.wasm across restarts, so that
	// a restart does not spend seconds on brotli again; "": none. Keep it
	// out of WebDir.
	CacheDir string

	// BundlePath is the signed trust bundle file served at /trust/bundle.
	BundlePath string

	// VerifyBundle checks a trust bundle before it is served and describes
	// it. A bundle that fails, or whose seq is lower than the one served, is
	// refused.
	VerifyBundle func(b []byte) (BundleInfo, error)

	// Demo lists the samples shown at /demo, each also at /demo/NAME.png.
	// None: /demo gives 404. SetDemo replaces them.
	Demo []Sample

	// BrotliLevel is the brotli level of everything served compressed (0
	// means 11, the best). Levels above 5 take seconds for app.wasm and a
	// large bundle, so they run in the background; level 5 is served
	// meanwhile.
	BrotliLevel int

	// Log receives load and refusal messages; nil means slog.Default().
	Log *slog.Logger
}

// BundleInfo is what VerifyBundle reports of a bundle it accepts.
type BundleInfo struct {
	Seq uint64
	// Fingerprint names the bundle's signed content (in passcheck serve,
	// trust.Fingerprint: the same value the app's settings and `passcheck
	// trust show` give); /healthz shows it as bundleFingerprint.
	Fingerprint string
}

// Sample is one demo credential shown at /demo.
type Sample struct {
	Name   string // a stable URL segment: lowercase letters, digits and '-'
	Expect string // what a verifier should say about it, in words
	Text   string // the QR content (HC1:...)
	PNG    []byte // the QR code picture
}

// Server is an http.Handler serving a Config. Create it with New.
type Server struct {
	cfg      Config
	log      *slog.Logger
	wasm     *precompressed      // nil when WebDir has no app.wasm
	files    map[string]*webFile // WebFiles and RootFiles present, by URL path
	app      *appCompressor      // nil without cfg.App
	appPaths map[string]bool     // the paths passed to app

	demo atomic.Pointer[demoPages] // nil without samples; SetDemo swaps it

	bundle   atomic.Pointer[bundle]
	reloadMu sync.Mutex
	failed   fileStamp // the file state last refused, not retried until it changes

	background  sync.WaitGroup
	slowMu      sync.Mutex   // held by the background brotli pass running
	slowPending atomic.Int64 // background brotli passes queued or running

	// cacheMu is held while a compressed copy is written to CacheDir;
	// cacheClosed (set by Close) stops further writes, so that once Close
	// returns nothing writes into the data folder any more.
	cacheMu     sync.Mutex
	cacheClosed bool
}

// New loads the trust bundle (which must verify), app.wasm and the web
// folder's text files, compresses them and returns the Server. Better
// brotli copies follow in the background (see Wait).
func New(c Config) (*Server, error) {
	if c.BundlePath == "" || c.VerifyBundle == nil {
		return nil, errors.New("site: Config needs BundlePath and VerifyBundle")
	}
	if c.BrotliLevel == 0 {
		c.BrotliLevel = 11
	}
	if c.BrotliLevel < 0 || c.BrotliLevel > 11 {
		return nil, fmt.Errorf("site: brotli level %d is outside 1..11", c.BrotliLevel)
	}
	s := &Server{cfg: c, log: c.Log}
	if s.log == nil {
		s.log = slog.Default()
	}
	if err := s.ReloadBundle(); err != nil {
		return nil, err
	}
	if err := s.SetDemo(c.Demo); err != nil {
		return nil, err
	}
	if c.WebDir != "" {
		root, err := os.OpenRoot(c.WebDir)
		if err != nil {
			return nil, fmt.Errorf("site: web directory: %w", err)
		}
		defer root.Close()
		if s.files, err = s.loadWebFiles(root); err != nil {
			return nil, err
		}
		if err := s.loadWasm(root); err != nil {
			return nil, err
		}
	}
	if c.App != nil {
		s.appPaths = map[string]bool{}
		for _, p := range AppFiles {
			s.appPaths[p] = true
		}
		pages := c.Pages
		if pages == nil {
			pages = []string{"/"}
		}
		for _, p := range pages {
			if !strings.HasPrefix(p, "/") || s.appPaths[p] || strings.HasPrefix(p, "/web/") {
				return nil, fmt.Errorf("site: page %q: want a path of its own", p)
			}
			s.appPaths[p] = true
		}
		s.app = newAppCompressor(s, c.App)
		s.background.Add(1)
		go func() {
			defer s.background.Done()
			s.app.warm(appWarmPaths)
		}()
	}
	return s, nil
}

// Wait blocks until background work (the slow brotli passes) is done.
func (s *Server) Wait() { s.background.Wait() }

// Close stops background work from writing to CacheDir: a pass still
// running is dropped rather than waited for (it only feeds a start-up
// cache). It returns once no write is in progress. Serving continues.
func (s *Server) Close() {
	s.cacheMu.Lock()
	s.cacheClosed = true
	s.cacheMu.Unlock()
}

// WasmBytes returns the uncompressed app.wasm being served, nil if none.
func (s *Server) WasmBytes() []byte {
	if s.wasm == nil {
		return nil
	}
	return s.wasm.raw.body
}

// ContentSecurityPolicy is sent with every response. go-app needs no inline
// script and no eval, only WebAssembly compilation ('wasm-unsafe-eval').
// Inline styles stay allowed because go-app renders style attributes.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; " +
	"connect-src 'self'; worker-src 'self'; manifest-src 'self'; font-src 'self'; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// Headers lists the security headers sent with every response (and written
// into exported sites). HSTS is added on TLS connections only.
var Headers = [][2]string{
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"Permissions-Policy", "camera=(self)"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	// No other origin may hold a reference to our window, nor load our
	// responses (the trust bundle, the demo codes) into its pages.
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
}

// HSTS is the Strict-Transport-Security value sent over TLS.
const HSTS = "max-age=31536000"

// BundleCacheControl lets caches and CDNs serve a bundle for 5 minutes and a
// stale one while they revalidate; the app re-checks with If-None-Match.
const BundleCacheControl = "public, max-age=300, stale-while-revalidate=86400"

// BundleContentType is the media type of a trust bundle (RFC 9052).
const BundleContentType = `application/cose; cose-type="cose-sign1"`

// Header values as slices, built once: assigning them to the header map
// directly skips canonicalisation and allocation on the hot path.
var (
	secH      [][]string
	hstsH     = []string{HSTS}
	allowH    = []string{"GET, HEAD"}
	bundleCCH = []string{BundleCacheControl}
	noCacheH  = []string{"no-cache"}
	noStoreH  = []string{"no-store"}
	varyAEH   = []string{"Accept-Encoding"}
)

func init() {
	for _, h := range Headers {
		secH = append(secH, []string{h[1]})
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for i, kv := range Headers {
		h[kv[0]] = secH[i]
	}
	if r.TLS != nil {
		h["Strict-Transport-Security"] = hstsH
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h["Allow"] = allowH
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Routed by an allow-list: a path not named here is 404, whatever the
	// app handler behind would make of it.
	p := r.URL.Path
	switch {
	case p == "/trust/bundle":
		s.serveBundle(w, r)
	case p == "/healthz":
		s.serveHealth(w)
	case p == "/demo" || p == "/demo/" || strings.HasPrefix(p, "/demo/"):
		s.serveDemo(w, r, p)
	case p == "/web/app.wasm" || p == "/app.wasm" || p == "/goapp.wasm":
		s.serveWasm(w, r)
	case s.files[p] != nil:
		h["Cache-Control"] = noCacheH
		serveWebFile(w, r, s.files[p])
	case s.appPaths[p]:
		s.app.ServeHTTP(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) serveBundle(w http.ResponseWriter, r *http.Request) {
	s.bundle.Load().rep.serve(w, r, bundleCCH)
}

func (s *Server) serveHealth(w http.ResponseWriter) {
	b := s.bundle.Load()
	h := w.Header()
	h["Cache-Control"] = noStoreH
	h.Set("Content-Type", "application/json")
	// bundleETag is the identity form's: a hash of the bundle file.
	json.NewEncoder(w).Encode(struct {
		OK                bool   `json:"ok"`
		BundleSeq         uint64 `json:"bundleSeq"`
		BundleETag        string `json:"bundleETag"`
		BundleFingerprint string `json:"bundleFingerprint"`
		Wasm              bool   `json:"wasm"`
	}{true, b.info.Seq, b.etag, b.info.Fingerprint, s.wasm != nil})
}

func (s *Server) serveWasm(w http.ResponseWriter, r *http.Request) {
	if s.wasm == nil {
		http.NotFound(w, r)
		return
	}
	s.wasm.serve(w, r, noCacheH)
}
