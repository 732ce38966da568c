package issue

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"testing"
	"time"

	"passcheck/verify"
	"passcheck/verify/nzcp"
	"passcheck/verify/shc"
)

func TestIssueFormats(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s, err := NewSHCSigner("https://demo.passcheck.invalid/shc", key)
	if err != nil {
		t.Fatal(err)
	}
	keys, skipped, err := shc.ParseJWKS(s.JWKS())
	if err != nil || len(skipped) > 0 {
		t.Fatal(err, skipped)
	}
	var si shc.IssuerSet
	si.Add(&shc.Issuer{URL: s.Issuer, Keys: keys})
	n, err := NewNZCPSigner("did:web:demo.passcheck.invalid", "demo-1", key)
	if err != nil {
		t.Fatal(err)
	}
	did, _, err := nzcp.ParseDID(n.DIDDocument())
	if err != nil || len(did.Keys) != 1 {
		t.Fatal(err)
	}
	var ni nzcp.IssuerSet
	ni.Add(did)
	v := &verify.Verifier{SHC: &si, NZCP: &ni}

	card := &SHCCard{Given: []string{"Demo"}, Family: "Person", BirthDate: "1990-01-01", NotBefore: now.Add(-time.Hour),
		Immunizations: []Immunization{{CVX: "208", Date: "2025-01-01"}, {CVX: "208", Date: "2025-02-01"}}}
	jws, err := s.Sign(card)
	if err != nil {
		t.Fatal(err)
	}
	r := v.VerifyAny(shc.EncodeQR(jws), now)
	if sum, ok, _ := r.Summary(); r.Verdict != verify.Valid || !ok || sum.Name != "Demo Person" || len(sum.Statements) != 2 {
		t.Fatalf("card: %v %v %+v", r.Verdict, r.Err, sum)
	}
	chunks, err := SHCChunks(jws, 3)
	if err != nil {
		t.Fatal(err)
	}
	var c shc.Chunks
	for _, i := range []int{2, 0, 1} {
		if _, err := c.Add(chunks[i]); err != nil {
			t.Fatal(err)
		}
	}
	if r := v.VerifyChunks(&c, now); r.Verdict != verify.Valid {
		t.Fatalf("chunks: %v", r.Err)
	}

	text, err := n.Sign(&NZCPPass{GivenName: "Demo", FamilyName: "Person", DOB: "1990-01-01", NotBefore: now.Add(-time.Hour), Expires: now.AddDate(1, 0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	r = v.VerifyAny(text, now)
	if sum, ok, _ := r.Summary(); r.Verdict != verify.Valid || !ok || sum.Name != "Demo Person" || sum.DOB != "1990-01-01" {
		t.Fatalf("pass: %v %v %+v", r.Verdict, r.Err, sum)
	}
	if p, ok := r.VerifiedNZCP(); !ok || p.ID[len("urn:uuid:")+14] != '4' {
		t.Errorf("cti is not a v4 UUID: %+v", p)
	}
}

func TestIssueFormatsRefuses(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	for _, iss := range []string{"https://spec.smarthealth.cards/examples/issuer", "http://demo.example", "https://myhealth.gov"} {
		if _, err := NewSHCSigner(iss, key); !errors.Is(err, ErrNotDemo) {
			t.Errorf("%s: %v", iss, err)
		}
	}
	if _, err := NewSHCSigner("https://demo.passcheck.invalid", p384); !errors.Is(err, ErrKey) {
		t.Errorf("P-384: %v", err)
	}
	for _, did := range []string{"did:web:nzcp.identity.health.nz", "did:key:demo"} {
		if _, err := NewNZCPSigner(did, "k", key); !errors.Is(err, ErrNotDemo) {
			t.Errorf("%s: %v", did, err)
		}
	}
	if _, err := SHCChunks("abc", 11); err == nil {
		t.Error("11 chunks")
	}
}
