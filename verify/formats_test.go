package verify

import (
	"encoding/base64"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"passcheck/verify/nzcp"
	"passcheck/verify/shc"
)

// formatsAt is inside the SMART examples' and the NZCP pass's windows.
var formatsAt = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// formatsVerifier trusts the specification example issuers of both formats
// and, for HC1, one test DSC.
func formatsVerifier(t testing.TB, d *dsc) *Verifier {
	t.Helper()
	keys, _, err := shc.ParseJWKS([]byte(readFile(t, "../testdata/shc/issuer/.well-known/jwks.json")))
	if err != nil {
		t.Fatal(err)
	}
	crl, err := shc.ParseCRL([]byte(`{"kid":"3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s","method":"rid","ctr":1,"rids":["vwAjHdarZuc"]}`))
	if err != nil {
		t.Fatal(err)
	}
	var si shc.IssuerSet
	if err := si.Add(&shc.Issuer{URL: "https://spec.smarthealth.cards/examples/issuer", Name: "SMART example issuer",
		Test: true, Keys: keys, CRLs: []*shc.CRL{crl}}); err != nil {
		t.Fatal(err)
	}
	is, _, err := nzcp.ParseDID([]byte(readFile(t, "../testdata/nzcp/examples/valid/did.json")))
	if err != nil {
		t.Fatal(err)
	}
	is.Name, is.Test = "NZCP example issuer", true
	var ni nzcp.IssuerSet
	ni.Add(is)
	ks := NewKeySet()
	if d != nil {
		ks.Add(d.key)
	}
	return &Verifier{Trust: ks, SHC: &si, NZCP: &ni}
}

func TestVerifyAny(t *testing.T) {
	d := newDSC(t, dscOpts{}, 0)
	v := formatsVerifier(t, d)
	hc1 := cred{}.text(t, d)
	for _, tc := range []struct {
		name, text  string
		at          time.Time
		format      Format
		verdict     Verdict
		err         error
		holder, dob string
	}{
		{"hc1", hc1, testNow, FormatHC1, Valid, nil, "", ""},
		{"shc 00", readFile(t, "../testdata/shc/examples/example-00-f-qr-code-numeric-value-0.txt"), formatsAt,
			FormatSHC, Valid, nil, "John B. Anyperson", "1951-01-20"},
		{"shc 03 revoked", readFile(t, "../testdata/shc/examples/example-03-f-qr-code-numeric-value-0.txt"), formatsAt,
			FormatSHC, Invalid, ErrRevoked, "Johnny Revoked", "1960-04-22"},
		{"shc chunk", readFile(t, "../testdata/shc/examples/example-02-f-qr-code-numeric-value-1.txt"), formatsAt,
			FormatSHC, CannotVerify, ErrPartial, "", ""},
		{"shc bad digits", "shc:/99", formatsAt, FormatSHC, Invalid, ErrEncoding, "", ""},
		{"nzcp", readFile(t, "../testdata/nzcp/examples/valid/nzcp.txt"), formatsAt,
			FormatNZCP, Valid, nil, "Jack Sparrow", "1960-04-16"},
		{"nzcp expired", readFile(t, "../testdata/nzcp/examples/invalid/nzcp-expired-payload.txt"), formatsAt,
			FormatNZCP, Invalid, ErrExpired, "Jack Sparrow", "1960-04-16"},
		{"nzcp unknown key", readFile(t, "../testdata/nzcp/examples/invalid/nzcp-not-associated-public-key.txt"), formatsAt,
			FormatNZCP, CannotVerify, ErrUnknownKey, "Jack Sparrow", "1960-04-16"},
		{"nzcp version 2", "NZCP:/2/AE", formatsAt, FormatNZCP, CannotVerify, ErrVersion, "", ""},
		{"unknown", "hello", formatsAt, "", CannotVerify, ErrNotHealthCert, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := v.VerifyAny(tc.text, tc.at)
			if r.Format != tc.format || r.Verdict != tc.verdict || !errors.Is(r.Err, tc.err) || tc.err == nil && r.Err != nil {
				t.Fatalf("format %q verdict %v err %v (code %q)", r.Format, r.Verdict, r.Err, ErrorCode(r.Err))
			}
			if tc.err != nil && ErrorCode(r.Err) == "" {
				t.Errorf("no code for %v", r.Err)
			}
			s, verified, ok := r.Summary()
			if tc.holder != "" && (!ok || s.Name != tc.holder || s.DOB != tc.dob || verified != (tc.verdict == Valid)) {
				t.Errorf("summary %+v verified %v ok %v", s, verified, ok)
			}
			if tc.verdict != Valid {
				if _, ok := r.VerifiedSHC(); ok {
					t.Error("VerifiedSHC on a refused card")
				}
				if _, ok := r.VerifiedNZCP(); ok {
					t.Error("VerifiedNZCP on a refused pass")
				}
			}
		})
	}
}

func TestVerifyAnySummaries(t *testing.T) {
	v := formatsVerifier(t, nil)
	r := v.VerifyAny(readFile(t, "../testdata/shc/examples/example-00-f-qr-code-numeric-value-0.txt"), formatsAt)
	s, verified, _ := r.Summary()
	if !verified || s.IssuerName != "SMART example issuer" || !s.TestIssuer || len(s.Statements) != 3 ||
		s.Statements[2].Code != "229" || s.Statements[2].Dose != 3 || s.Statements[0].System != "http://hl7.org/fhir/sid/cvx" {
		t.Errorf("shc summary %+v", s)
	}
	if c, ok := r.VerifiedSHC(); !ok || c.Issuer.URL != r.Issuer || base64.RawURLEncoding.EncodeToString(r.KID) != c.Key.KID {
		t.Errorf("VerifiedSHC %v", ok)
	}
	if r.Ran[StepNumeric] != true || r.Ran[StepJWS] != true || r.Ran[StepSignature] != true {
		t.Errorf("steps %v", r.Ran)
	}
	r = v.VerifyAny(readFile(t, "../testdata/nzcp/examples/valid/nzcp.txt"), formatsAt)
	s, verified, _ = r.Summary()
	if !verified || s.IssuerName != "NZCP example issuer" || s.Issuer != "did:web:nzcp.covid19.health.nz" ||
		len(s.Statements) != 1 || s.Statements[0].Code != "PublicCovidPass" {
		t.Errorf("nzcp summary %+v", s)
	}
}

func TestVerifyChunks(t *testing.T) {
	v := formatsVerifier(t, nil)
	var c shc.Chunks
	for i, n := range []string{"2", "0", "1"} {
		if r := v.VerifyChunks(&c, formatsAt); r.Verdict != CannotVerify || !errors.Is(r.Err, ErrPartial) {
			t.Fatalf("after %d chunks: %v %v", i, r.Verdict, r.Err)
		}
		if _, err := c.Add(readFile(t, "../testdata/shc/examples/example-02-f-qr-code-numeric-value-"+n+".txt")); err != nil {
			t.Fatal(err)
		}
	}
	r := v.VerifyChunks(&c, formatsAt)
	if r.Verdict != Valid || r.Format != FormatSHC {
		t.Fatalf("%v %v", r.Verdict, r.Err)
	}
}

// TestClassesComplete: every sentinel of the other formats has a class
// here (classify's fallback is never used).
func TestClassesComplete(t *testing.T) {
	for _, e := range []error{shc.ErrPrefix, shc.ErrTooLong, shc.ErrNumeric, shc.ErrChunk, shc.ErrPartial,
		shc.ErrJWS, shc.ErrAlg, shc.ErrInflate, shc.ErrTooLarge, shc.ErrPayload, shc.ErrUnknownIssuer,
		shc.ErrUnknownKey, shc.ErrSignature, shc.ErrExpired, shc.ErrNotYetValid, shc.ErrRevoked,
		nzcp.ErrPrefix, nzcp.ErrVersion, nzcp.ErrTooLong, nzcp.ErrBase32, nzcp.ErrCOSE, nzcp.ErrAlg, nzcp.ErrCWT,
		nzcp.ErrPayload, nzcp.ErrUnknownIssuer, nzcp.ErrUnknownKey, nzcp.ErrSignature, nzcp.ErrExpired,
		nzcp.ErrNotYetValid} {
		found := false
		for _, c := range classes {
			if c.from == e {
				found = true
			}
		}
		if !found {
			t.Errorf("%v has no class", e)
		}
	}
}

// TestVerifyAnyStaleTrust: a trust store past its date makes every
// format's verdict CannotVerify, not only HC1's.
func TestVerifyAnyStaleTrust(t *testing.T) {
	v := formatsVerifier(t, nil)
	v.Trust = staleStore{v.Trust}
	for _, f := range []string{"../testdata/shc/examples/example-00-f-qr-code-numeric-value-0.txt", "../testdata/nzcp/examples/valid/nzcp.txt"} {
		r := v.VerifyAny(readFile(t, f), formatsAt)
		if r.Verdict != CannotVerify || !errors.Is(r.Err, ErrTrustListStale) || r.Step != StepSignature {
			t.Errorf("%s: %v %v at %s", f, r.Verdict, r.Err, r.Step)
		}
		if _, ok := r.VerifiedSHC(); ok {
			t.Error("verified with stale trust")
		}
	}
}
