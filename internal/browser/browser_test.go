package browser_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"passcheck/internal/browser"
)

// fakeTB records how Chromium ended a test; ended stops the caller the
// way t.Fatal and t.Skip do (runtime.Goexit).
type fakeTB struct{ fatal, skip string }

func (f *fakeTB) Helper()           {}
func (f *fakeTB) Fatal(args ...any) { f.fatal = fmt.Sprint(args...); runtime.Goexit() }
func (f *fakeTB) Skip(args ...any)  { f.skip = fmt.Sprint(args...); runtime.Goexit() }

func call(tb *fakeTB) (path string) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		path = browser.Chromium(tb)
	}()
	<-done
	return path
}

// Without chromium on PATH a test skips, and fails when CI requires the
// browser; with one (a stand-in executable), it gets its path.
func TestChromium(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("stand-in executable is a shell script")
	}
	empty := t.TempDir()
	t.Setenv("PATH", empty)

	t.Setenv(browser.RequireEnv, "")
	var tb fakeTB
	if p := call(&tb); p != "" || tb.skip == "" || tb.fatal != "" {
		t.Errorf("missing, not required: path %q, skip %q, fatal %q", p, tb.skip, tb.fatal)
	}
	t.Setenv(browser.RequireEnv, "1")
	tb = fakeTB{}
	if p := call(&tb); p != "" || tb.fatal == "" || tb.skip != "" {
		t.Errorf("missing, required: path %q, skip %q, fatal %q", p, tb.skip, tb.fatal)
	}

	for _, name := range []string{"chromium-browser", "chromium"} { // the second takes precedence
		if err := os.WriteFile(filepath.Join(empty, name), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		tb = fakeTB{}
		if p := call(&tb); p != filepath.Join(empty, name) || tb.fatal != "" || tb.skip != "" {
			t.Errorf("with %s: path %q, skip %q, fatal %q", name, p, tb.skip, tb.fatal)
		}
	}
}
