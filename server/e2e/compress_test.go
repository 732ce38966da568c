package e2e

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// encodingLog records, per request, what Chromium asked for and what the
// server answered.
type encodingLog struct {
	h       http.Handler
	mu      sync.Mutex
	ex      []exchange
	changed chan struct{} // signalled after each request
}

type exchange struct {
	path, ae, inm  string
	code           int
	encoding, etag string
	bytes          int
}

type exchangeWriter struct {
	http.ResponseWriter
	code, n int
}

func (w *exchangeWriter) WriteHeader(c int) { w.code = c; w.ResponseWriter.WriteHeader(c) }

func (w *exchangeWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

func (l *encodingLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ew := &exchangeWriter{ResponseWriter: w}
	l.h.ServeHTTP(ew, r)
	l.mu.Lock()
	l.ex = append(l.ex, exchange{r.URL.Path, r.Header.Get("Accept-Encoding"), r.Header.Get("If-None-Match"),
		ew.code, w.Header().Get("Content-Encoding"), w.Header().Get("Etag"), ew.n})
	l.mu.Unlock()
	select {
	case l.changed <- struct{}{}:
	default:
	}
}

// of returns the exchanges for path so far.
func (l *encodingLog) of(path string) []exchange {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []exchange
	for _, e := range l.ex {
		if e.path == path {
			out = append(out, e)
		}
	}
	return out
}

// TestCompressedBundle: Chromium gets the trust bundle and the app's text
// files brotli-compressed; the app keeps the brotli form's ETag with the
// bundle and, on its next start, revalidates with it: 304, the bundle is
// not downloaded again.
func TestCompressedBundle(t *testing.T) {
	s := newSite(t, 5)
	log := &encodingLog{h: s, changed: make(chan struct{}, 1)}
	ts := httptest.NewServer(log)
	t.Cleanup(ts.Close)
	ctx := browser(t, video(t, sample(t, "valid-vaccination").Text), "en-US")
	open(t, ctx, ts.URL)
	waitOffline(t, ctx) // the bundle is verified and stored

	first := log.of("/trust/bundle")
	if len(first) != 1 || first[0].code != 200 || first[0].encoding != "br" || !strings.HasSuffix(first[0].etag, `-br"`) {
		t.Fatalf("first visit, /trust/bundle: %+v; want one 200 in brotli", first)
	}
	for _, p := range []string{"/", "/app.js", "/wasm_exec.js", "/web/passcheck.css", "/web/app.wasm"} {
		if ex := log.of(p); len(ex) == 0 || ex[0].encoding != "br" {
			t.Errorf("first visit, %s: %+v; want brotli", p, ex)
		}
	}
	stored, err := chromedp.Run(ctx, chromedp.Poll[string](`(async () => {
		const r = await (await caches.open("passcheck-trust")).match("/trust/bundle");
		return r ? r.headers.get("ETag") : "";
	})()`, chromedp.WithPollingTimeout(hangGuard)))
	if err != nil || stored != first[0].etag {
		t.Fatalf("the app stored the bundle with ETag %q (%v), served %q", stored, err, first[0].etag)
	}

	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	// The app checks the server once started; wait for that request.
	for len(log.of("/trust/bundle")) < 2 {
		select {
		case <-log.changed:
		case <-ctx.Done():
			t.Fatalf("no second bundle request after the reload: %v", ctx.Err())
		case <-time.After(hangGuard):
			t.Fatalf("no second bundle request after the reload (page: %+v)", state(t, ctx))
		}
	}
	second := log.of("/trust/bundle")[1]
	if second.inm != stored || second.code != http.StatusNotModified || second.bytes != 0 || second.etag != stored {
		t.Errorf("revalidation: %+v; want If-None-Match %s answered 304", second, stored)
	}
}
