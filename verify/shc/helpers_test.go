package shc

import (
	"bytes"
	"compress/flate"
	"os"
	"testing"
)

const testdata = "../../testdata/shc/"

// exampleIssuer is the specification's example issuer, with its JWKS and
// CRL as published.
func exampleIssuer(t testing.TB) *Issuer {
	t.Helper()
	keys, skipped, err := ParseJWKS(mustRead(t, testdata+"issuer/.well-known/jwks.json"))
	if err != nil || len(skipped) > 0 {
		t.Fatal(err, skipped)
	}
	crl, err := ParseCRL(mustRead(t, testdata+"issuer/.well-known/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json"))
	if err != nil {
		t.Fatal(err)
	}
	return &Issuer{URL: "https://spec.smarthealth.cards/examples/issuer", Name: "SMART example issuer", Test: true,
		Keys: keys, CRLs: []*CRL{crl}}
}

func exampleIssuers(t testing.TB) *IssuerSet {
	var s IssuerSet
	if err := s.Add(exampleIssuer(t)); err != nil {
		t.Fatal(err)
	}
	return &s
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func deflate(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}
