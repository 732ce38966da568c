package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"

	"passcheck/server/datafile"
)

// versionPlaceholder is the version go-app's files are rendered with for
// Version: the real one goes into app.js and app-worker.js.
const versionPlaceholder = "passcheck-version"

// Version names an app version after everything its service worker caches:
// app.wasm and webFiles as they are in webDir, and go-app's own files
// (AppFiles) as newApp renders them. A phone sees an update exactly when
// one of them changes, and never on a mere restart. newApp makes the app
// handler for a version; nil leaves go-app's files out. The pages are left
// out too: go-app renders them differently on every request (attributes
// in map order), and what they show comes from app.wasm.
func Version(webDir string, webFiles []string, newApp func(version string) http.Handler) string {
	h := sha256.New()
	files := slices.Concat([]string{"/web/app.wasm"}, webFiles)
	slices.Sort(files)
	files = slices.Compact(files)
	var root *os.Root
	if webDir != "" {
		root, _ = os.OpenRoot(webDir)
	}
	if root != nil {
		defer root.Close()
	}
	for _, p := range files {
		sum := "missing"
		if root != nil {
			if b, _, err := datafile.ReadIn(root, strings.TrimPrefix(p, "/web/"), MaxWasmSize); err == nil {
				s := sha256.Sum256(b)
				sum = hex.EncodeToString(s[:])
			}
		}
		fmt.Fprintf(h, "%s %s\n", p, sum)
	}
	if newApp != nil {
		app := newApp(versionPlaceholder)
		for _, p := range AppFiles {
			w := httptest.NewRecorder()
			app.ServeHTTP(w, httptest.NewRequest(http.MethodGet, p, nil))
			s := sha256.Sum256(w.Body.Bytes())
			fmt.Fprintf(h, "%s %d %s\n", p, w.Code, hex.EncodeToString(s[:]))
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
