package app

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestPageKnowsNoQROrCOSE: the page (this package, as built for the
// browser) decodes and verifies nothing itself; the worker (app/worker)
// does, and the two meet only in app/wire.
func TestPageKnowsNoQROrCOSE(t *testing.T) {
	cmd := exec.Command("go", "list", "-f", `{{join .Imports " "}}`, ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := strings.Fields(string(out))
	if len(imports) < 5 {
		t.Fatalf("go list gave %q", out)
	}
	for _, p := range imports {
		for _, bad := range []string{"passcheck/verify/qr", "passcheck/verify/trust", "passcheck/app/worker",
			"github.com/veraison/go-cose", "github.com/makiuchi-d/gozxing", "github.com/fxamacker/cbor"} {
			if p == bad || strings.HasPrefix(p, bad+"/") {
				t.Errorf("the page imports %s", p)
			}
		}
	}
}
