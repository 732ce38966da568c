package nzcp

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidPass(t *testing.T) {
	v := &Verifier{Issuers: exampleIssuers(t)}
	r := v.Verify(readText(t, testdata+"valid/nzcp.txt"), at)
	p, ok := r.Verified()
	if !ok {
		t.Fatalf("not verified: %v", r.Err)
	}
	if p.Subject.Name() != "Jack Sparrow" || p.Subject.DOB != "1960-04-16" || p.Issuer.DID != "did:web:nzcp.covid19.health.nz" ||
		p.ID != "urn:uuid:60a4f54d-4e30-4332-be33-ad78b1eafa4b" || p.KID != "key-1" || p.Type != "PublicCovidPass" {
		t.Errorf("%+v", p)
	}
	if !p.NotBefore.Equal(time.Unix(1635883530, 0)) || !p.Expires.Equal(time.Unix(1951416330, 0)) {
		t.Errorf("dates %v %v", p.NotBefore, p.Expires)
	}
	// At the edges of its window.
	for _, tc := range []struct {
		at   time.Time
		want error
	}{
		{p.NotBefore, nil},
		{p.NotBefore.Add(-MaxNotBeforeAhead), nil},
		{p.NotBefore.Add(-MaxNotBeforeAhead - time.Second), ErrNotYetValid},
		{p.Expires.Add(-time.Second), nil},
		{p.Expires, ErrExpired},
	} {
		r := v.Verify(readText(t, testdata+"valid/nzcp.txt"), tc.at)
		if tc.want == nil && r.Err != nil || !errors.Is(r.Err, tc.want) {
			t.Errorf("at %v: %v, want %v", tc.at, r.Err, tc.want)
		}
	}
	// Untrusted issuer: the same pass cannot be verified.
	r = (&Verifier{}).Verify(readText(t, testdata+"valid/nzcp.txt"), at)
	if !errors.Is(r.Err, ErrUnknownIssuer) || r.Unverified() == nil {
		t.Errorf("no trust: %v", r.Err)
	}
}

// TestInvalidPasses: each of the specification's invalid examples is
// refused for the reason it states.
func TestInvalidPasses(t *testing.T) {
	v := &Verifier{Issuers: exampleIssuers(t)}
	for _, tc := range []struct {
		file string
		want error
	}{
		{"nzcp-bad-public-key.txt", ErrSignature},             // signed by another key under the same kid
		{"nzcp-not-associated-public-key.txt", ErrUnknownKey}, // kid not in the DID document
		{"nzcp-modified-sig.txt", ErrSignature},
		{"nzcp-modified-payload.txt", ErrSignature},
		{"nzcp-expired-payload.txt", ErrExpired},
		{"nzcp-notactive-payload.txt", ErrNotYetValid},
	} {
		r := v.Verify(readText(t, testdata+"invalid/"+tc.file), at)
		if !errors.Is(r.Err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.file, r.Err, tc.want)
		}
		if _, ok := r.Verified(); ok {
			t.Errorf("%s verified", tc.file)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	valid := readText(t, testdata+"valid/nzcp.txt")
	body := strings.TrimPrefix(valid, "NZCP:/1/")
	for _, tc := range []struct {
		name, text string
		want       error
	}{
		{"no prefix", "HC1:ABC", ErrPrefix},
		{"lower-case prefix", "nzcp:/1/" + body, ErrPrefix},
		{"version 2", "NZCP:/2/" + body, ErrVersion},
		{"no version", "NZCP:/" + body, ErrVersion},
		{"padding", valid + "====", ErrBase32},
		{"lower case", "NZCP:/1/" + strings.ToLower(body), ErrBase32},
		{"cut", "NZCP:/1/" + body[:len(body)/8*8-16], ErrCOSE},
		{"not canonical", "NZCP:/1/AF", ErrBase32}, // "AE" is 0x01
		{"too long", "NZCP:/1/" + strings.Repeat("A", MaxTextLen), ErrTooLong},
		{"not COSE", "NZCP:/1/" + b32.EncodeToString([]byte{0xa0}), ErrCOSE},
	} {
		r := (&Verifier{Issuers: exampleIssuers(t)}).Verify(tc.text, at)
		if !errors.Is(r.Err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, r.Err, tc.want)
		}
	}
}

func TestParseDID(t *testing.T) {
	did := string(mustRead(t, testdata+"valid/did.json"))
	for _, tc := range []struct {
		name, doc string
		keys      int
	}{
		{"published", did, 1},
		{"not an assertion key", strings.Replace(did, `"did:web:nzcp.covid19.health.nz#key-1"
  ]`, `"did:web:nzcp.covid19.health.nz#key-2"
  ]`, 1), 0},
		{"wrong type", strings.Replace(did, "JsonWebKey2020", "EcdsaSecp256k1VerificationKey2019", 1), 0},
		{"wrong curve", strings.Replace(did, `"P-256"`, `"P-384"`, 1), 0},
		{"private key", strings.Replace(did, `"kty": "EC",`, `"kty": "EC", "d": "AAAA",`, 1), 0},
		{"another DID's key", strings.Replace(did, `"id": "did:web:nzcp.covid19.health.nz#key-1"`, `"id": "did:web:evil.example#key-1"`, 1), 0},
	} {
		is, skipped, err := ParseDID([]byte(tc.doc))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(is.Keys) != tc.keys || tc.keys == 0 && (len(skipped) == 0 || !errors.Is(skipped[0], ErrDID)) {
			t.Errorf("%s: %d keys, skipped %v", tc.name, len(is.Keys), skipped)
		}
	}
	for _, bad := range []string{`{"id":"did:key:z6Mk"}`, `{"id":"did:web:x"} {}`, `[`} {
		if _, _, err := ParseDID([]byte(bad)); !errors.Is(err, ErrDID) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}
