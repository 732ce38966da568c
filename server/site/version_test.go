package site

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestVersion: the version changes when any file the service worker caches
// changes (app.wasm, each listed web file, go-app's files), and only then.
func TestVersion(t *testing.T) {
	f := newFixture(t, fakeKit{}, nil)
	newApp := func(name string) func(string) http.Handler {
		return func(v string) http.Handler {
			return &app.Handler{Name: name, Version: v, Icon: app.Icon{Default: "/web/icons/icon-192.png"}}
		}
	}
	v0 := Version(f.web, fixtureWebFiles, newApp("A"))
	if v1 := Version(f.web, fixtureWebFiles, newApp("A")); v1 != v0 {
		t.Fatalf("the same files give two versions: %s, %s", v0, v1)
	}
	seen := map[string]string{v0: "the start"}
	for _, p := range append([]string{"/web/app.wasm"}, fixtureWebFiles...) {
		name := filepath.Join(f.web, filepath.FromSlash(p[len("/web/"):]))
		old, err := os.ReadFile(name)
		must(t, err)
		must(t, os.WriteFile(name, append(old, ' '), 0o644))
		v := Version(f.web, fixtureWebFiles, newApp("A"))
		if prev, dup := seen[v]; dup {
			t.Errorf("changing %s leaves the version of %s (%s)", p, prev, v)
		}
		seen[v] = p
		must(t, os.WriteFile(name, old, 0o644))
	}
	if v := Version(f.web, fixtureWebFiles, newApp("A")); v != v0 {
		t.Errorf("the files restored give %s, not %s", v, v0)
	}
	if v := Version(f.web, fixtureWebFiles, newApp("B")); v == v0 {
		t.Error("a changed manifest (another app name) leaves the version")
	}
	// Files not listed are not the app's: they do not count.
	must(t, os.WriteFile(filepath.Join(f.web, "notes.txt"), []byte("changed"), 0o644))
	if v := Version(f.web, fixtureWebFiles, newApp("A")); v != v0 {
		t.Error("a file the app does not use changed the version")
	}
}
