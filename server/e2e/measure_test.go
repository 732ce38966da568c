package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/chromedp"
)

// countingHandler counts the response body bytes and requests it serves,
// in all and by path.
type countingHandler struct {
	h     http.Handler
	bytes atomic.Int64
	reqs  atomic.Int64
	mu    sync.Mutex
	paths map[string]int64
}

func (c *countingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.reqs.Add(1)
	cw := &countingWriter{ResponseWriter: w, n: &c.bytes}
	c.h.ServeHTTP(cw, r)
	c.mu.Lock()
	if c.paths == nil {
		c.paths = map[string]int64{}
	}
	c.paths[r.URL.Path] += cw.own
	c.mu.Unlock()
}

func (c *countingHandler) reset() (bytes, reqs int64) {
	c.mu.Lock()
	c.paths = nil
	c.mu.Unlock()
	return c.bytes.Swap(0), c.reqs.Swap(0)
}

// byPath lists the bytes served per path, largest first.
func (c *countingHandler) byPath() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	type pb struct {
		p string
		n int64
	}
	var l []pb
	for p, n := range c.paths {
		l = append(l, pb{p, n})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].n > l[j].n })
	var b strings.Builder
	for _, e := range l {
		fmt.Fprintf(&b, " %s %d;", e.p, e.n)
	}
	return b.String()
}

type countingWriter struct {
	http.ResponseWriter
	n   *atomic.Int64
	own int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n.Add(int64(n))
	w.own += int64(n)
	return n, err
}

// TestMeasure records the figures of docs/BENCHMARKS.md (## scanner PWA):
// cold and warm start to camera-ready, code in view to verdict, bytes on
// first and repeat visit, wasm sizes. It asserts nothing about time; run it
// with PASSCHECK_MEASURE=1 (N runs, default 3).
func TestMeasure(t *testing.T) {
	if os.Getenv("PASSCHECK_MEASURE") == "" {
		t.Skip("set PASSCHECK_MEASURE=1 to record the scanner figures")
	}
	runs := 3
	fmt.Sscan(os.Getenv("PASSCHECK_MEASURE_RUNS"), &runs)

	raw, err := os.ReadFile(filepath.Join(env.web, "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	var br, gz bytes.Buffer
	bw := brotli.NewWriterLevel(&br, 11)
	bw.Write(raw)
	bw.Close()
	zw, _ := gzip.NewWriterLevel(&gz, 9)
	zw.Write(raw)
	zw.Close()
	t.Logf("app.wasm: raw %d B, gzip -9 %d B, brotli 11 %d B", len(raw), gz.Len(), br.Len())

	s := newSite(t, 11) // serve app.wasm as in production: brotli 11
	var cold, warm, latency, scanLong, drawLong []float64
	var firstBytes, firstReqs, repeatBytes, repeatReqs int64
	for i := 0; i < runs; i++ {
		ch := &countingHandler{h: s}
		ts := httptest.NewServer(ch)
		ctx := browser(t, video(t, sample(t, "valid-vaccination").Text), "en-US")
		open(t, ctx, ts.URL)
		st := waitVerdict(t, ctx)
		if st.Attr != "valid" {
			t.Fatalf("run %d: verdict %q", i, st.Attr)
		}
		cold = append(cold, st.Ready)
		for _, lt := range st.LongTasks {
			if lt.Start+lt.Dur > st.CameraStart && lt.Start < st.Verdict {
				scanLong = append(scanLong, lt.Dur)
				t.Logf("run %d: long task %.0f ms at camera start %+.0f ms (verdict %+.0f); page timeline around it: %s",
					i, lt.Dur, lt.Start-st.CameraStart, lt.Start-st.Verdict, timeline(t, ctx, lt.Start-100, lt.Start+lt.Dur+20))
			}
			if lt.Start >= st.Verdict && lt.Start < st.Verdict+verdictDrawWindow {
				drawLong = append(drawLong, lt.Dur)
			}
		}
		for _, sl := range st.Slow {
			if sl.Start+sl.Dur > st.CameraStart && sl.Start < st.Verdict+verdictDrawWindow {
				t.Logf("run %d: page callback %q %.0f ms at camera start %+.0f ms (verdict %+.0f)",
					i, sl.What, sl.Dur, sl.Start-st.CameraStart, sl.Start-st.Verdict)
			}
		}
		if st.InView > 0 {
			latency = append(latency, st.Verdict-st.InView)
		}
		waitOffline(t, ctx)
		// Let the service worker finish; then count the first visit.
		time.Sleep(time.Second)
		t.Logf("run %d: first visit by path:%s", i, ch.byPath())
		firstBytes, firstReqs = ch.reset()

		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		if st := waitVerdict(t, ctx); st.InView > 0 {
			latency = append(latency, st.Verdict-st.InView)
		}
		time.Sleep(time.Second)
		repeatBytes, repeatReqs = ch.reset()

		ts.Close()
		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		waitReady(t, ctx)
		st = state(t, ctx)
		warm = append(warm, st.Ready)
		t.Logf("run %d: cold %.0f ms, warm offline %.0f ms; first visit %d B in %d requests, repeat %d B in %d requests",
			i, cold[i], st.Ready, firstBytes, firstReqs, repeatBytes, repeatReqs)
	}
	t.Logf("cold start → camera-ready (ms): median %.0f of %v", median(cold), cold)
	t.Logf("main-thread long tasks while scanning (ms), Passcheck: %v", scanLong)
	t.Logf("main-thread long tasks in the %d ms after the verdict mark (drawing it) (ms): %v", verdictDrawWindow, drawLong)
	t.Logf("main-thread long tasks over 5 s of camera, control page (same fake camera and instrumentation, no app): %v", controlLongTasks(t))
	t.Logf("warm start (cached, offline) → camera-ready (ms): median %.0f of %v", median(warm), warm)
	t.Logf("code in view → verdict (ms): median %.0f of %v", median(latency), latency)
	t.Logf("bytes: first visit %d (%d requests), repeat visit %d (%d requests)", firstBytes, firstReqs, repeatBytes, repeatReqs)
}

// timeline lists the page's marks and measures that end between from and
// to (page times, ms), to tell what a long task held.
func timeline(t *testing.T, ctx context.Context, from, to float64) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`performance.getEntries()
  .filter((e) => (e.entryType === "mark" || e.entryType === "measure" || e.entryType === "resource") && e.startTime + e.duration >= %f && e.startTime <= %f)
  .map((e) => e.entryType[0] + " " + e.name.replace(location.origin, "") + " " + Math.round(e.startTime - %f) + "+" + Math.round(e.duration)).join("; ")`, from, to, from+100)))
	if err != nil {
		return err.Error()
	}
	return s
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// waitOffline waits until the service worker controls the page with the app
// files cached and the trust bundle is persisted.
func waitOffline(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		if (!reg || !reg.active || reg.active.state !== "activated") return false;
		const keys = await caches.keys();
		const app = keys.find((k) => k.startsWith("app-"));
		if (!app) return false;
		const c = await caches.open(app);
		if (!(await c.match("/web/app.wasm")) || !(await c.match("/web/worker.js"))) return false;
		const t = await caches.open("passcheck-trust");
		return !!(await t.match("/trust/bundle"));
	})()`, chromedp.WithPollingTimeout(hangGuard), chromedp.WithPollingInterval(200*time.Millisecond))); err != nil {
		t.Fatalf("app not ready for offline use: %v", err)
	}
}

// controlPage shows the fake camera and nothing else, with the same
// instrumentation as the app's page (instrument, which reads a clone of the
// camera track to see when the code comes into view): the baseline for the
// long-task figures on this machine.
const controlPage = `<!doctype html><html><body><video id="v" autoplay muted playsinline></video><script>
navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } } }).then((s) => {
  const v = document.getElementById("v"); v.srcObject = s; v.play();
});
</script></body></html>`

func controlLongTasks(t *testing.T) []int {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, controlPage)
	}))
	defer ts.Close()
	ctx := browser(t, video(t, sample(t, "valid-vaccination").Text), "en-US")
	open(t, ctx, ts.URL)
	if err := chromedp.Do(ctx, chromedp.Sleep(5*time.Second)); err != nil {
		t.Fatal(err)
	}
	lt, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`__pc.longtasks.map((e) => Math.round(e.dur))`))
	if err != nil {
		t.Fatal(err)
	}
	return lt
}
