//go:build !wasm

package issue_test

import (
	"testing"

	"passcheck/internal/wasmbench"
)

// BenchmarkBrowserVerifyFormats runs verify's BenchmarkVerifyIssued (an EU
// certificate, an SMART Health Card and an NZ COVID Pass, QR text → verdict) as
// WebAssembly in headless Chromium, and reports the fastest and the median
// of five runs of each. Run it alone, once:
//
//	go test -run '^$' -bench BrowserVerifyFormats -benchtime 1x ./server/issue
func BenchmarkBrowserVerifyFormats(b *testing.B) {
	metrics, out, err := wasmbench.Run(b, "passcheck/verify", "VerifyIssued", "50x", 5,
		[]string{"VerifyIssued/hc1", "VerifyIssued/shc", "VerifyIssued/nzcp"})
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
