//go:build !wasm

package bundle_test

import (
	"sync"
	"testing"

	"passcheck/internal/wasmbench"
)

// browserRun caches the one browser run: the testing package calls a
// benchmark several times (b.N = 1, then the -benchtime count), and the
// wasm benchmarks inside already loop.
var browserRun struct {
	sync.Once
	metrics map[string]float64
	out     string
	err     error
}

// BenchmarkBrowserOpen2000 runs verify/trust's BenchmarkOpen2000 (verify +
// index of a 2 000-DSC bundle) and BenchmarkOpenParseAll2000 as WebAssembly
// in headless Chromium, and reports their ns/op. Run it alone, once:
//
//	go test -run '^$' -bench BrowserOpen -benchtime 1x ./server/bundle
//
// It reports the fastest and the median of eight runs of each.
func BenchmarkBrowserOpen2000(b *testing.B) {
	browserRun.Do(func() {
		browserRun.metrics, browserRun.out, browserRun.err = wasmbench.Run(b, "passcheck/verify/trust", "Open(ParseAll)?2000$", "5x", 8,
			[]string{"Open2000", "OpenParseAll2000"})
	})
	if browserRun.err != nil {
		b.Fatal(browserRun.err)
	}
	for b.Loop() {
	}
	b.Log("\n" + browserRun.out)
	for k, v := range browserRun.metrics {
		b.ReportMetric(v, k)
	}
}
