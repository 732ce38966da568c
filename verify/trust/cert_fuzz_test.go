package trust_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"passcheck/verify/internal/der"
	"passcheck/verify/trust"
)

// FuzzKeyFromDER is a differential fuzz of the strict parser against
// crypto/x509, seeded with every real DSC and a generated one. KeyFromDER
// must never panic, and whatever it accepts crypto/x509 must accept with
// the same key, validity, country, types and kid, after two documented
// changes to the input:
//   - a negative serial number is made positive (KeyFromDER reads them on
//     purpose, see x509Refuses);
//   - extensions other than the extended key usage are dropped:
//     KeyFromDER checks their form but not their contents (key usage,
//     basic constraints, names...), which a DSC from a signed list does
//     not need, while crypto/x509 parses and may refuse them.
//
// Everything else crypto/x509 checks, KeyFromDER checks too, mostly more
// strictly.
func FuzzKeyFromDER(f *testing.F) {
	c, _ := newDSC(f, "XD", 1, 2)
	f.Add(c.Raw)
	for _, c := range realCerts(f) {
		f.Add(c.der)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := trust.KeyFromDER(b)
		if (k == nil) == (err == nil) {
			t.Fatalf("key %v with error %v", k, err)
		}
		if err != nil {
			var e *der.Error
			if !errors.Is(err, trust.ErrCertificate) || !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(b) {
				t.Fatalf("error %v: want ErrCertificate wrapping a *der.Error within the input", err)
			}
			return
		}
		if len(k.KID) != 8 || k.Types == 0 || k.Public == nil || !bytes.Equal(k.Cert, b) {
			t.Fatalf("incomplete key %+v", k)
		}
		xc, xerr := x509.ParseCertificate(b)
		if xerr != nil {
			norm, ok := normalize(b)
			if !ok {
				t.Fatalf("KeyFromDER accepts what cryptobyte cannot walk (x509: %v)", xerr)
			}
			if xc, err = x509.ParseCertificate(norm); err != nil {
				t.Fatalf("KeyFromDER accepts; x509 refuses: %v, and after normalizing: %v", xerr, err)
			}
			// The kid and DER are of the input, not the normalized one.
			xc.Raw = b
		}
		if d := diffX509(k, xc); d != "" {
			t.Fatal(d)
		}
	})
}

// normalize rebuilds a certificate with a positive serial number (of the
// same length) and no extension but the extended key usage.
func normalize(b []byte) ([]byte, bool) {
	in := cryptobyte.String(b)
	var cert, tbs, alg, sig cryptobyte.String
	if !in.ReadASN1(&cert, cbasn1.SEQUENCE) || !cert.ReadASN1Element(&tbs, cbasn1.SEQUENCE) ||
		!cert.ReadASN1Element(&alg, cbasn1.SEQUENCE) || !cert.ReadASN1Element(&sig, cbasn1.BIT_STRING) ||
		!tbs.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return nil, false
	}
	var out cryptobyte.Builder
	out.AddASN1(cbasn1.SEQUENCE, func(c *cryptobyte.Builder) {
		c.AddASN1(cbasn1.SEQUENCE, func(t *cryptobyte.Builder) {
			var v, serial cryptobyte.String
			var tag cbasn1.Tag
			if tbs.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) {
				tbs.ReadAnyASN1Element(&v, &tag)
				t.AddBytes(v)
			}
			tbs.ReadASN1(&serial, cbasn1.INTEGER)
			s := bytes.Clone(serial)
			if len(s) > 0 && s[0]&0x80 != 0 {
				s[0] = 1
			}
			t.AddASN1(cbasn1.INTEGER, func(t *cryptobyte.Builder) { t.AddBytes(s) })
			for !tbs.Empty() {
				var e cryptobyte.String
				if !tbs.ReadAnyASN1Element(&e, &tag) {
					t.SetError(errors.New("bad element"))
					return
				}
				if tag != cbasn1.Tag(3).Constructed().ContextSpecific() {
					t.AddBytes(e)
					continue
				}
				var list cryptobyte.String
				e.ReadASN1(&e, tag)
				e.ReadASN1(&list, cbasn1.SEQUENCE)
				for !list.Empty() {
					var ext, id cryptobyte.String
					list.ReadASN1Element(&ext, cbasn1.SEQUENCE)
					all := ext
					ext.ReadASN1(&ext, cbasn1.SEQUENCE)
					ext.ReadASN1(&id, cbasn1.OBJECT_IDENTIFIER)
					if bytes.Equal(id, []byte{0x55, 0x1d, 0x25}) {
						t.AddASN1(tag, func(t *cryptobyte.Builder) {
							t.AddASN1(cbasn1.SEQUENCE, func(t *cryptobyte.Builder) { t.AddBytes(all) })
						})
					}
				}
			}
		})
		c.AddBytes(alg)
		c.AddBytes(sig)
	})
	n, err := out.Bytes()
	return n, err == nil
}

// FuzzParseSPKI is a differential fuzz of the SubjectPublicKeyInfo reader
// against crypto/x509, seeded with the real keys: whatever ParseSPKI
// accepts, x509.ParsePKIXPublicKey accepts as the same key.
func FuzzParseSPKI(f *testing.F) {
	for _, c := range realCerts(f)[:40] {
		if xc, err := x509.ParseCertificate(c.der); err == nil {
			f.Add(xc.RawSubjectPublicKeyInfo)
		}
	}
	for _, curve := range []elliptic.Curve{elliptic.P384(), elliptic.P521()} {
		k, _ := ecdsa.GenerateKey(curve, rand.Reader)
		b, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		pub, err := trust.ParseSPKI(b)
		if (pub == nil) == (err == nil) {
			t.Fatalf("key %v with error %v", pub, err)
		}
		if err != nil {
			return
		}
		xpub, err := x509.ParsePKIXPublicKey(b)
		if err != nil {
			t.Fatalf("ParseSPKI accepts, x509 refuses: %v", err)
		}
		if !pub.(interface{ Equal(crypto.PublicKey) bool }).Equal(xpub) {
			t.Fatalf("%T differs from x509's %T", pub, xpub)
		}
	})
}

// The documented exception of FuzzKeyFromDER, on a concrete case: a key
// usage extension whose contents crypto/x509 refuses, and a negative
// serial. KeyFromDER reads the certificate; normalize makes it one that
// crypto/x509 reads the same.
func TestNormalize(t *testing.T) {
	key := newKey(t)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(0x77),
		Subject:      pkix.Name{Country: []string{"XD"}},
		NotBefore:    t0, NotAfter: t0.AddDate(1, 0, 0),
		UnknownExtKeyUsage: []asn1.ObjectIdentifier{{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 3}},
		ExtraExtensions:    []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 15}, Value: []byte{0x05, 0x00}}},
	}
	b, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	// CreateCertificate refuses negative serials: make 0x77 negative
	// (parsing does not check the signature).
	i := bytes.Index(b, []byte{0x02, 0x01, 0x77})
	if i < 0 || i > 16 {
		t.Fatalf("serial at %d", i)
	}
	b[i+2] = 0xf7
	if _, err := x509.ParseCertificate(b); err == nil {
		t.Fatal("x509 reads it: the case no longer tests the exception")
	}
	k, err := trust.KeyFromDER(b)
	if err != nil {
		t.Fatal(err)
	}
	norm, ok := normalize(b)
	if !ok {
		t.Fatal("normalize failed")
	}
	xc, err := x509.ParseCertificate(norm)
	if err != nil {
		t.Fatalf("x509 refuses the normalized certificate: %v", err)
	}
	if xc.SerialNumber.Sign() <= 0 || len(xc.Extensions) != 1 {
		t.Fatalf("serial %v, %d extensions", xc.SerialNumber, len(xc.Extensions))
	}
	xc.Raw = b
	if d := diffX509(k, xc); d != "" {
		t.Fatal(d)
	}
}
