package verify

import (
	"bytes"
	"compress/zlib"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"

	"passcheck/verify/base45"
	"passcheck/verify/internal/der"
)

// The fixed clock of the crafted credentials.
var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

var (
	oidTest        = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 1}
	oidVaccination = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 2}
	oidRecoveryAlt = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 0, 1847, 2021, 1, 3}
)

// dsc is a document signer made for a test: its private key and the Key a
// trust store would hold.
type dsc struct {
	signer crypto.Signer
	key    *Key
}

type dscOpts struct {
	keyType             string // "p256" (default), "p224", "p384", "p521", "rsa1024", "rsa2048"
	country             string // default "XA"
	eku                 []asn1.ObjectIdentifier
	notBefore, notAfter time.Time
}

// Keys are slow to make (RSA especially): make each kind once.
var (
	keyMu    sync.Mutex
	keyCache = map[string]crypto.Signer{}
)

func testKey(t testing.TB, kind string, n int) crypto.Signer {
	keyMu.Lock()
	defer keyMu.Unlock()
	id := kind + string(rune('0'+n))
	if k, ok := keyCache[id]; ok {
		return k
	}
	var k crypto.Signer
	var err error
	switch kind {
	case "p256":
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "p224":
		k, err = ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	case "p384":
		k, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "p521":
		k, err = ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	case "rsa1024":
		k, err = rsa.GenerateKey(rand.Reader, 1024)
	case "rsa2048":
		k, err = rsa.GenerateKey(rand.Reader, 2048)
	default:
		t.Fatalf("unknown key type %q", kind)
	}
	if err != nil {
		t.Fatal(err)
	}
	keyCache[id] = k
	return k
}

// newDSC makes a self-signed DSC (the chain to a CSCA is the trust
// bundle's business, not verify's). n picks a distinct key of the kind.
func newDSC(t testing.TB, o dscOpts, n int) *dsc {
	t.Helper()
	if o.keyType == "" {
		o.keyType = "p256"
	}
	if o.country == "" {
		o.country = "XA"
	}
	if o.notBefore.IsZero() {
		o.notBefore = testNow.AddDate(-1, 0, 0)
	}
	if o.notAfter.IsZero() {
		o.notAfter = testNow.AddDate(1, 0, 0)
	}
	signer := testKey(t, o.keyType, n)
	tmpl := &x509.Certificate{
		SerialNumber:       big.NewInt(int64(n + 1)),
		Subject:            pkix.Name{CommonName: "test DSC", Country: []string{o.country}},
		NotBefore:          o.notBefore,
		NotAfter:           o.notAfter,
		KeyUsage:           x509.KeyUsageDigitalSignature,
		UnknownExtKeyUsage: o.eku,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, signer.Public(), signer)
	if err != nil {
		t.Fatal(err)
	}
	k, err := keyFromDER(der)
	if o.keyType == "p224" {
		// The certificate parser refuses P-224 keys; the verifier's own
		// check of key sizes is tested with a Key made by hand.
		if err == nil {
			t.Fatal("a P-224 DSC parsed")
		}
		k, err = &Key{KID: KIDFromDER(der), Country: o.country, Public: signer.Public(), Cert: der,
			Types: TypesFromEKU(o.eku), NotBefore: o.notBefore.Truncate(time.Second), NotAfter: o.notAfter.Truncate(time.Second)}, nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return &dsc{signer: signer, key: k}
}

// keyFromDER is trust.KeyFromDER, which this package's tests cannot
// import (verify/trust imports verify).
func keyFromDER(b []byte) (*Key, error) {
	c, err := der.ParseCertificate(b)
	if err != nil {
		return nil, err
	}
	return &Key{KID: KIDFromDER(b), Country: c.Country, Public: c.Public, Cert: c.Raw,
		Types: TypesFromEKU(c.EKU), NotBefore: c.NotBefore, NotAfter: c.NotAfter}, nil
}

// cred is a credential to craft. Every field is put on the wire as is, so
// tests can make it wrong in any way.
type cred struct {
	protected   map[any]any // nil: {1: alg, 4: kid}
	unprotected map[any]any // nil: {}
	claims      map[any]any // nil: defaultClaims
	payload     []byte      // raw CBOR claims, overriding claims
	alg         int64       // signing algorithm; 0: from the key
	flipBit     bool        // flip one bit of the signature
	cwtTag      bool        // wrap in tag 61
	untagged    bool        // no tag 18
}

func vaccinationDCC() map[string]any {
	return map[string]any{
		"ver": "1.3.0",
		"nam": map[string]any{"fn": "Muster", "fnt": "MUSTER", "gn": "Erika", "gnt": "ERIKA"},
		"dob": "1980-01-02",
		"v": []any{map[string]any{
			"tg": "840539006", "vp": "1119349007", "mp": "EU/1/20/1528", "ma": "ORG-100030215",
			"dn": 2, "sd": 2, "dt": "2026-01-15", "co": "XA", "is": "Test Ministry",
			"ci": "URN:UVCI:01:XA:TESTTESTTEST#1",
		}},
	}
}

func testDCC() map[string]any {
	d := vaccinationDCC()
	delete(d, "v")
	d["t"] = []any{map[string]any{
		"tg": "840539006", "tt": "LP6464-4", "nm": "Roche LightCycler qPCR",
		"sc": "2026-02-28T10:00:00Z", "tr": "260415000", "tc": "Test centre", "co": "XA",
		"is": "Test Ministry", "ci": "URN:UVCI:01:XA:TEST2#2",
	}}
	return d
}

func defaultClaims(dcc map[string]any) map[any]any {
	return map[any]any{
		1:    "XA",
		6:    testNow.Add(-24 * time.Hour).Unix(),
		4:    testNow.Add(30 * 24 * time.Hour).Unix(),
		-260: map[any]any{1: dcc},
	}
}

func mustCBOR(t testing.TB, v any) []byte {
	t.Helper()
	b, err := cbor.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cose signs c with d and returns the COSE_Sign1 bytes.
func (c cred) cose(t testing.TB, d *dsc) []byte {
	t.Helper()
	alg := c.alg
	if alg == 0 {
		alg = int64(algES256)
		if _, ok := d.signer.(*rsa.PrivateKey); ok {
			alg = int64(algPS256)
		}
	}
	prot := c.protected
	if prot == nil {
		prot = map[any]any{1: alg, 4: d.key.KID}
	}
	var protBytes []byte
	if len(prot) > 0 {
		protBytes = mustCBOR(t, prot)
	} else {
		protBytes = []byte{}
	}
	unprot := c.unprotected
	if unprot == nil {
		unprot = map[any]any{}
	}
	payload := c.payload
	if payload == nil {
		claims := c.claims
		if claims == nil {
			claims = defaultClaims(vaccinationDCC())
		}
		payload = mustCBOR(t, claims)
	}
	tbs := mustCBOR(t, []any{"Signature1", protBytes, []byte{}, payload})
	digest := sha256.Sum256(tbs)
	var sig []byte
	switch k := d.signer.(type) {
	case *ecdsa.PrivateKey:
		r, s, err := ecdsa.Sign(rand.Reader, k, digest[:])
		if err != nil {
			t.Fatal(err)
		}
		n := (k.Curve.Params().BitSize + 7) / 8
		sig = make([]byte, 2*n)
		r.FillBytes(sig[:n])
		s.FillBytes(sig[n:])
	case *rsa.PrivateKey:
		var err error
		sig, err = rsa.SignPSS(rand.Reader, k, crypto.SHA256, digest[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		if err != nil {
			t.Fatal(err)
		}
	}
	if c.flipBit {
		sig[len(sig)/3] ^= 0x10
	}
	var msg any = []any{protBytes, unprot, payload, sig}
	if !c.untagged {
		msg = cbor.Tag{Number: tagSign1, Content: msg}
	}
	if c.cwtTag {
		msg = cbor.Tag{Number: tagCWT, Content: msg}
	}
	return mustCBOR(t, msg)
}

// qrText compresses and encodes COSE bytes as QR text.
func qrText(t testing.TB, cose []byte) string {
	t.Helper()
	return Prefix + base45.Encode(deflate(t, cose))
}

func deflate(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func (c cred) text(t testing.TB, d *dsc) string { return qrText(t, c.cose(t, d)) }
