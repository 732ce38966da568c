// Command app is the Passcheck scanner compiled to WebAssembly (served as
// /web/app.wasm). Build it with the trust-bundle key pinned:
//
//	GOOS=js GOARCH=wasm go build -ldflags "-X passcheck/app.pinnedBundleKeys=..." -o web/app.wasm ./wasm/app
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	passcheck "passcheck/app"
	"passcheck/app/worker"
)

func main() {
	// The same binary decodes and verifies in the page's Web Worker.
	if worker.InWorker() {
		worker.Run()
		return
	}
	passcheck.Routes()
	app.RunWhenOnBrowser()
}
