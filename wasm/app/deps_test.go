package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// heavyForTheWasm are packages that once made app.wasm too big for the
// 2.2 MB first-visit budget (docs/BENCHMARKS.md, scanner PWA) and that the
// app does not need: x/text's CJK tables and IANA index (through gozxing,
// see third_party/gozxing/PATCHES.md), and the server side of the project.
var heavyForTheWasm = []string{
	"golang.org/x/text/encoding/ianaindex",
	"golang.org/x/text/encoding/japanese",
	"golang.org/x/text/encoding/korean",
	"golang.org/x/text/encoding/simplifiedchinese",
	"golang.org/x/text/encoding/traditionalchinese",
	"passcheck/server/",
}

// TestWasmDependencies lists what the js/wasm build of the app links and
// fails on any package of heavyForTheWasm.
func TestWasmDependencies(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list gave %d packages: %q", len(deps), out)
	}
	for _, d := range deps {
		for _, h := range heavyForTheWasm {
			if d == h || strings.HasSuffix(h, "/") && strings.HasPrefix(d, h) {
				t.Errorf("app.wasm links %s", d)
			}
		}
	}
}
