package verify_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"testing"
	"time"

	"passcheck/server/issue"
	"passcheck/verify"
	"passcheck/verify/nzcp"
	"passcheck/verify/shc"
)

// BenchmarkVerifyIssued is QR text → verdict for an SMART Health Card and
// an NZ COVID Pass issued in memory (no files: it also runs as WebAssembly
// in a browser page, see server/issue's BenchmarkBrowserVerifyFormats).
func BenchmarkVerifyIssued(b *testing.B) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s, _ := issue.NewSHCSigner("https://demo.passcheck.invalid/shc", key)
	n, _ := issue.NewNZCPSigner("did:web:demo.passcheck.invalid", "demo-1", key)
	keys, _, _ := shc.ParseJWKS(s.JWKS())
	var si shc.IssuerSet
	si.Add(&shc.Issuer{URL: s.Issuer, Keys: keys})
	did, _, _ := nzcp.ParseDID(n.DIDDocument())
	var ni nzcp.IssuerSet
	ni.Add(did)
	v := &verify.Verifier{SHC: &si, NZCP: &ni}
	jws, err := s.Sign(&issue.SHCCard{Given: []string{"A"}, Family: "B", BirthDate: "1990-01-01", NotBefore: at.Add(-time.Hour),
		Immunizations: []issue.Immunization{{CVX: "208", Date: "2025-01-01"}, {CVX: "208", Date: "2025-02-01"}, {CVX: "229", Date: "2025-09-01"}}})
	if err != nil {
		b.Fatal(err)
	}
	pass, err := n.Sign(&issue.NZCPPass{GivenName: "A", FamilyName: "B", DOB: "1990-01-01", NotBefore: at.Add(-time.Hour), Expires: at.AddDate(1, 0, 0)})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, text string }{{"shc", shc.EncodeQR(jws)}, {"nzcp", pass}} {
		b.Run(c.name, func(b *testing.B) {
			if r := v.VerifyAny(c.text, at); r.Verdict != verify.Valid {
				b.Fatal(r.Err)
			}
			b.ReportAllocs()
			for b.Loop() {
				v.VerifyAny(c.text, at)
			}
		})
	}
}
