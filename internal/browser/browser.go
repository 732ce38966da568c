// Package browser finds the Chromium that browser tests, benchmarks and
// qrbench drive: Debian's `chromium` package, looked up on PATH, in one
// place.
//
// A test that needs it calls Chromium(tb): locally a missing browser skips
// the test, naming the package to install; with $PASSCHECK_REQUIRE_BROWSER
// set (CI's .ci/run sets it) it fails, so that CI never passes by skipping.
package browser

import (
	"errors"
	"os"
	"os/exec"
)

// RequireEnv names the environment variable that turns a missing browser
// from a skip into a failure.
const RequireEnv = "PASSCHECK_REQUIRE_BROWSER"

// Package is the Debian package that provides Chromium.
const Package = "chromium"

// names are the commands Chromium is installed as: Debian's, then the
// name some other distributions use.
var names = []string{"chromium", "chromium-browser"}

// ErrNoChromium means no Chromium is on PATH.
var ErrNoChromium = errors.New("browser: chromium not found on PATH: apt-get install " + Package)

// Required reports whether a missing browser must fail tests.
func Required() bool { return os.Getenv(RequireEnv) != "" }

// FindChromium returns the path of the Chromium binary.
func FindChromium() (string, error) {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// TB is the part of testing.TB that Chromium uses (kept an interface so
// that qrbench, a command, does not link package testing).
type TB interface {
	Helper()
	Fatal(args ...any)
	Skip(args ...any)
}

// Chromium returns the Chromium binary for a test or benchmark, or ends it:
// Fatal when Required, Skip otherwise, either way saying what to install.
func Chromium(tb TB) string {
	tb.Helper()
	p, err := FindChromium()
	if err != nil {
		if Required() {
			tb.Fatal(err, "; and "+RequireEnv+" is set")
		}
		tb.Skip(err, " (set "+RequireEnv+"=1 to make this a failure)")
	}
	return p
}
