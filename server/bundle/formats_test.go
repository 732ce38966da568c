package bundle_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"passcheck/server/bundle"
	"passcheck/verify"
	"passcheck/verify/trust"
)

const (
	shcData = "../../testdata/shc/"
	nzcpDID = "../../testdata/nzcp/examples/valid/did.json"
	shcURL  = "https://spec.smarthealth.cards/examples/issuer"
	shcKID  = "3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s"
)

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// TestBuildFormats: --shc-jwks, --shc-crl and --nzcp-did go into a signed
// bundle whose issuers verify the specifications' examples.
func TestBuildFormats(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	dir := t.TempDir()
	crl := filepath.Join(dir, "crl.json")
	// 03's rid without the published entry's timestamp (see
	// verify/shc TestExample03Revoked), so that 03 is revoked.
	os.WriteFile(crl, []byte(`{"kid":"`+shcKID+`","method":"rid","ctr":1,"rids":["vwAjHdarZuc"]}`), 0o644)
	out := filepath.Join(dir, "b.bundle")
	c := &bundle.Config{Key: key, Seq: 1, TTL: time.Hour, Out: out, Formats: bundle.Formats{
		SHCJWKS:  []bundle.IssuerFile{{URL: shcURL, Path: shcData + "issuer/.well-known/jwks.json"}},
		SHCCRLs:  []bundle.IssuerFile{{URL: shcURL, Path: crl}},
		NZCPDIDs: []string{nzcpDID},
		Test:     true,
	}}
	var report bytes.Buffer
	if err := bundle.Build(c, t0, &report); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(report.String(), "other formats: 1 SMART Health Card issuers, 1 NZ COVID Pass issuers") {
		t.Errorf("report:\n%s", report.String())
	}
	data, _ := os.ReadFile(out)
	b, err := trust.Open(data, []crypto.PublicKey{&key.PublicKey}, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	if l := b.SHCList(); len(l) != 1 || !l[0].Test || len(l[0].CRLs) != 1 {
		t.Fatalf("SMART issuers %+v", l)
	}
	v := &verify.Verifier{SHC: b.SHCIssuers(), NZCP: b.NZCPIssuers()}
	at := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		file string
		want verify.Verdict
		err  error
	}{
		{shcData + "examples/example-00-f-qr-code-numeric-value-0.txt", verify.Valid, nil},
		{shcData + "examples/example-01-f-qr-code-numeric-value-0.txt", verify.Valid, nil},
		{shcData + "examples/example-03-f-qr-code-numeric-value-0.txt", verify.Invalid, verify.ErrRevoked},
		{"../../testdata/nzcp/examples/valid/nzcp.txt", verify.Valid, nil},
	} {
		r := v.VerifyAny(readText(t, tc.file), at)
		if r.Verdict != tc.want || !errors.Is(r.Err, tc.err) {
			t.Errorf("%s: %v %v", tc.file, r.Verdict, r.Err)
		}
	}
}

func TestBuildFormatsRefuses(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	dir := t.TempDir()
	badCRL := filepath.Join(dir, "crl.json")
	os.WriteFile(badCRL, []byte(`{"kid":"`+shcKID+`","method":"rid","ctr":2,"rids":[]}`), 0o644)
	jwks := bundle.IssuerFile{URL: shcURL, Path: shcData + "issuer/.well-known/jwks.json"}
	for _, tc := range []struct {
		name string
		f    bundle.Formats
		want string
	}{
		{"bad JWKS", bundle.Formats{SHCJWKS: []bundle.IssuerFile{{URL: shcURL, Path: shcData + "dev-tools/wrong_kid_key.json"}}}, "not the key's thumbprint"},
		{"http issuer", bundle.Formats{SHCJWKS: []bundle.IssuerFile{{URL: "http://x.example", Path: jwks.Path}}}, "https://"},
		{"CRL without JWKS", bundle.Formats{SHCCRLs: []bundle.IssuerFile{{URL: shcURL, Path: badCRL}}}, "no --shc-jwks"},
		{"CRL version mismatch", bundle.Formats{SHCJWKS: []bundle.IssuerFile{jwks}, SHCCRLs: []bundle.IssuerFile{{URL: shcURL, Path: badCRL}}}, "crlVersion is 1"},
		{"not a DID document", bundle.Formats{NZCPDIDs: []string{jwks.Path}}, "did:web"},
		{"DID twice", bundle.Formats{NZCPDIDs: []string{nzcpDID, nzcpDID}}, "given twice"},
		{"not a snapshot", bundle.Formats{VCISnapshot: jwks.Path}, "no issuerInfo"},
	} {
		c := &bundle.Config{Key: key, Seq: 1, TTL: time.Hour, Out: filepath.Join(dir, "b.bundle"), Formats: tc.f}
		if err := bundle.Build(c, t0, new(bytes.Buffer)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := bundle.ParseIssuerFile("https://x.example"); err == nil {
		t.Error("ParseIssuerFile without =FILE")
	}
}

// TestBuildVCISnapshot: usable entries are kept, the others reported by
// name; --shc-jwks replaces a snapshot entry.
func TestBuildVCISnapshot(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	dir := t.TempDir()
	jwks := readText(t, shcData+"issuer/.well-known/jwks.json")
	keys := jwks[strings.Index(jwks, "[") : strings.LastIndex(jwks, "]")+1]
	snap := filepath.Join(dir, "vci_snapshot.json")
	os.WriteFile(snap, []byte(`{"issuerInfo":[
	  {"issuer":{"iss":"`+shcURL+`","name":"Example"},"keys":`+keys+`},
	  {"issuer":{"iss":"https://other.example","name":"Other"},"keys":`+keys+`},
	  {"issuer":{"iss":"https://broken.example","name":"Broken"},"keys":[{"kty":"RSA","kid":"x"}]}]}`), 0o644)
	out := filepath.Join(dir, "b.bundle")
	var report bytes.Buffer
	c := &bundle.Config{Key: key, Seq: 1, TTL: time.Hour, Out: out, Formats: bundle.Formats{VCISnapshot: snap,
		SHCJWKS: []bundle.IssuerFile{{URL: "https://other.example", Path: shcData + "issuer/.well-known/jwks.json"}}}}
	if err := bundle.Build(c, t0, &report); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 SMART issuers, 2 entries skipped", `"https://broken.example": keys[0]`,
		"replaces the snapshot's entry for https://other.example", "2 SMART Health Card issuers"} {
		if !strings.Contains(report.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, report.String())
		}
	}
	data, _ := os.ReadFile(out)
	b, err := trust.Open(data, []crypto.PublicKey{&key.PublicKey}, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	if l := b.SHCList(); len(l) != 2 || l[0].URL != "https://other.example" || l[0].Name != "" || l[1].Name != "Example" {
		t.Errorf("issuers %+v", l)
	}
}
