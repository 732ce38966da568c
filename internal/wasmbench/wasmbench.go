//go:build !wasm

// Package wasmbench runs a package's Go benchmarks compiled to WebAssembly
// in headless Chromium (the browser the app runs in), for the benchmarks
// that report browser figures beside native ones. It is the one such
// harness; callers name the package, the benchmarks and how often to run.
package wasmbench

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

// page runs the test binary in the page: its stdout (which wasm_exec.js
// writes to console.log) is collected, and window.benchDone is set when the
// program exits.
const page = `<!doctype html><meta charset="utf-8"><script src="wasm_exec.js"></script><script>
const out = [];
const log = console.log;
console.log = (...a) => { out.push(a.join(" ")); log(...a); };
const go = new Go();
go.argv = ["pkg.test"].concat(JSON.parse(decodeURIComponent(location.hash.slice(1))));
go.exit = (code) => { window.benchDone = {code: code, out: out.join("\n")}; };
WebAssembly.instantiateStreaming(fetch("pkg.wasm"), go.importObject)
  .then((r) => go.run(r.instance))
  .catch((e) => { window.benchDone = {code: -1, out: String(e)}; });
</script>`

// Run builds pkg's test binary for js/wasm, runs it in Chromium with
// -test.run=^$ -test.bench=bench -test.benchtime=benchtime -test.count=count
// (several short runs: on a shared machine the fastest and the median say
// more than one long mean), and returns, for each name in names (a
// benchmark's name as printed, without "Benchmark"), the fastest and the
// median ms/op as metrics "browser-NAME-min-ms" and "browser-NAME-median-ms"
// ("/" in a name becomes "-"), with the program's output.
func Run(tb testing.TB, pkg, bench, benchtime string, count int, names []string) (map[string]float64, string, error) {
	chromium := browser.Chromium(tb)
	dir := tb.TempDir()
	build := exec.Command("go", "test", "-c", "-o", filepath.Join(dir, "pkg.wasm"), pkg)
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return nil, "", fmt.Errorf("building the wasm test binary: %v\n%s", err, out)
	}
	wasmExec, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), wasmExec, 0o644); err != nil {
		return nil, "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		return nil, "", err
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(tb.TempDir()))
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		return nil, "", err
	}
	args := fmt.Sprintf(`["-test.run=^$",%q,%q,%q]`, "-test.bench="+bench, "-test.benchtime="+benchtime,
		"-test.count="+strconv.Itoa(count))
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
	metrics := map[string]float64{}
	for _, name := range names {
		ms := regexp.MustCompile(`Benchmark`+regexp.QuoteMeta(name)+`(-\d+)?\s+\d+\s+([0-9.]+) ns/op`).FindAllStringSubmatch(res.Out, -1)
		if ms == nil {
			return nil, "", fmt.Errorf("no %s result in:\n%s", name, res.Out)
		}
		var runs []float64
		for _, m := range ms {
			ns, _ := strconv.ParseFloat(m[2], 64)
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
