// Package e2e holds Passcheck's real-browser tests: the scanner PWA, built
// to WebAssembly with a test bundle key pinned, served by the real server
// handler (server/site), driven in Debian's Chromium through chromedp with a
// fake camera playing QR codes of the demo samples.
//
// The tests skip when chromium is not installed, unless
// PASSCHECK_REQUIRE_BROWSER is set (as CI does): then they fail.
//
// No pass/fail test asserts a duration. PASSCHECK_MEASURE=1 runs TestMeasure,
// which records the figures of docs/BENCHMARKS.md (## scanner PWA);
// TestScanValid's "long tasks" subtest logs the UI-thread tasks over 50 ms
// and skips, saying why; PASSCHECK_STRICT_LONGTASKS=1 makes it fail on any
// while scanning, for an idle machine.
package e2e
