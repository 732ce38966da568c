package site

import (
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
// and revalidated (304).
func BenchmarkBundle(b *testing.B) {
	f := newFixture(b, fakeKit{}, nil)
	etag, _ := f.srv.bundle.Load().etag, 0
	for _, tc := range []struct {
		name string
		inm  string
	}{{"200", ""}, {"304", etag}} {
		b.Run(tc.name, func(b *testing.B) {
			r := httptest.NewRequest("GET", "/trust/bundle", nil)
			if tc.inm != "" {
				r.Header.Set("If-None-Match", tc.inm)
			}
			b.ReportAllocs()
			for b.Loop() {
				w := &benchWriter{h: make(http.Header)}
				f.srv.ServeHTTP(w, r)
			}
		})
	}
}
