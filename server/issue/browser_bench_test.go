//go:build !wasm

package issue_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"passcheck/internal/browser"
)

// benchPage runs a Go test binary compiled to WebAssembly in the page: its
// stdout (which wasm_exec.js writes to console.log) is collected, and
// window.benchDone is set when the program exits.
const benchPage = `<!doctype html><meta charset="utf-8"><script src="wasm_exec.js"></script><script>
const out = [];
const log = console.log;
console.log = (...a) => { out.push(a.join(" ")); log(...a); };
const go = new Go();
go.argv = ["verify.test"].concat(JSON.parse(decodeURIComponent(location.hash.slice(1))));
go.exit = (code) => { window.benchDone = {code: code, out: out.join("\n")}; };
WebAssembly.instantiateStreaming(fetch("verify.wasm"), go.importObject)
  .then((r) => go.run(r.instance))
  .catch((e) => { window.benchDone = {code: -1, out: String(e)}; });
</script>`

// BenchmarkBrowserVerifyFormats runs verify's BenchmarkVerifyIssued (an
// SMART Health Card and an NZ COVID Pass, QR text → verdict) as
// WebAssembly in headless Chromium, and reports the fastest and the median
// of five runs of each. Run it alone, once:
//
//	go test -run '^$' -bench BrowserVerifyFormats -benchtime 1x ./server/issue
func BenchmarkBrowserVerifyFormats(b *testing.B) {
	metrics, out, err := runBrowserBench(b)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
	}
	b.Log("\n" + out)
	for k, v := range metrics {
		b.ReportMetric(v, k)
	}
}

func runBrowserBench(b *testing.B) (map[string]float64, string, error) {
	chromium := browser.Chromium(b)
	metrics := map[string]float64{}
	dir := b.TempDir()
	build := exec.Command("go", "test", "-c", "-o", filepath.Join(dir, "verify.wasm"), "passcheck/verify")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return nil, "", fmt.Errorf("building the wasm test binary: %v\n%s", err, out)
	}
	wasmExec, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, "", err
	}
	os.WriteFile(filepath.Join(dir, "wasm_exec.js"), wasmExec, 0o644)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(benchPage), 0o644)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(b.TempDir()))
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		return nil, "", err
	}
	// Five short runs: on a shared machine the fastest and the median say
	// more than one long mean.
	args := `["-test.run=^$","-test.bench=VerifyIssued","-test.benchtime=50x","-test.count=5"]`
	type done struct {
		Code int    `json:"code"`
		Out  string `json:"out"`
	}
	runCtx, stop := context.WithTimeout(ctx, 10*time.Minute)
	defer stop()
	err = chromedp.Do(runCtx, chromedp.Navigate(srv.URL+"/index.html#"+urlEscape(args)))
	var res done
	if err == nil {
		res, err = chromedp.Run(runCtx, chromedp.Poll[done]("window.benchDone",
			chromedp.WithPollingTimeout(9*time.Minute), chromedp.WithPollingInterval(200*time.Millisecond)))
	}
	if err != nil {
		return nil, "", err
	}
	if res.Code != 0 {
		return nil, "", fmt.Errorf("exit %d:\n%s", res.Code, res.Out)
	}
	for _, name := range []string{"VerifyIssued/shc", "VerifyIssued/nzcp"} {
		ms := regexp.MustCompile(`Benchmark`+name+`\s+\d+\s+([0-9.]+) ns/op`).FindAllStringSubmatch(res.Out, -1)
		if ms == nil {
			return nil, "", fmt.Errorf("no %s result in:\n%s", name, res.Out)
		}
		var runs []float64
		for _, m := range ms {
			ns, _ := strconv.ParseFloat(m[1], 64)
			runs = append(runs, ns/1e6)
		}
		sort.Float64s(runs)
		key := strings.ReplaceAll(name, "/", "-")
		metrics["browser-"+key+"-min-ms"] = runs[0]
		metrics["browser-"+key+"-median-ms"] = runs[len(runs)/2]
	}
	return metrics, res.Out, nil
}

func urlEscape(s string) string {
	return strings.NewReplacer("%", "%25", "#", "%23", " ", "%20", `"`, "%22").Replace(s)
}
