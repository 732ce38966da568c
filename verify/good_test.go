package verify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
)

func TestValidVariants(t *testing.T) {
	good := newDSC(t, dscOpts{}, 0)
	rsa2048 := newDSC(t, dscOpts{keyType: "rsa2048"}, 0)
	p384 := newDSC(t, dscOpts{keyType: "p384"}, 0)
	p521 := newDSC(t, dscOpts{keyType: "p521"}, 0)
	vaccOnly := newDSC(t, dscOpts{eku: []asn1OID{oidVaccination}}, 0)
	recAlt := newDSC(t, dscOpts{eku: []asn1OID{oidRecoveryAlt, oidVaccination}}, 0)
	withClaims := func(f func(map[any]any)) cred {
		c := defaultClaims(vaccinationDCC())
		f(c)
		return cred{claims: c}
	}
	for _, c := range []struct {
		name string
		d    *dsc
		cred cred
	}{
		{"ES256 tagged 18", good, cred{}},
		{"ES256 untagged", good, cred{untagged: true}},
		{"ES256 in CWT tag 61", good, cred{cwtTag: true}},
		{"ES256 in CWT tag 61 without tag 18", good, cred{cwtTag: true, untagged: true}},
		{"PS256 RSA 2048", rsa2048, cred{}},
		// Real DSCs sign with a P-384 key under alg ES256 (SHA-256 on the
		// key's curve); the EU reference verifiers accept them.
		{"ES256 with a P-384 key", p384, cred{alg: int64(algES256)}},
		{"ES256 with a P-521 key", p521, cred{alg: int64(algES256)}},
		{"kid only unprotected", good, cred{protected: map[any]any{1: int64(algES256)}, unprotected: map[any]any{4: good.key.KID}}},
		{"alg only unprotected (vector CO20)", good, cred{protected: map[any]any{4: good.key.KID}, unprotected: map[any]any{1: int64(algES256)}}},
		{"empty protected header", good, cred{protected: map[any]any{}, unprotected: map[any]any{1: int64(algES256), 4: good.key.KID}}},
		{"float exp and iat", good, withClaims(func(c map[any]any) {
			c[4] = float64(testNow.Add(time.Hour).Unix()) + 0.5
			c[6] = float64(testNow.Add(-time.Hour).Unix()) + 0.25
		})},
		{"exp tagged 1", good, withClaims(func(c map[any]any) { c[4] = cbor.Tag{Number: 1, Content: testNow.Add(time.Hour).Unix()} })},
		{"exp equal to the validation time", good, withClaims(func(c map[any]any) { c[4] = testNow.Unix() })},
		{"iat equal to the validation time", good, withClaims(func(c map[any]any) { c[6] = testNow.Unix() })},
		{"iat in the future within skew", good, withClaims(func(c map[any]any) { c[6] = testNow.Add(MaxIssuedAhead - time.Second).Unix() })},
		{"no iat", good, withClaims(func(c map[any]any) { delete(c, 6) })},
		{"no iss", good, withClaims(func(c map[any]any) { delete(c, 1) })},
		{"iss not a country code", good, withClaims(func(c map[any]any) { c[1] = "Ministry of Health" })},
		{"extra claims", good, withClaims(func(c map[any]any) { c[7] = []byte("cti"); c["private"] = 1 })},
		{"tagged date in the DCC", good, withClaims(func(c map[any]any) {
			d := vaccinationDCC()
			d["dob"] = cbor.Tag{Number: 1004, Content: "1980-01-02"}
			c[-260] = map[any]any{1: d}
		})},
		{"vaccination EKU", vaccOnly, cred{}},
		{"DSC valid from the validation time", newDSC(t, dscOpts{notBefore: testNow}, 2), cred{}},
		{"DSC valid until the validation time", newDSC(t, dscOpts{notAfter: testNow}, 3), cred{}},
		{"alternative (typo'd) EKU OID", recAlt, cred{}},
		{"test certificate, no EKU", good, cred{claims: defaultClaims(testDCC())}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := (&Verifier{Trust: NewKeySet(c.d.key)}).Verify(c.cred.text(t, c.d), testNow)
			if r.Verdict != Valid {
				t.Fatalf("got %v at %s: %v", r.Verdict, r.Step, r.Err)
			}
			cert, ok := r.Verified()
			if !ok || cert.Key != c.d.key {
				t.Fatalf("Verified() = %v, %v", cert, ok)
			}
			if r.Err != nil || r.Step != "" || len(r.Errs) != 0 {
				t.Errorf("a valid result carries an error: %v %v", r.Step, r.Errs)
			}
			for _, s := range []Step{StepPrefix, StepBase45, StepZlib, StepCOSE, StepSignature, StepPayload, StepSchema, StepExpiry, StepKeyUsage} {
				if !r.Ran[s] {
					t.Errorf("step %s: %v", s, r.Ran[s])
				}
			}
			if _, ran := r.Ran[StepPicture]; ran {
				t.Error("picture step ran on text")
			}
			if _, ran := r.Ran[StepRevocation]; ran {
				t.Error("revocation ran without a list")
			}
			if !bytes.Equal(r.KID, c.d.key.KID) {
				t.Errorf("KID %x", r.KID)
			}
		})
	}
}

// Kids are 8 bytes: two DSCs may share one, and both must be tried.
func TestSharedKID(t *testing.T) {
	right := newDSC(t, dscOpts{}, 0)
	wrong := newDSC(t, dscOpts{}, 1)
	impostor := *wrong.key
	impostor.KID = right.key.KID
	rsaKey := *newDSC(t, dscOpts{keyType: "rsa2048"}, 0).key
	rsaKey.KID = right.key.KID
	text := cred{}.text(t, right)
	for _, order := range [][]*Key{{&impostor, right.key}, {right.key, &impostor}, {&rsaKey, &impostor, right.key}} {
		r := (&Verifier{Trust: NewKeySet(order...)}).Verify(text, testNow)
		cert, ok := r.Verified()
		if !ok || cert.Key != right.key {
			t.Fatalf("%d keys: %v at %s: %v", len(order), r.Verdict, r.Step, r.Err)
		}
	}
	// Only impostors: a signature failure, not a fallback to other kids.
	r := (&Verifier{Trust: NewKeySet(&impostor, &rsaKey)}).Verify(text, testNow)
	if !errors.Is(r.Err, ErrSignature) {
		t.Fatalf("impostors only: %v", r.Err)
	}
}

// After a signature failure every later step still runs (the CLI reports
// them all), and nothing reaches Verified.
func TestFailuresAllReported(t *testing.T) {
	d := newDSC(t, dscOpts{eku: []asn1OID{oidTest}}, 0)
	c := defaultClaims(vaccinationDCC())
	c[4] = testNow.Add(-time.Hour).Unix()
	r := (&Verifier{Trust: NewKeySet(d.key)}).Verify(cred{claims: c, flipBit: true}.text(t, d), testNow)
	want := map[Step]bool{StepPrefix: true, StepBase45: true, StepZlib: true, StepCOSE: true,
		StepSignature: false, StepPayload: true, StepSchema: true, StepExpiry: false, StepKeyUsage: false}
	for s, w := range want {
		if got, ran := r.Ran[s]; !ran || got != w {
			t.Errorf("step %s: ran %v, passed %v; want passed %v", s, ran, got, w)
		}
	}
	if r.Verdict != Invalid || r.Step != StepSignature || len(r.Errs) != 3 {
		t.Fatalf("%v at %s, %d errors: %v", r.Verdict, r.Step, len(r.Errs), r.Errs)
	}
	for i, sentinel := range []error{ErrSignature, ErrExpired, ErrKeyUsage} {
		if !errors.Is(r.Errs[i], sentinel) {
			t.Errorf("Errs[%d] = %v, want %v", i, r.Errs[i], sentinel)
		}
	}
	if _, ok := r.Verified(); ok {
		t.Fatal("Verified() after a bad signature")
	}
	u := r.Unverified()
	if u == nil || u.DCC.Nam.FNT != "MUSTER" || !json.Valid(u.Raw) {
		t.Fatalf("Unverified() = %+v", u)
	}
}

func TestRevocation(t *testing.T) {
	d := newDSC(t, dscOpts{}, 0)
	text := cred{}.text(t, d)
	base := (&Verifier{Trust: NewKeySet(d.key)}).Verify(text, testNow)
	if base.Verdict != Valid {
		t.Fatalf("%v: %v", base.Verdict, base.Err)
	}
	for _, kind := range []HashKind{HashUCI, HashCountryUCI, HashSignature} {
		h, ok := base.RevocationHash(kind)
		if !ok {
			t.Fatalf("no %v hash", kind)
		}
		r := (&Verifier{Trust: NewKeySet(d.key), Revocations: revoked{kind, h}}).Verify(text, testNow)
		if r.Verdict != Invalid || r.Step != StepRevocation || !errors.Is(r.Err, ErrRevoked) {
			t.Errorf("%v: %v at %s: %v", kind, r.Verdict, r.Step, r.Err)
		}
		// Another hash of the same kind does not revoke it.
		h[0] ^= 1
		r = (&Verifier{Trust: NewKeySet(d.key), Revocations: revoked{kind, h}}).Verify(text, testNow)
		if r.Verdict != Valid || !r.Ran[StepRevocation] {
			t.Errorf("%v, other hash: %v at %s: %v", kind, r.Verdict, r.Step, r.Err)
		}
	}
	// The hashes follow the EU definitions.
	uci := "URN:UVCI:01:XA:TESTTESTTEST#1"
	if h, _ := base.RevocationHash(HashUCI); h != hash16([]byte(uci)) {
		t.Error("UCI hash")
	}
	if h, _ := base.RevocationHash(HashCountryUCI); h != hash16([]byte("XA"+uci)) {
		t.Error("country+UCI hash")
	}
	msg, err := DecodeCOSE(cred{}.cose(t, d))
	if err != nil {
		t.Fatal(err)
	}
	if len(msg.signatureHashInput()) != 32 {
		t.Error("ES256 signature hash must cover r only")
	}
	// The exported function (the bundle builder's) gives the same hashes.
	b45, _ := Unprefix(text)
	z, _ := DecodeBase45(b45)
	c, _ := Inflate(z)
	signed, err := DecodeCOSE(c)
	if err != nil {
		t.Fatal(err)
	}
	u, cu, sig := RevocationHashes(uci, "XA", signed.Signature, true)
	for kind, want := range map[HashKind][16]byte{HashUCI: u, HashCountryUCI: cu, HashSignature: sig} {
		if h, _ := base.RevocationHash(kind); h != want {
			t.Errorf("RevocationHashes: %v hash differs from the verifier's", kind)
		}
	}
	// ES256 on P-384 and P-521 hashes r too; other algorithms the whole.
	for _, tc := range []struct {
		n, want int
		es256   bool
	}{{64, 32, true}, {96, 48, true}, {132, 66, true}, {63, 63, true}, {256, 256, false}, {64, 64, false}} {
		sig := make([]byte, tc.n)
		if got := signatureHashInput(sig, tc.es256); len(got) != tc.want {
			t.Errorf("%d-byte signature, es256 %v: %d bytes hashed, want %d", tc.n, tc.es256, len(got), tc.want)
		}
	}
}

func TestIsCountryCode(t *testing.T) {
	for s, want := range map[string]bool{"DE": true, "XD": true, "de": false, "D": false, "DEU": false,
		"": false, "D1": false, "Ä": false, "@A": false, "A[": false} {
		if IsCountryCode(s) != want {
			t.Errorf("IsCountryCode(%q) = %v", s, !want)
		}
	}
}

func TestStaleTrustOverridesValid(t *testing.T) {
	d := newDSC(t, dscOpts{}, 0)
	r := (&Verifier{Trust: staleStore{NewKeySet(d.key)}}).Verify(cred{}.text(t, d), testNow)
	if r.Verdict != CannotVerify || !errors.Is(r.Err, ErrTrustListStale) || !errors.Is(r.Err, errBundleExpired) {
		t.Fatalf("%v: %v", r.Verdict, r.Err)
	}
	if r.Unverified() == nil {
		t.Error("payload not available for inspection")
	}
}

func TestVerifyCOSE(t *testing.T) {
	d := newDSC(t, dscOpts{}, 0)
	r := (&Verifier{Trust: NewKeySet(d.key)}).VerifyCOSE(cred{}.cose(t, d), testNow)
	if r.Verdict != Valid {
		t.Fatalf("%v: %v", r.Verdict, r.Err)
	}
	if _, ran := r.Ran[StepPrefix]; ran {
		t.Error("prefix ran")
	}
}

func TestErrorCodes(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range errorCodes {
		if c.code == "" || seen[c.code] {
			t.Errorf("code %q empty or repeated", c.code)
		}
		seen[c.code] = true
		if got := ErrorCode(fmt.Errorf("wrapped: %w", c.err)); got != c.code {
			t.Errorf("ErrorCode(%v) = %q, want %q", c.err, got, c.code)
		}
	}
	if ErrorCode(errors.New("other")) != "" {
		t.Error("unknown error has a code")
	}
}
