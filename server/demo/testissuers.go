package demo

import (
	"embed"
	"fmt"

	"passcheck/server/bundle"
	"passcheck/verify/shc"
	"passcheck/verify/trust"
)

// The specification example issuers of the other formats (see
// testissuers/SOURCE.md).
//
//go:embed testissuers/*.json
var testIssuerFiles embed.FS

// Their identifiers, as the example credentials carry them.
const (
	TestSHCIssuer  = "https://spec.smarthealth.cards/examples/issuer"
	TestNZCPIssuer = "did:web:nzcp.covid19.health.nz"
)

// testIssuers returns the example issuers as the demo bundle carries
// them, marked as test issuers.
func testIssuers() ([]trust.SHCIssuer, []trust.NZCPIssuer, error) {
	jwks, _ := testIssuerFiles.ReadFile("testissuers/shc-jwks.json")
	crl, _ := testIssuerFiles.ReadFile("testissuers/shc-crl.json")
	did, _ := testIssuerFiles.ReadFile("testissuers/nzcp-did.json")
	keys, skipped, err := shc.ParseJWKS(jwks)
	if err != nil || len(skipped) > 0 {
		return nil, nil, fmt.Errorf("demo: test SMART issuer: %v %v", err, skipped)
	}
	c, err := shc.ParseCRL(crl)
	if err != nil {
		return nil, nil, fmt.Errorf("demo: test SMART issuer: %w", err)
	}
	s, err := bundle.SHCIssuer(&shc.Issuer{URL: TestSHCIssuer, Name: "SMART Health Cards specification example (TEST)",
		Test: true, Keys: keys, CRLs: []*shc.CRL{c}})
	if err != nil {
		return nil, nil, err
	}
	n := trust.NZCPIssuer{DID: TestNZCPIssuer, Name: "NZ COVID Pass specification example (TEST)", Test: true, Doc: did}
	if _, err := trust.ParseNZCPIssuer(&n); err != nil {
		return nil, nil, fmt.Errorf("demo: test NZCP issuer: %w", err)
	}
	return []trust.SHCIssuer{s}, []trust.NZCPIssuer{n}, nil
}
