// Command app is the Passcheck scanner compiled to WebAssembly (served as
// /web/app.wasm). Build it with the trust-bundle key pinned:
//
//	GOOS=js GOARCH=wasm go build -ldflags "-X passcheck/app.pinnedBundleKeys=..." -o web/app.wasm ./wasm/app
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	passcheck "passcheck/app"
)

func main() {
	// The same binary decodes and verifies in the page's Web Worker.
	if passcheck.InWorker() {
		passcheck.RunWorker()
		return
	}
	passcheck.Routes()
	app.RunWhenOnBrowser()
}
