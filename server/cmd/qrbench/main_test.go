package main

import (
	"strings"
	"testing"
	"time"

	"passcheck/internal/browser"
)

// TestVerifyNative: the vectors of -verify give a valid verdict natively, and
// a vector that does not (expired) makes the benchmark fail.
func TestVerifyNative(t *testing.T) {
	vvs, err := loadVerifyVectors("../../../testdata/dgc-testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(vvs) != len(verifyVectors) {
		t.Fatalf("%d vectors, want %d", len(vvs), len(verifyVectors))
	}
	times, err := verifyNative(vvs, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vvs {
		if len(times[v.Name]) != 2 {
			t.Errorf("%s: %d timings, want 2", v.Name, len(times[v.Name]))
		}
	}
	vvs[0].Clock = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	if _, err := verifyNative(vvs, 1); err == nil {
		t.Error("verifyNative at 2100: no error")
	}
}

// TestVerifyPage runs `qrbench -verify` in Chromium: it succeeds on the
// benchmark's vectors and fails, from the page, on an expired one.
func TestVerifyPage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds wasm and starts Chromium")
	}
	chromium := browser.Chromium(t)
	t.Chdir("../../..") // run builds ./wasm/qrbench
	bench := func() error {
		return run(config{vectors: "testdata/dgc-testdata", webDir: "server/cmd/qrbench/page", runs: 2, chromium: chromium,
			verify: true, timeout: 5 * time.Minute})
	}
	if err := bench(); err != nil {
		t.Fatal(err)
	}
	saved := verifyVectors
	defer func() { verifyVectors = saved }()
	verifyVectors = append(verifyVectors[:1:1], struct{ name, path string }{"expired", "common/2DCode/raw/CO17.json"})
	err := bench()
	t.Log(err)
	if err == nil || !strings.Contains(err.Error(), "page: ") || !strings.Contains(err.Error(), "expired: invalid") {
		t.Fatalf("expired vector: got %v, want a page error naming it invalid", err)
	}
}
