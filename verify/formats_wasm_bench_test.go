package verify_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"

	"passcheck/server/issue"
	"passcheck/verify"
	"passcheck/verify/nzcp"
	"passcheck/verify/shc"
	"passcheck/verify/trust"
)

// BenchmarkVerifyIssued is QR text → verdict for an EU certificate, a SMART
// Health Card and an NZ COVID Pass issued in memory (no files: it also runs as WebAssembly
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
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "DEMO DSC", Country: []string{"KR"}},
		NotBefore: at.AddDate(-1, 0, 0), NotAfter: at.AddDate(1, 0, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		b.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	dsc, err := trust.KeyFromDER(der)
	if err != nil {
		b.Fatal(err)
	}
	signer, err := issue.NewSigner(cert, key)
	if err != nil {
		b.Fatal(err)
	}
	hc1, err := signer.Sign(&issue.Claims{Issuer: "KR", IssuedAt: at.Add(-time.Hour), ExpiresAt: at.AddDate(1, 0, 0),
		DCC: verify.DCC{Ver: "1.3.0", DOB: "1985-05-05",
			Nam: verify.Name{FN: "TEST", FNT: "TEST", GN: "Bench", GNT: "BENCH"},
			V: []verify.VaccinationEntry{{TG: "840539006", VP: "J07BX03", MP: "EU/1/20/1528", MA: "ORG-100030215",
				DN: 2, SD: 2, DT: "2025-01-01", CO: "KR", IS: "Passcheck TEST", CI: "URN:UVCI:01:KR:TEST/BENCH"}}}})
	if err != nil {
		b.Fatal(err)
	}
	v := &verify.Verifier{Trust: verify.NewKeySet(dsc), SHC: &si, NZCP: &ni}
	jws, err := s.Sign(&issue.SHCCard{Given: []string{"A"}, Family: "B", BirthDate: "1990-01-01", NotBefore: at.Add(-time.Hour),
		Immunizations: []issue.Immunization{{CVX: "208", Date: "2025-01-01"}, {CVX: "208", Date: "2025-02-01"}, {CVX: "229", Date: "2025-09-01"}}})
	if err != nil {
		b.Fatal(err)
	}
	pass, err := n.Sign(&issue.NZCPPass{GivenName: "A", FamilyName: "B", DOB: "1990-01-01", NotBefore: at.Add(-time.Hour), Expires: at.AddDate(1, 0, 0)})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, text string }{{"hc1", hc1.Text}, {"shc", shc.EncodeQR(jws)}, {"nzcp", pass}} {
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
