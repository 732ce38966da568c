package site

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchWriter is a minimal ResponseWriter, so the benchmark measures the
// handler and not a recorder.
type benchWriter struct {
	h    http.Header
	code int
	n    int
}

func (w *benchWriter) Header() http.Header         { return w.h }
func (w *benchWriter) WriteHeader(c int)           { w.code = c }
func (w *benchWriter) Write(b []byte) (int, error) { w.n += len(b); return len(b), nil }

// BenchmarkBundle measures the handler alone for /trust/bundle, fresh (200)
// and revalidated (304), without and with Accept-Encoding (a browser sends
// "gzip, deflate, br, zstd" and revalidates with the ETag it was given),
// over plain HTTP and as over TLS (which adds HSTS: phones need HTTPS).
func BenchmarkBundle(b *testing.B) {
	f := newFixture(b, fakeKit{}, nil)
	const ae = "gzip, deflate, br, zstd"
	etagFor := func(ae string) string {
		w := &benchWriter{h: make(http.Header)}
		r := httptest.NewRequest("GET", "/trust/bundle", nil)
		r.Header.Set("Accept-Encoding", ae)
		f.srv.ServeHTTP(w, r)
		return w.h.Get("Etag")
	}
	for _, tc := range []struct {
		name string
		ae   string
		inm  string
		tls  bool
	}{
		{"200", "", "", false}, {"304", "", etagFor(""), false}, {"200-br", ae, "", false}, {"304-br", ae, etagFor(ae), false},
		{"tls-200", "", "", true}, {"tls-304", "", etagFor(""), true}, {"tls-200-br", ae, "", true}, {"tls-304-br", ae, etagFor(ae), true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			r := httptest.NewRequest("GET", "/trust/bundle", nil)
			if tc.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if tc.ae != "" {
				r.Header.Set("Accept-Encoding", tc.ae)
			}
			if tc.inm != "" {
				r.Header.Set("If-None-Match", tc.inm)
			}
			w := &benchWriter{h: make(http.Header)}
			f.srv.ServeHTTP(w, r)
			if tc.inm != "" && w.code != http.StatusNotModified || tc.inm == "" && w.code != http.StatusOK {
				b.Fatalf("status %d", w.code)
			}
			b.ReportAllocs()
			for b.Loop() {
				w := &benchWriter{h: make(http.Header)}
				f.srv.ServeHTTP(w, r)
			}
		})
	}
}

// BenchmarkApp measures the handler with go-app behind it: one of go-app's
// files (the same bytes every time: a cache hit) and the start page
// (attributes in map order: usually compressed anew), with and without
// Accept-Encoding.
func BenchmarkApp(b *testing.B) {
	f := newFixture(b, fakeKit{}, func(c *Config) { c.App = goApp() })
	f.srv.Wait()
	for _, tc := range []struct{ name, path, ae string }{
		{"app.js", "/app.js", ""}, {"app.js-br", "/app.js", "gzip, deflate, br, zstd"},
		{"page", "/", ""}, {"page-br", "/", "gzip, deflate, br, zstd"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			r := httptest.NewRequest("GET", tc.path, nil)
			if tc.ae != "" {
				r.Header.Set("Accept-Encoding", tc.ae)
			}
			b.ReportAllocs()
			for b.Loop() {
				w := &benchWriter{h: make(http.Header)}
				f.srv.ServeHTTP(w, r)
				if w.code != http.StatusOK && w.code != 0 { // 0: Write without WriteHeader
					b.Fatalf("status %d", w.code)
				}
			}
		})
	}
}
