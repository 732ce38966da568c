package demo

import (
	"crypto"
	"os"
	"passcheck/verify/shc"
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

// Every format sample gets its verdict against the demo bundle, and the
// three chunks make a valid card in any order.
func TestFormatSamples(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
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
	samples, err := d.FormatSamples(now)
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) != len(FormatSampleNames) {
		t.Fatalf("%d samples", len(samples))
	}
	var chunks shc.Chunks
	for i, s := range samples {
		if s.Name != FormatSampleNames[i] || len(s.PNG) == 0 {
			t.Errorf("sample %d: %s", i, s.Name)
		}
		r := v.VerifyAny(s.Text, now)
		if r.Verdict != s.Want {
			t.Errorf("%s: %v %v, want %v", s.Name, r.Verdict, r.Err, s.Want)
		}
		if strings.HasPrefix(s.Name, "shc-chunked-") {
			if _, err := chunks.Add(s.Text); err != nil {
				t.Fatal(err)
			}
		}
		if sum, _, ok := r.Summary(); r.Verdict == verify.Valid && (!ok || !strings.Contains(sum.Name, "DEMO") || !sum.TestIssuer) {
			t.Errorf("%s: summary %+v", s.Name, sum)
		}
	}
	if r := v.VerifyChunks(&chunks, now); r.Verdict != verify.Valid {
		t.Errorf("assembled: %v", r.Err)
	}
}
