// Package e2e holds Passcheck's real-browser tests: the scanner PWA, built
// to WebAssembly with a test bundle key pinned, served by the real server
// handler (server/site), driven in Debian's Chromium through chromedp with a
// fake camera playing QR codes of the demo samples.
//
// The tests skip when chromium is not installed, unless
// PASSCHECK_REQUIRE_BROWSER is set (as CI does): then they fail.
package e2e
