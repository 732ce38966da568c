//go:build !wasm

package app_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	passcheck "passcheck/app"
)

// The server mounts the PWA handler; Version must change with every deploy
// of app.wasm (a hash of it), or every restart looks like an app update.
func ExampleNewHandler() {
	h := passcheck.NewHandler("3f2a9c1e")
	mux := http.NewServeMux()
	mux.Handle("/", h)

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/manifest.webmanifest", nil))
	m := rec.Body.String()
	fmt.Println(rec.Code, strings.Contains(m, `"short_name":"Passcheck"`), strings.Contains(m, "https://"))
	// Output: 200 true false
}
