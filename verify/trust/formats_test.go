package trust_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"passcheck/verify"
	"passcheck/verify/trust"
)

func read(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const shcURL = "https://spec.smarthealth.cards/examples/issuer"

func exampleIssuers(t testing.TB) ([]trust.SHCIssuer, []trust.NZCPIssuer) {
	return []trust.SHCIssuer{{URL: shcURL, Name: "SMART example", Test: true,
			JWKS: read(t, "../../testdata/shc/issuer/.well-known/jwks.json"),
			CRLs: [][]byte{[]byte(`{"kid":"3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s","method":"rid","ctr":1,"rids":["vwAjHdarZuc"]}`)}}},
		[]trust.NZCPIssuer{{DID: "did:web:nzcp.covid19.health.nz", Name: "NZCP example", Test: true,
			Doc: read(t, "../../testdata/nzcp/examples/valid/did.json")}}
}

// TestFormatsRoundTrip: SMART and NZCP issuers travel in a signed bundle
// and verify the specifications' examples through verify.VerifyAny.
func TestFormatsRoundTrip(t *testing.T) {
	f := newFixture(t)
	f.payload.SHC, f.payload.NZCP = exampleIssuers(t)
	// The bundle's clock window is t0 .. t0+72h; the credentials are
	// checked at their own pinned time.
	b, err := trust.Open(sign(t, f.payload, f.bundleKey), f.pinned, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	v := &verify.Verifier{SHC: b.SHCIssuers(), NZCP: b.NZCPIssuers()}
	at := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		file    string
		verdict verify.Verdict
		err     error
	}{
		{"../../testdata/shc/examples/example-00-f-qr-code-numeric-value-0.txt", verify.Valid, nil},
		{"../../testdata/shc/examples/example-03-f-qr-code-numeric-value-0.txt", verify.Invalid, verify.ErrRevoked},
		{"../../testdata/nzcp/examples/valid/nzcp.txt", verify.Valid, nil},
		{"../../testdata/nzcp/examples/invalid/nzcp-not-associated-public-key.txt", verify.CannotVerify, verify.ErrUnknownKey},
	} {
		r := v.VerifyAny(strings.TrimSpace(string(read(t, tc.file))), at)
		if r.Verdict != tc.verdict || !errors.Is(r.Err, tc.err) {
			t.Errorf("%s: %v %v", tc.file, r.Verdict, r.Err)
		}
		if s, verified, _ := r.Summary(); verified && (!s.TestIssuer || s.IssuerName == "") {
			t.Errorf("%s: summary %+v", tc.file, s)
		}
	}
	if len(b.SHCList()) != 1 || len(b.NZCPList()) != 1 || b.SHCIssuers().Issuer("https://other.example") != nil {
		t.Error("lists or lookup of an unknown issuer")
	}
}

func TestFormatsRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(p *trust.Payload)
	}{
		{"http URL", func(p *trust.Payload) { p.SHC[0].URL = "http://x.example" }},
		{"trailing slash", func(p *trust.Payload) { p.SHC[0].URL += "/" }},
		{"SMART twice", func(p *trust.Payload) { p.SHC = append(p.SHC, p.SHC[0]) }},
		{"no JWKS", func(p *trust.Payload) { p.SHC[0].JWKS = nil }},
		{"not did:web", func(p *trust.Payload) { p.NZCP[0].DID = "did:key:z6Mk" }},
		{"NZCP twice", func(p *trust.Payload) { p.NZCP = append(p.NZCP, p.NZCP[0]) }},
	} {
		f := newFixture(t)
		f.payload.SHC, f.payload.NZCP = exampleIssuers(t)
		tc.edit(f.payload)
		if _, err := trust.Open(sign(t, f.payload, f.bundleKey), f.pinned, 0, t0); !errors.Is(err, trust.ErrMalformed) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// Documents that do not parse leave their issuer untrusted (checked
	// lazily, as DSCs are).
	for _, tc := range []struct {
		name string
		edit func(s *trust.SHCIssuer, n *trust.NZCPIssuer)
	}{
		{"bad JWKS", func(s *trust.SHCIssuer, n *trust.NZCPIssuer) {
			s.JWKS = read(t, "../../testdata/shc/dev-tools/wrong_kid_key.json")
		}},
		{"CRL version mismatch", func(s *trust.SHCIssuer, n *trust.NZCPIssuer) {
			s.CRLs[0] = []byte(strings.Replace(string(s.CRLs[0]), `"ctr":1`, `"ctr":2`, 1))
		}},
		{"another DID's document", func(s *trust.SHCIssuer, n *trust.NZCPIssuer) { n.DID = "did:web:other.example" }},
	} {
		f := newFixture(t)
		f.payload.SHC, f.payload.NZCP = exampleIssuers(t)
		tc.edit(&f.payload.SHC[0], &f.payload.NZCP[0])
		b, err := trust.Open(sign(t, f.payload, f.bundleKey), f.pinned, 0, t0)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if b.SHCIssuers().Issuer(f.payload.SHC[0].URL) != nil && b.NZCPIssuers().Issuer(f.payload.NZCP[0].DID) != nil {
			t.Errorf("%s: still trusted", tc.name)
		}
		if _, err := trust.ParseSHCIssuer(&f.payload.SHC[0]); err == nil {
			if _, err := trust.ParseNZCPIssuer(&f.payload.NZCP[0]); err == nil {
				t.Errorf("%s: parses", tc.name)
			}
		}
	}
}
