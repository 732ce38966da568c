package trust_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/veraison/go-cose"

	"passcheck/verify"
	"passcheck/verify/trust"
)

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// newDSC makes a self-signed DSC certificate for country with the given
// DCC extended key usage OIDs (the last number of 1.3.6.1.4.1.1847.2021.1.x).
func newDSC(t testing.TB, country string, eku ...int) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key := newKey(t)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{Country: []string{country}, CommonName: "DSC TEST"},
		NotBefore:    t0.AddDate(-1, 0, 0),
		NotAfter:     t0.AddDate(1, 0, 0),
	}
	for _, e := range eku {
		tmpl.UnknownExtKeyUsage = append(tmpl.UnknownExtKeyUsage, asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 1847, 2021, 1, e})
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c, key
}

// signRaw signs body as a bundle would be, with extra protected headers
// (nil values delete a default header).
func signRaw(t testing.TB, body []byte, key *ecdsa.PrivateKey, hdr map[any]any) []byte {
	if t == nil {
		t = panicTB{}
	}
	t.Helper()
	kid, err := trust.KeyID(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	p := cose.ProtectedHeader{
		cose.HeaderLabelAlgorithm:   cose.AlgorithmES256,
		cose.HeaderLabelKeyID:       kid,
		cose.HeaderLabelContentType: trust.ContentType,
	}
	for k, v := range hdr {
		if v == nil {
			delete(p, k)
		} else {
			p[k] = v
		}
	}
	s, err := cose.NewSigner(cose.AlgorithmES256, key)
	if err != nil {
		t.Fatal(err)
	}
	out, err := cose.Sign1(rand.Reader, s, cose.Headers{Protected: p}, body, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sign(t testing.TB, p *trust.Payload, key *ecdsa.PrivateKey) []byte {
	if t == nil {
		t = panicTB{}
	}
	t.Helper()
	body, err := trust.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return signRaw(t, body, key, nil)
}

// panicTB lets the Example use the test helpers.
type panicTB struct{ testing.TB }

func (panicTB) Helper()           {}
func (panicTB) Fatal(args ...any) { panic(fmt.Sprint(args...)) }

func h16(s string) [16]byte {
	h := sha256.Sum256([]byte(s))
	return [16]byte(h[:16])
}

type fixture struct {
	bundleKey *ecdsa.PrivateKey
	pinned    []crypto.PublicKey
	dsc       *x509.Certificate
	nlKID     []byte
	payload   *trust.Payload
}

func newFixture(t testing.TB) *fixture {
	f := &fixture{bundleKey: newKey(t)}
	f.pinned = []crypto.PublicKey{&f.bundleKey.PublicKey}
	f.dsc, _ = newDSC(t, "XD", 2)
	spkiKey := newKey(t)
	spki, _ := x509.MarshalPKIXPublicKey(&spkiKey.PublicKey)
	f.nlKID = []byte("NLkid-01")
	revoked, _ := newDSC(t, "XD")
	uci, cuci, sig := h16("URN:UVCI:01:XD:REVOKED-1"), h16("XDURN:UVCI:01:XD:REVOKED-2"), h16("sig")
	f.payload = &trust.Payload{
		Version:   trust.Version,
		Seq:       7,
		IssuedAt:  t0.Unix(),
		ExpiresAt: t0.Add(72 * time.Hour).Unix(),
		DSCs: []trust.DSC{
			{KID: verify.KIDFromDER(f.dsc.Raw), Country: "XD", Cert: f.dsc.Raw, Types: uint8(verify.Vaccination)},
			{KID: f.nlKID, Country: "NL", SPKI: spki, Types: uint8(verify.Test | verify.Recovery)},
			{KID: verify.KIDFromDER(revoked.Raw), Country: "XD", Cert: revoked.Raw, Types: uint8(verify.AllTypes)},
		},
		RevokedKIDs: [][]byte{verify.KIDFromDER(revoked.Raw)},
		Revoked:     trust.Revocations{UCI: uci[:], CountryUCI: cuci[:], Signature: sig[:]},
		Rules:       []byte(`{"policies":[]}`),
		ValueSets:   []byte(`{}`),
	}
	return f
}

func TestRoundTrip(t *testing.T) {
	f := newFixture(t)
	data := sign(t, f.payload, f.bundleKey)
	b, err := trust.Open(data, f.pinned, 7, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if b.Seq() != 7 || !b.IssuedAt().Equal(t0) || !b.ExpiresAt().Equal(t0.Add(72*time.Hour)) || b.Len() != 3 {
		t.Fatalf("seq %d issued %v expires %v len %d", b.Seq(), b.IssuedAt(), b.ExpiresAt(), b.Len())
	}
	keys := b.Lookup(verify.KIDFromDER(f.dsc.Raw))
	if len(keys) != 1 || keys[0].Country != "XD" || keys[0].Types != verify.Vaccination || keys[0].Cert == nil ||
		!keys[0].Public.(*ecdsa.PublicKey).Equal(f.dsc.PublicKey) || !keys[0].NotAfter.Equal(f.dsc.NotAfter) {
		t.Fatalf("Lookup(dsc) = %+v", keys)
	}
	nl := b.Lookup(f.nlKID)
	if len(nl) != 1 || nl[0].Cert != nil || nl[0].Country != "NL" || nl[0].Types != verify.Test|verify.Recovery {
		t.Fatalf("Lookup(spki) = %+v", nl)
	}
	if got := b.Lookup([]byte("unknown!")); got != nil {
		t.Fatalf("Lookup(unknown) = %v", got)
	}
	if err := b.Usable(t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if string(b.Rules()) != `{"policies":[]}` || string(b.ValueSets()) != `{}` {
		t.Fatalf("rules %s value sets %s", b.Rules(), b.ValueSets())
	}
	if len(b.Keys()) != 3 {
		t.Fatalf("Keys: %d", len(b.Keys()))
	}
	kid, _ := trust.KeyID(&f.bundleKey.PublicKey)
	if !bytes.Equal(b.SignerKID(), kid) {
		t.Fatal("SignerKID")
	}
	var _ verify.TrustStore = b
	var _ verify.RevocationList = b
	var _ verify.TrustStatus = b
}

func TestRevoked(t *testing.T) {
	f := newFixture(t)
	b, err := trust.Open(sign(t, f.payload, f.bundleKey), f.pinned, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	rk := f.payload.RevokedKIDs[0]
	if b.Lookup(rk) != nil || !b.KIDRevoked(rk) || b.KIDRevoked(f.nlKID) {
		t.Fatal("revoked DSC still looked up, or not reported revoked")
	}
	if got := b.RevokedKIDs(); len(got) != 1 || !bytes.Equal(got[0], rk) {
		t.Fatalf("RevokedKIDs = %x", got)
	}
	for _, tc := range []struct {
		kind verify.HashKind
		hash [16]byte
		want bool
	}{
		{verify.HashUCI, h16("URN:UVCI:01:XD:REVOKED-1"), true},
		{verify.HashCountryUCI, h16("XDURN:UVCI:01:XD:REVOKED-2"), true},
		{verify.HashSignature, h16("sig"), true},
		// Each list answers only for its own kind.
		{verify.HashCountryUCI, h16("URN:UVCI:01:XD:REVOKED-1"), false},
		{verify.HashUCI, h16("sig"), false},
		{verify.HashSignature, h16("XDURN:UVCI:01:XD:REVOKED-2"), false},
		{verify.HashUCI, h16("URN:UVCI:01:XD:OTHER"), false},
		{0, h16("sig"), false},
		{9, h16("sig"), false},
	} {
		if got := b.Revoked(tc.kind, tc.hash); got != tc.want {
			t.Errorf("Revoked(%d, %x) = %v, want %v", tc.kind, tc.hash, got, tc.want)
		}
		if tc.want && b.RevocationCount(tc.kind) != 1 {
			t.Errorf("RevocationCount(%d) = %d", tc.kind, b.RevocationCount(tc.kind))
		}
	}
}

func TestOpenRejects(t *testing.T) {
	f := newFixture(t)
	good := sign(t, f.payload, f.bundleKey)
	other := newKey(t)
	otherKID, _ := trust.KeyID(&other.PublicKey)
	mutate := func(edit func(p *trust.Payload)) []byte {
		p := *f.payload
		p.DSCs = append([]trust.DSC(nil), p.DSCs...)
		edit(&p)
		return sign(t, &p, f.bundleKey)
	}
	body, _ := trust.Marshal(f.payload)
	flipped := bytes.Clone(good)
	flipped[len(flipped)-10] ^= 0x01 // inside the signature
	tamperedBody := bytes.Clone(good)
	i := bytes.Index(tamperedBody, []byte("XD"))
	tamperedBody[i] = 'Y' // a DSC's country, inside the signed payload

	// CBOR built by hand: the payload map with duplicate key 1.
	dup := append([]byte{0xa2, 0x01, 0x01, 0x01, 0x01}, body[1:]...)
	enc := func(v any) []byte { b, _ := cbor.Marshal(v); return b }
	indef := append([]byte{0xbf}, append(bytes.Clone(body[1:]), 0xff)...)

	for _, tc := range []struct {
		name   string
		data   []byte
		pinned []crypto.PublicKey
		minSeq uint64
		want   error
	}{
		{"empty", nil, f.pinned, 0, trust.ErrMalformed},
		{"not COSE", []byte("hello"), f.pinned, 0, trust.ErrMalformed},
		{"untagged", good[1:], f.pinned, 0, trust.ErrMalformed},
		{"trailing byte", append(bytes.Clone(good), 0), f.pinned, 0, trust.ErrMalformed},
		{"oversize", make([]byte, trust.MaxSize+1), f.pinned, 0, trust.ErrTooLarge},
		{"flipped signature bit", flipped, f.pinned, 0, trust.ErrSignature},
		{"tampered payload byte", tamperedBody, f.pinned, 0, trust.ErrSignature},
		{"wrong pinned key", good, []crypto.PublicKey{&other.PublicKey}, 0, trust.ErrUnknownBundleKey},
		{"no pinned key", good, nil, 0, trust.ErrUnknownBundleKey},
		{"kid of a pinned key, signed by another", signRaw(t, body, other, map[any]any{cose.HeaderLabelKeyID: mustKID(t, f.bundleKey)}), f.pinned, 0, trust.ErrSignature},
		{"unpinned signer", signRaw(t, body, other, nil), f.pinned, 0, trust.ErrUnknownBundleKey},
		{"kid unprotected only", signRaw(t, body, f.bundleKey, map[any]any{cose.HeaderLabelKeyID: nil}), f.pinned, 0, trust.ErrMalformed},
		{"ES384 alg", signManual(t, body, f.bundleKey, map[any]any{int64(1): int64(-35), int64(3): trust.ContentType, int64(4): mustKID(t, f.bundleKey)}), f.pinned, 0, trust.ErrMalformed},
		{"manual signing works", signManual(t, body, f.bundleKey, map[any]any{int64(1): int64(-7), int64(3): trust.ContentType, int64(4): mustKID(t, f.bundleKey)}), f.pinned, 9, trust.ErrRollback},
		{"crit", signRaw(t, body, f.bundleKey, map[any]any{cose.HeaderLabelCritical: []any{int64(99)}, int64(99): 1}), f.pinned, 0, trust.ErrMalformed},
		{"no content type", signRaw(t, body, f.bundleKey, map[any]any{cose.HeaderLabelContentType: nil}), f.pinned, 0, trust.ErrMalformed},
		{"other content type", signRaw(t, body, f.bundleKey, map[any]any{cose.HeaderLabelContentType: "application/cbor"}), f.pinned, 0, trust.ErrMalformed},
		{"lower seq", good, f.pinned, 8, trust.ErrRollback},
		{"payload not CBOR", signRaw(t, []byte{0xff, 0x00}, f.bundleKey, nil), f.pinned, 0, trust.ErrMalformed},
		{"payload trailing bytes", signRaw(t, append(bytes.Clone(body), 0x00), f.bundleKey, nil), f.pinned, 0, trust.ErrMalformed},
		{"payload duplicate key", signRaw(t, dup, f.bundleKey, nil), f.pinned, 0, trust.ErrMalformed},
		{"payload indefinite length", signRaw(t, indef, f.bundleKey, nil), f.pinned, 0, trust.ErrMalformed},
		{"payload unknown field", signRaw(t, enc(map[int]any{1: 1, 2: 1, 3: 1, 4: 2, 5: []any{}, 42: 1}), f.bundleKey, nil), f.pinned, 0, trust.ErrMalformed},
		{"payload tag", signRaw(t, enc(map[int]any{1: 1, 2: 1, 3: cbor.Tag{Number: 1, Content: 1}, 4: 2, 5: []any{}}), f.bundleKey, nil), f.pinned, 0, trust.ErrMalformed},
		{"payload too deep", signRaw(t, enc(map[int]any{1: 1, 5: []any{map[int]any{1: []any{[]any{1}}}}}), f.bundleKey, nil), f.pinned, 0, trust.ErrMalformed},
		{"payload array of 2^32", signRaw(t, []byte{0xa1, 0x05, 0x9b, 0, 0, 0, 1, 0, 0, 0, 0}, f.bundleKey, nil), f.pinned, 0, trust.ErrMalformed},
		{"version 2", mutate(func(p *trust.Payload) { p.Version = 2 }), f.pinned, 0, trust.ErrMalformed},
		{"expires before issued", mutate(func(p *trust.Payload) { p.ExpiresAt = p.IssuedAt }), f.pinned, 0, trust.ErrMalformed},
		{"kid of 7 bytes", mutate(func(p *trust.Payload) { p.DSCs[0].KID = p.DSCs[0].KID[:7] }), f.pinned, 0, trust.ErrMalformed},
		{"lower-case country", mutate(func(p *trust.Payload) { p.DSCs[0].Country = "xd" }), f.pinned, 0, trust.ErrMalformed},
		{"cert and spki", mutate(func(p *trust.Payload) { p.DSCs[0].SPKI = p.DSCs[1].SPKI }), f.pinned, 0, trust.ErrMalformed},
		{"neither cert nor spki", mutate(func(p *trust.Payload) { p.DSCs[0].Cert = nil }), f.pinned, 0, trust.ErrMalformed},
		{"no types", mutate(func(p *trust.Payload) { p.DSCs[0].Types = 0 }), f.pinned, 0, trust.ErrMalformed},
		{"unknown type bit", mutate(func(p *trust.Payload) { p.DSCs[0].Types = 8 }), f.pinned, 0, trust.ErrMalformed},
		{"revoked kid of 9 bytes", mutate(func(p *trust.Payload) { p.RevokedKIDs = [][]byte{make([]byte, 9)} }), f.pinned, 0, trust.ErrMalformed},
		{"revocation list of 15 bytes", mutate(func(p *trust.Payload) { p.Revoked.Signature = make([]byte, 15) }), f.pinned, 0, trust.ErrMalformed},
		{"rules not JSON", mutate(func(p *trust.Payload) { p.Rules = []byte("{") }), f.pinned, 0, trust.ErrMalformed},
		{"value sets not JSON", mutate(func(p *trust.Payload) { p.ValueSets = []byte("nope") }), f.pinned, 0, trust.ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := trust.Open(tc.data, tc.pinned, tc.minSeq, t0)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if b != nil {
				t.Fatal("a rejected bundle was returned")
			}
		})
	}
	_ = otherKID
}

// signManual builds a COSE_Sign1 by hand (ES256 over the Sig_structure,
// whatever the header claims), for headers go-cose refuses to sign.
func signManual(t testing.TB, body []byte, key *ecdsa.PrivateKey, protected map[any]any) []byte {
	t.Helper()
	ph, err := cbor.Marshal(protected)
	if err != nil {
		t.Fatal(err)
	}
	tbs, _ := cbor.Marshal([]any{"Signature1", ph, []byte{}, body})
	digest := sha256.Sum256(tbs)
	r, s, err := ecdsa.Sign(rand.Reader, key, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	out, err := cbor.Marshal(cbor.Tag{Number: 18, Content: []any{ph, map[any]any{}, body, sig}})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustKID(t testing.TB, k *ecdsa.PrivateKey) []byte {
	kid, err := trust.KeyID(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return kid
}

// A stale bundle, or one from the device's future, is genuine: Open returns
// it with the reason, and Usable keeps reporting it, so verdicts say why.
func TestStaleAndClock(t *testing.T) {
	f := newFixture(t)
	data := sign(t, f.payload, f.bundleKey)
	for _, tc := range []struct {
		name string
		at   time.Time
		want error
	}{
		{"fresh", t0, nil},
		{"last second", t0.Add(72*time.Hour - time.Second), nil},
		{"expired", t0.Add(72 * time.Hour), trust.ErrStale},
		{"long expired", t0.AddDate(1, 0, 0), trust.ErrStale},
		{"clock within skew", t0.Add(-trust.MaxClockLag), nil},
		{"clock behind", t0.Add(-trust.MaxClockLag - time.Second), trust.ErrClockBehind},
		{"clock years behind", time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), trust.ErrClockBehind},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := trust.Open(data, f.pinned, 0, tc.at)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("Open err = %v, want %v", err, tc.want)
			}
			if b == nil {
				t.Fatal("genuine bundle not returned")
			}
			if err := b.Usable(tc.at); !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("Usable err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestSameSeqAccepted(t *testing.T) {
	f := newFixture(t)
	if _, err := trust.Open(sign(t, f.payload, f.bundleKey), f.pinned, f.payload.Seq, t0); err != nil {
		t.Fatalf("re-opening the accepted seq: %v", err)
	}
}

// Rotation: two pinned keys, either signs.
func TestPinnedRotation(t *testing.T) {
	f := newFixture(t)
	next := newKey(t)
	s, err := trust.FormatPinned(&f.bundleKey.PublicKey, &next.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pinned, err := trust.ParsePinned(s)
	if err != nil || len(pinned) != 2 {
		t.Fatalf("ParsePinned: %v, %d keys", err, len(pinned))
	}
	for _, k := range []*ecdsa.PrivateKey{f.bundleKey, next} {
		if _, err := trust.Open(sign(t, f.payload, k), pinned, 0, t0); err != nil {
			t.Fatal(err)
		}
	}
}

func TestParsePinned(t *testing.T) {
	k := newKey(t)
	good, _ := trust.FormatPinned(&k.PublicKey)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	der384, _ := x509.MarshalPKIXPublicKey(&p384.PublicKey)
	for _, tc := range []struct {
		in   string
		want int // keys, or -1 for ErrPinnedKey
	}{
		{good, 1},
		{" " + good + " , " + good, 2},
		{"", -1},
		{"  ", -1},
		{good + ",", -1},
		{"not base64!", -1},
		{base64.StdEncoding.EncodeToString([]byte("not a key")), -1},
		{base64.StdEncoding.EncodeToString(der384), -1},
		{strings.Repeat(good+",", trust.MaxPinned) + good, -1},
	} {
		keys, err := trust.ParsePinned(tc.in)
		if tc.want < 0 {
			if !errors.Is(err, trust.ErrPinnedKey) {
				t.Errorf("ParsePinned(%.20q) err = %v, want ErrPinnedKey", tc.in, err)
			}
			continue
		}
		if err != nil || len(keys) != tc.want {
			t.Errorf("ParsePinned(%.20q) = %d keys, %v; want %d", tc.in, len(keys), err, tc.want)
		}
	}
}

// The German list carries five Lebanese DSCs with negative serial numbers;
// crypto/x509 refuses them, KeyFromDER reads them.
func TestKeyFromDERNegativeSerial(t *testing.T) {
	data, err := os.ReadFile("../../testdata/trustlists/trustlist_de.json")
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		Certificates []struct{ KID, Country, RawData string }
	}
	if err := json.Unmarshal(data, &l); err != nil {
		t.Fatal(err)
	}
	var negative int
	for _, c := range l.Certificates {
		b, _ := base64.StdEncoding.DecodeString(c.RawData)
		k, err := trust.KeyFromDER(b)
		if err != nil {
			t.Errorf("kid %s: %v", c.KID, err)
			continue
		}
		if base64.StdEncoding.EncodeToString(k.KID) != c.KID {
			t.Errorf("kid %s: computed %x", c.KID, k.KID)
		}
		if _, err := x509.ParseCertificate(b); err == nil {
			continue
		}
		negative++
		if c.Country != "LB" || k.Country != "LB" || k.Public == nil || k.NotAfter.IsZero() || k.Types == 0 {
			t.Errorf("kid %s: negative-serial key %+v", c.KID, k)
		}
	}
	if len(l.Certificates) != 832 || negative != 5 {
		t.Fatalf("%d certificates, %d refused by crypto/x509; want 832, 5", len(l.Certificates), negative)
	}
	if _, err := trust.KeyFromDER([]byte("junk")); !errors.Is(err, trust.ErrCertificate) {
		t.Fatalf("junk: %v", err)
	}
}

func TestMarshalDeterministic(t *testing.T) {
	f := newFixture(t)
	a, _ := trust.Marshal(f.payload)
	b, _ := trust.Marshal(f.payload)
	if !bytes.Equal(a, b) {
		t.Fatal("Marshal is not deterministic")
	}
	// Map keys are small integers in ascending order.
	if hex.EncodeToString(a[:3]) != "a90101" {
		t.Fatalf("payload starts %x", a[:3])
	}
}

func FuzzOpen(f *testing.F) {
	fx := newFixture(f)
	// The bundle key is fixed for the corpus to stay meaningful across runs.
	d := sha256.Sum256([]byte("passcheck fuzz bundle key"))
	key, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), d[:])
	if err != nil {
		f.Fatal(err)
	}
	pinned := []crypto.PublicKey{&key.PublicKey}
	good := sign(f, fx.payload, key)
	f.Add(good)
	body, _ := trust.Marshal(fx.payload)
	f.Add(body)
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := trust.Open(data, pinned, 0, t0)
		if b == nil {
			if err == nil {
				t.Fatal("nil bundle without error")
			}
			return
		}
		for _, k := range b.Keys() {
			b.Lookup(k.KID)
		}
		b.Revoked(verify.HashUCI, [16]byte{})
		_ = b.Usable(t0)
	})
}

// FuzzOpenPayload fuzzes the strict decoding and checks that Open applies
// behind the signature (signing each input would make the fuzzer crawl;
// TestOpenRejects shows Open and DecodePayload share the path).
func FuzzOpenPayload(f *testing.F) {
	fx := newFixture(f)
	body, _ := trust.Marshal(fx.payload)
	f.Add(body)
	f.Add(body[:len(body)/3])
	f.Fuzz(func(t *testing.T, body []byte) {
		b, err := trust.DecodePayload(body)
		if b == nil {
			if err == nil {
				t.Fatal("nil bundle without error")
			}
			return
		}
		for _, k := range b.Keys() {
			if len(k.KID) != 8 || k.Types == 0 {
				t.Fatalf("bad key %+v", k)
			}
			b.Lookup(k.KID)
		}
	})
}

// kids are 8 bytes and collide: Lookup returns every DSC sharing one.
func TestKIDCollision(t *testing.T) {
	f := newFixture(t)
	other, _ := newDSC(t, "XE", 1)
	third, _ := newDSC(t, "XF", 3)
	kid := f.payload.DSCs[0].KID
	f.payload.DSCs = append(f.payload.DSCs,
		trust.DSC{KID: kid, Country: "XE", Cert: other.Raw, Types: uint8(verify.Test)},
		trust.DSC{KID: kid, Country: "XF", Cert: third.Raw, Types: uint8(verify.Recovery)})
	b, err := trust.Open(sign(t, f.payload, f.bundleKey), f.pinned, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, k := range b.Lookup(kid) {
		got[k.Country] = true
	}
	if len(got) != 3 || !got["XD"] || !got["XE"] || !got["XF"] {
		t.Fatalf("Lookup returned %v", got)
	}
	if b.Lookup(kid[:7]) != nil || b.Lookup(nil) != nil {
		t.Fatal("a short kid matched")
	}
}
