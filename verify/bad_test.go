package verify

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/asn1"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"

	"passcheck/verify/base45"
)

// staleStore is a trust store past its use-by date.
type staleStore struct{ TrustStore }

var errBundleExpired = errors.New("bundle expired")

func (staleStore) Usable(time.Time) error { return errBundleExpired }

// revoked lists one hash.
type revoked struct {
	kind HashKind
	hash [16]byte
}

func (r revoked) Revoked(k HashKind, h [16]byte) bool { return k == r.kind && h == r.hash }

// nest returns CBOR of n nested one-element arrays around 0.
func nest(n int) []byte {
	return append(bytes.Repeat([]byte{0x81}, n), 0x00)
}

// claimsWith returns the CBOR of the default claims with the DCC's raw CBOR
// replaced by raw (so that malformed CBOR sits inside the signed payload).
func claimsWith(t testing.TB, raw []byte) []byte {
	t.Helper()
	c := defaultClaims(nil)
	c[-260] = map[any]any{1: cbor.RawMessage(raw)}
	return mustCBOR(t, c)
}

func TestBadInputs(t *testing.T) {
	good := newDSC(t, dscOpts{}, 0)
	other := newDSC(t, dscOpts{}, 1)
	p224 := newDSC(t, dscOpts{keyType: "p224"}, 0)
	rsa2048 := newDSC(t, dscOpts{keyType: "rsa2048"}, 0)
	rsa1024 := newDSC(t, dscOpts{keyType: "rsa1024"}, 0)
	expiredDSC := newDSC(t, dscOpts{notBefore: testNow.AddDate(-2, 0, 0), notAfter: testNow.AddDate(0, 0, -1)}, 0)
	futureDSC := newDSC(t, dscOpts{notBefore: testNow.AddDate(0, 0, 1), notAfter: testNow.AddDate(1, 0, 0)}, 0)
	testOnly := newDSC(t, dscOpts{eku: []asn1OID{oidTest}}, 0)
	otherCountry := newDSC(t, dscOpts{country: "XB"}, 0)

	trust := func(ds ...*dsc) *Verifier {
		ks := NewKeySet()
		for _, d := range ds {
			ks.Add(d.key)
		}
		return &Verifier{Trust: ks}
	}
	withClaims := func(f func(map[any]any)) cred {
		c := defaultClaims(vaccinationDCC())
		f(c)
		return cred{claims: c}
	}
	withDCC := func(f func(map[string]any)) cred {
		d := vaccinationDCC()
		f(d)
		return cred{claims: defaultClaims(d)}
	}
	goodText := cred{}.text(t, good)

	type tc struct {
		name    string
		text    string
		v       *Verifier
		verdict Verdict
		step    Step
		err     error
	}
	cases := []tc{
		{"no prefix", strings.TrimPrefix(goodText, Prefix), trust(good), CannotVerify, StepPrefix, ErrNotHealthCert},
		{"other prefix HC2", "HC2:" + strings.TrimPrefix(goodText, Prefix), trust(good), CannotVerify, StepPrefix, ErrNotHealthCert},
		{"lowercase prefix", "hc1:" + strings.TrimPrefix(goodText, Prefix), trust(good), CannotVerify, StepPrefix, ErrNotHealthCert},
		{"empty", "", trust(good), CannotVerify, StepPrefix, ErrNotHealthCert},
		{"longer than 4300", Prefix + strings.Repeat("0", MaxTextLen), trust(good), Invalid, StepPrefix, ErrTooLong},
		{"base45 lowercase", Prefix + "bb8", trust(good), Invalid, StepBase45, ErrBase45},
		{"base45 =", Prefix + "BB8=", trust(good), Invalid, StepBase45, ErrBase45},
		{"base45 newline", goodText[:20] + "\n" + goodText[20:], trust(good), Invalid, StepBase45, ErrBase45},
		{"base45 length mod 3 = 1", Prefix + "BB8B", trust(good), Invalid, StepBase45, ErrBase45},
		{"base45 GGW", Prefix + "GGW", trust(good), Invalid, StepBase45, ErrBase45},
		{"base45 V5", Prefix + "BB8V5", trust(good), Invalid, StepBase45, ErrBase45},
		{"not zlib", Prefix + base45.Encode([]byte("not zlib at all")), trust(good), Invalid, StepZlib, ErrInflate},
		{"truncated zlib", func() string {
			z := deflate(t, cred{}.cose(t, good))
			return Prefix + base45.Encode(z[:len(z)-6])
		}(), trust(good), Invalid, StepZlib, ErrInflate},
		{"zlib bomb (2 MiB of zeros)", Prefix + base45.Encode(deflate(t, make([]byte, 2<<20))), trust(good), Invalid, StepZlib, ErrTooLarge},
		{"not a COSE_Sign1", qrText(t, []byte("hello")), trust(good), Invalid, StepCOSE, ErrCOSE},
		{"COSE array of 3", qrText(t, mustCBOR(t, cbor.Tag{Number: 18, Content: []any{[]byte{}, map[any]any{}, []byte{1}}})), trust(good), Invalid, StepCOSE, ErrCOSE},
		{"COSE wrong tag", qrText(t, mustCBOR(t, cbor.Tag{Number: 98, Content: []any{[]byte{}, map[any]any{}, []byte{1}, []byte{1}}})), trust(good), Invalid, StepCOSE, ErrCOSE},
		{"COSE trailing bytes", qrText(t, append(cred{}.cose(t, good), 0x00)), trust(good), Invalid, StepCOSE, ErrCOSE},
		{"COSE indefinite-length array", func() string {
			b := cred{untagged: true}.cose(t, good)
			b = append(append([]byte{0x9f}, b[1:]...), 0xff) // 0x84 → 0x9f ... 0xff
			return qrText(t, b)
		}(), trust(good), Invalid, StepCOSE, ErrCOSE},
		{"COSE declared 2^32 array", qrText(t, []byte{0xd2, 0x9b, 0, 0, 0, 1, 0, 0, 0, 0}), trust(good), Invalid, StepCOSE, ErrCOSE},
		{"duplicate key in protected header", qrText(t, func() []byte {
			// {1: -7, 1: -7} by hand: maps with duplicate keys cannot be marshalled.
			prot := []byte{0xa2, 0x01, 0x26, 0x01, 0x26}
			return mustCBOR(t, cbor.Tag{Number: 18, Content: []any{prot, map[any]any{4: good.key.KID}, mustCBOR(t, defaultClaims(vaccinationDCC())), make([]byte, 64)}})
		}()), trust(good), Invalid, StepCOSE, ErrCOSE},
		{"crit with unknown label", cred{protected: map[any]any{1: int64(algES256), 4: good.key.KID, 2: []any{99}, 99: 1}}.text(t, good), trust(good), Invalid, StepCOSE, ErrCrit},
		{"missing alg", cred{protected: map[any]any{4: good.key.KID}}.text(t, good), trust(good), CannotVerify, StepCOSE, ErrUnsupportedAlg},
		{"unsupported alg ES384", cred{alg: -35}.text(t, good), trust(good), CannotVerify, StepCOSE, ErrUnsupportedAlg},
		{"ES256 with a P-224 key (under 256 bits)", cred{alg: int64(algES256)}.text(t, p224), trust(p224), Invalid, StepSignature, ErrKeyMismatch},
		{"ES256 with a non-NIST curve", cred{alg: int64(algES256)}.text(t, good), trust(lookAlike(good)), Invalid, StepSignature, ErrKeyMismatch},
		{"ES256 named for an RSA key", cred{alg: int64(algES256)}.text(t, rsa2048), trust(rsa2048), Invalid, StepSignature, ErrKeyMismatch},
		{"PS256 with RSA 1024", cred{}.text(t, rsa1024), trust(rsa1024), Invalid, StepSignature, ErrKeyMismatch},
		{"PS256 named for an EC key", cred{alg: int64(algPS256)}.text(t, good), trust(good), Invalid, StepSignature, ErrKeyMismatch},
		{"wrong protected kid, right unprotected kid", cred{
			protected:   map[any]any{1: int64(algES256), 4: []byte("wrongkid")},
			unprotected: map[any]any{4: good.key.KID},
		}.text(t, good), trust(good), CannotVerify, StepSignature, ErrUnknownKey},
		{"unknown kid", cred{}.text(t, other), trust(good), CannotVerify, StepSignature, ErrUnknownKey},
		{"no kid", cred{protected: map[any]any{1: int64(algES256)}}.text(t, good), trust(good), CannotVerify, StepSignature, ErrUnknownKey},
		{"empty trust store", goodText, &Verifier{}, CannotVerify, StepSignature, ErrUnknownKey},
		{"flipped signature bit", cred{flipBit: true}.text(t, good), trust(good), Invalid, StepSignature, ErrSignature},
		{"signed by another key with our kid", cred{protected: map[any]any{1: int64(algES256), 4: good.key.KID}}.text(t, other), trust(good), Invalid, StepSignature, ErrSignature},
		{"stale trust list", goodText, &Verifier{Trust: staleStore{trust(good).Trust}}, CannotVerify, StepSignature, ErrTrustListStale},
		{"duplicate CBOR key in claims", cred{payload: []byte{0xa2, 0x01, 0x62, 'X', 'A', 0x01, 0x62, 'X', 'A'}}.text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"claims nested deeper than 16", cred{payload: claimsWith(t, nest(17))}.text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"claims declare a 2^32 array", cred{payload: []byte{0xa1, 0x01, 0x9b, 0, 0, 0, 1, 0, 0, 0, 0}}.text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"claims with indefinite-length map", cred{payload: []byte{0xbf, 0x01, 0x62, 'X', 'A', 0xff}}.text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"claims with trailing bytes", cred{payload: append(mustCBOR(t, defaultClaims(vaccinationDCC())), 0x00)}.text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"claims not a map", cred{payload: mustCBOR(t, []any{1, 2})}.text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"iss not text", withClaims(func(c map[any]any) { c[1] = 42 }).text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"exp NaN", withClaims(func(c map[any]any) { c[4] = math.NaN() }).text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"exp +Inf", withClaims(func(c map[any]any) { c[4] = math.Inf(1) }).text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"iat -Inf", withClaims(func(c map[any]any) { c[6] = math.Inf(-1) }).text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"exp a string", withClaims(func(c map[any]any) { c[4] = "tomorrow" }).text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"exp tagged 0 (a date string)", withClaims(func(c map[any]any) { c[4] = cbor.Tag{Number: 0, Content: "2030-01-01T00:00:00Z"} }).text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"no hcert", withClaims(func(c map[any]any) { delete(c, -260) }).text(t, good), trust(good), Invalid, StepPayload, ErrPayload},
		{"hcert without key 1", withClaims(func(c map[any]any) { c[-260] = map[any]any{2: "x"} }).text(t, good), trust(good), Invalid, StepPayload, ErrPayload},
		{"DCC with a byte string", withDCC(func(d map[string]any) { d["dob"] = []byte("1980") }).text(t, good), trust(good), Invalid, StepPayload, ErrPayload},
		{"DCC dn not a number", withDCC(func(d map[string]any) { d["v"].([]any)[0].(map[string]any)["dn"] = "two" }).text(t, good), trust(good), Invalid, StepPayload, ErrPayload},
		{"DCC nested deeper than 16", cred{payload: claimsWith(t, append([]byte{0xa1, 0x61, 'x'}, nest(14)...))}.text(t, good), trust(good), Invalid, StepPayload, ErrCWT},
		{"zero of v/t/r", withDCC(func(d map[string]any) { delete(d, "v") }).text(t, good), trust(good), Invalid, StepSchema, ErrSchema},
		{"two of v/t/r", withDCC(func(d map[string]any) { d["t"] = testDCC()["t"] }).text(t, good), trust(good), Invalid, StepSchema, ErrSchema},
		{"two vaccination entries", withDCC(func(d map[string]any) { d["v"] = append(d["v"].([]any), d["v"].([]any)[0]) }).text(t, good), trust(good), Invalid, StepSchema, ErrSchema},
		{"schema: bad dob", withDCC(func(d map[string]any) { d["dob"] = "01.02.1980" }).text(t, good), trust(good), Invalid, StepSchema, ErrSchema},
		{"schema: missing nam", withDCC(func(d map[string]any) { delete(d, "nam") }).text(t, good), trust(good), Invalid, StepSchema, ErrSchema},
		{"exp passed", withClaims(func(c map[any]any) { c[4] = testNow.Add(-time.Second).Unix() }).text(t, good), trust(good), Invalid, StepExpiry, ErrExpired},
		{"exp one second ago (at == exp is valid: TestDateBoundaries)", withClaims(func(c map[any]any) { c[4] = testNow.Unix() - 1 }).text(t, good), trust(good), Invalid, StepExpiry, ErrExpired},
		{"no exp", withClaims(func(c map[any]any) { delete(c, 4) }).text(t, good), trust(good), Invalid, StepExpiry, ErrCWT},
		{"iat in the future beyond skew", withClaims(func(c map[any]any) { c[6] = testNow.Add(MaxIssuedAhead + time.Minute).Unix() }).text(t, good), trust(good), Invalid, StepExpiry, ErrNotYetValid},
		{"DSC expired", cred{}.text(t, expiredDSC), trust(expiredDSC), Invalid, StepExpiry, ErrKeyExpired},
		{"DSC not yet valid", cred{}.text(t, futureDSC), trust(futureDSC), Invalid, StepExpiry, ErrKeyExpired},
		{"EKU mismatch (test-only DSC signs a vaccination)", cred{}.text(t, testOnly), trust(testOnly), Invalid, StepKeyUsage, ErrKeyUsage},
		{"iss differs from DSC country", cred{}.text(t, otherCountry), trust(otherCountry), Invalid, StepKeyUsage, ErrIssuerMismatch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.v.Verify(c.text, testNow)
			if r.Verdict != c.verdict || r.Step != c.step || !errors.Is(r.Err, c.err) {
				t.Fatalf("got %v at %q: %v; want %v at %q: %v", r.Verdict, r.Step, r.Err, c.verdict, c.step, c.err)
			}
			if r.Ran[c.step] {
				t.Errorf("step %s marked as passed", c.step)
			}
			if got := ErrorCode(r.Err); got == "" {
				t.Errorf("error %v has no code", r.Err)
			}
			for _, f := range r.Failures() {
				if !strings.HasPrefix(f.Err.Error(), "verify: ") {
					t.Errorf("error %q lacks the package prefix", f.Err)
				}
			}
			if _, ok := r.Verified(); ok {
				t.Error("Verified() returned a certificate for a failed verdict")
			}
		})
	}
}

type asn1OID = asn1.ObjectIdentifier

// lookAlike is d with its public key moved onto a curve that is not one of
// the NIST curves (a copy of P-256's parameters under another name): ES256
// must refuse any curve but P-256, P-384 and P-521 by identity.
func lookAlike(d *dsc) *dsc {
	pub := d.key.Public.(*ecdsa.PublicKey)
	params := *pub.Curve.Params()
	params.Name = "look-alike"
	k := *d.key
	k.Public = &ecdsa.PublicKey{Curve: &params, X: pub.X, Y: pub.Y}
	return &dsc{signer: d.signer, key: &k}
}

// The boundaries of the dates, as the EU reference verifiers draw them:
// expired only when the validation time is after exp, issued in the future
// only when iat is after it (beyond MaxIssuedAhead), the DSC out of date only
// before NotBefore or after NotAfter.
func TestDateBoundaries(t *testing.T) {
	good := newDSC(t, dscOpts{}, 0)
	dscFrom := newDSC(t, dscOpts{notBefore: testNow}, 2)
	dscUntil := newDSC(t, dscOpts{notAfter: testNow}, 3)
	exp := defaultClaims(vaccinationDCC())
	exp[4] = testNow.Unix()
	iat := defaultClaims(vaccinationDCC())
	iat[6] = testNow.Add(MaxIssuedAhead).Unix()
	for _, c := range []struct {
		name string
		d    *dsc
		cred cred
		at   time.Time
		err  error // nil: valid
	}{
		{"at == exp", good, cred{claims: exp}, testNow, nil},
		{"at one second after exp", good, cred{claims: exp}, testNow.Add(time.Second), ErrExpired},
		{"at == iat - skew", good, cred{claims: iat}, testNow, nil},
		{"at one second before iat - skew", good, cred{claims: iat}, testNow.Add(-time.Second), ErrNotYetValid},
		{"at == DSC NotBefore", dscFrom, cred{}, testNow, nil},
		{"at one second before DSC NotBefore", dscFrom, cred{}, testNow.Add(-time.Second), ErrKeyExpired},
		{"at == DSC NotAfter", dscUntil, cred{}, testNow, nil},
		{"at one second after DSC NotAfter", dscUntil, cred{}, testNow.Add(time.Second), ErrKeyExpired},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := (&Verifier{Trust: NewKeySet(c.d.key)}).Verify(c.cred.text(t, c.d), c.at)
			switch {
			case c.err == nil && r.Verdict != Valid:
				t.Fatalf("got %v at %s: %v; want valid", r.Verdict, r.Step, r.Err)
			case c.err != nil && (r.Verdict != Invalid || r.Step != StepExpiry || !errors.Is(r.Err, c.err)):
				t.Fatalf("got %v at %s: %v; want invalid at expiry: %v", r.Verdict, r.Step, r.Err, c.err)
			}
		})
	}
}
