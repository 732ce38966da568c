// Command wasmbuild builds the app's WebAssembly (./wasm/app) the one way it
// ships: `make wasm` and the browser tests run it, so what is tested and
// measured is what phones download.
//
//	go run ./internal/wasmbuild -o web/app.wasm -pinned KEYS
//
// It runs from the module root.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
)

// coldPackages are compiled without inlining (-l). They run once per
// start, per bundle or per verdict, never per camera frame, and inlining
// them is what costs first-visit bytes: brotli compresses the calls far
// better than the copies. Together about 110 KB of app.wasm's 2.2 MB after
// brotli (docs/BENCHMARKS.md, "app.wasm size by package"). The per-frame
// path keeps inlining: verify/qr, gozxing, image, the runtime and crypto,
// and app/worker, which moves each frame (re-enabled below).
var coldPackages = []string{
	"github.com/maxence-charriere/go-app/v10/...", // the UI: a render per verdict
	"passcheck/app/...",
	"encoding/json",                // the trust bundle, settings, worker messages
	"github.com/fxamacker/cbor/v2", // one CWT per verdict
	"regexp/...",                   // rule and schema patterns, go-app's router
	"fmt",
	"passcheck/verify", // the credential behind a read code: once per verdict
	"passcheck/verify/shc",
	"passcheck/verify/nzcp",
	"github.com/veraison/go-cose",
	"passcheck/verify/rules",
	"passcheck/verify/certlogic",
	"passcheck/verify/schema",
}

// hotPackages undo coldPackages where a pattern reaches too far.
var hotPackages = []string{"passcheck/app/worker"}

// Args are the `go build` arguments for the app with pinned as its bundle
// key(s) (base64 SPKI, comma separated; "" builds an app that trusts no
// bundle key, which `passcheck serve` warns about).
func Args(out, pinned string) []string {
	args := []string{"build", "-trimpath"}
	for _, p := range coldPackages {
		args = append(args, "-gcflags="+p+"=-l")
	}
	for _, p := range hotPackages {
		// The last matching pattern wins; an empty list is the default.
		args = append(args, "-gcflags="+p+"=")
	}
	return append(args, "-ldflags", "-s -w -X passcheck/app.pinnedBundleKeys="+pinned, "-o", out, "./wasm/app")
}

func main() {
	out := flag.String("o", "web/app.wasm", "output `file`")
	pinned := flag.String("pinned", "", "the trust-bundle public `keys` pinned into the app (base64 SPKI, comma separated)")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/wasmbuild [-o FILE] [-pinned KEYS]")
		os.Exit(2)
	}
	cmd := exec.Command("go", Args(*out, *pinned)...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "wasmbuild:", err)
		os.Exit(1)
	}
}
