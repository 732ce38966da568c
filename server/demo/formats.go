package demo

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"passcheck/server/bundle"
	"passcheck/server/datadir"
	"passcheck/server/issue"
	"passcheck/verify"
	"passcheck/verify/shc"
	"passcheck/verify/trust"
)

// The demo issuers of the other formats. Their names are under .invalid:
// nothing is ever fetched from them, and issue refuses any other.
const (
	SHCIssuer  = "https://demo.passcheck.invalid/shc"
	NZCPIssuer = "did:web:demo.passcheck.invalid"
	nzcpKID    = "demo-1"
)

// FormatSampleNames lists the samples of the other formats, in display
// order. The three shc-chunked-* are one card over three QR codes: each
// alone cannot be verified; the three together are valid.
var FormatSampleNames = []string{"shc-valid", "shc-chunked-1", "shc-chunked-2", "shc-chunked-3",
	"shc-bad-signature", "shc-unknown-issuer", "nzcp-valid", "nzcp-expired"}

// formatSigners loads (or makes, once) the demo SMART and NZCP keys.
func (d *Data) formatSigners() (*issue.SHCSigner, *issue.NZCPSigner, error) {
	sk, err := loadOrCreateKey(filepath.Join(d.Dir, datadir.DemoDir, "shc.key.pem"))
	if err != nil {
		return nil, nil, err
	}
	nk, err := loadOrCreateKey(filepath.Join(d.Dir, datadir.DemoDir, "nzcp.key.pem"))
	if err != nil {
		return nil, nil, err
	}
	s, err := issue.NewSHCSigner(SHCIssuer, sk)
	if err != nil {
		return nil, nil, err
	}
	n, err := issue.NewNZCPSigner(NZCPIssuer, nzcpKID, nk)
	if err != nil {
		return nil, nil, err
	}
	return s, n, nil
}

// formatIssuers returns the demo issuers and the specifications' example
// issuers as the demo bundle carries them, all marked as test issuers.
func (d *Data) formatIssuers() ([]trust.SHCIssuer, []trust.NZCPIssuer, error) {
	shcs, nzcps, err := testIssuers()
	if err != nil {
		return nil, nil, err
	}
	s, n, err := d.formatSigners()
	if err != nil {
		return nil, nil, err
	}
	keys, _, err := shc.ParseJWKS(s.JWKS())
	if err != nil {
		return nil, nil, err
	}
	si, err := bundle.SHCIssuer(&shc.Issuer{URL: SHCIssuer, Name: "Passcheck DEMO SMART issuer", Test: true, Keys: keys})
	if err != nil {
		return nil, nil, err
	}
	ni := trust.NZCPIssuer{DID: NZCPIssuer, Name: "Passcheck DEMO NZCP issuer", Test: true, Doc: n.DIDDocument()}
	return append([]trust.SHCIssuer{si}, shcs...), append([]trust.NZCPIssuer{ni}, nzcps...), nil
}

// FormatSamples issues the samples of the other formats anew, dated around
// now: an SMART card with two doses of a COVID-19 vaccine (CVX 208), the
// same over three QR codes, one with a signature bit flipped, one signed by
// a key the bundle does not know; a valid NZ COVID Pass and an expired one.
// Every holder is named DEMO.
func (d *Data) FormatSamples(now time.Time) ([]Sample, error) {
	now = now.UTC().Truncate(time.Second)
	s, n, err := d.formatSigners()
	if err != nil {
		return nil, err
	}
	card := func(given string) *issue.SHCCard {
		return &issue.SHCCard{Given: []string{given}, Family: "DEMO", BirthDate: "1990-01-01", NotBefore: now.Add(-time.Minute),
			Immunizations: []issue.Immunization{{CVX: "208", Date: date(now.AddDate(0, 0, -60)), Lot: "DEMO-1"},
				{CVX: "208", Date: date(now.AddDate(0, 0, -30)), Lot: "DEMO-2"}}}
	}
	var out []Sample
	add := func(name string, want verify.Verdict, text string) {
		out = append(out, Sample{Name: name, Want: want, Text: text})
	}
	jws, err := s.Sign(card("Valid Card"))
	if err != nil {
		return nil, err
	}
	add("shc-valid", verify.Valid, shc.EncodeQR(jws))
	big := card("Chunked Card")
	for i := 0; i < 40; i++ { // a long record: the card that needs chunking
		big.Immunizations = append(big.Immunizations, issue.Immunization{CVX: "208", Date: date(now.AddDate(0, 0, -90-i)), Lot: fmt.Sprintf("DEMO-LOT-%03d", i)})
	}
	if jws, err = s.Sign(big); err != nil {
		return nil, err
	}
	chunks, err := issue.SHCChunks(jws, 3)
	if err != nil {
		return nil, err
	}
	for i, c := range chunks {
		add(fmt.Sprintf("shc-chunked-%d", i+1), verify.CannotVerify, c)
	}
	if jws, err = s.Sign(card("Bad Signature")); err != nil {
		return nil, err
	}
	// Change the signature's first character (still base64url).
	i := strings.LastIndexByte(jws, '.') + 1
	flipped := map[byte]byte{'A': 'B'}[jws[i]]
	if flipped == 0 {
		flipped = 'A'
	}
	add("shc-bad-signature", verify.Invalid, shc.EncodeQR(jws[:i]+string(flipped)+jws[i+1:]))
	other, err := issue.NewSHCSigner(SHCIssuer, mustKey())
	if err != nil {
		return nil, err
	}
	if jws, err = other.Sign(card("Unknown Key")); err != nil {
		return nil, err
	}
	add("shc-unknown-issuer", verify.CannotVerify, shc.EncodeQR(jws))
	text, err := n.Sign(&issue.NZCPPass{GivenName: "Valid Pass", FamilyName: "DEMO", DOB: "1990-01-01",
		NotBefore: now.Add(-time.Minute), Expires: now.AddDate(1, 0, 0)})
	if err != nil {
		return nil, err
	}
	add("nzcp-valid", verify.Valid, text)
	if text, err = n.Sign(&issue.NZCPPass{GivenName: "Expired Pass", FamilyName: "DEMO", DOB: "1990-01-01",
		NotBefore: now.AddDate(-1, 0, 0), Expires: now.AddDate(0, 0, -1)}); err != nil {
		return nil, err
	}
	add("nzcp-expired", verify.Invalid, text)
	for i := range out {
		if out[i].PNG, err = issue.PNG(out[i].Text); err != nil {
			return nil, fmt.Errorf("demo: sample %s: %w", out[i].Name, err)
		}
	}
	return out, nil
}

// mustKey makes a throwaway P-256 key (the unknown-issuer sample's).
func mustKey() *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	return k
}
