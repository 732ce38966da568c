package demo

import (
	"crypto"
	"os"
	"strings"
	"testing"
	"time"

	"passcheck/verify"
	"passcheck/verify/trust"
)

// The demo bundle trusts the specifications' example issuers, marked as
// test issuers, so that their example codes scan under `make run`.
func TestDemoBundleTestIssuers(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // inside both examples' windows
	d, err := Ensure(t.TempDir(), now)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(d.BundlePath)
	b, err := trust.Open(data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, now)
	if err != nil {
		t.Fatal(err)
	}
	v := &verify.Verifier{Trust: b, Revocations: b, SHC: b.SHCIssuers(), NZCP: b.NZCPIssuers()}
	for _, f := range []string{"../../testdata/shc/examples/example-00-f-qr-code-numeric-value-0.txt",
		"../../testdata/nzcp/examples/valid/nzcp.txt"} {
		text, _ := os.ReadFile(f)
		r := v.VerifyAny(strings.TrimSpace(string(text)), now)
		s, verified, _ := r.Summary()
		if r.Verdict != verify.Valid || !verified || !s.TestIssuer || !strings.Contains(s.IssuerName, "TEST") {
			t.Errorf("%s: %v %v, summary %+v", f, r.Verdict, r.Err, s)
		}
	}
}
