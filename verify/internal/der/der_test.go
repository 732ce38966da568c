package der

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"
)

// el builds a DER element (short or long form length).
func el(tag byte, parts ...[]byte) []byte {
	c := bytes.Join(parts, nil)
	n := len(c)
	switch {
	case n < 0x80:
		return append([]byte{tag, byte(n)}, c...)
	case n < 0x100:
		return append([]byte{tag, 0x81, byte(n)}, c...)
	default:
		return append([]byte{tag, 0x82, byte(n >> 8), byte(n)}, c...)
	}
}

func seq(parts ...[]byte) []byte { return el(tagSequence, parts...) }

// o is an OID's DER element.
func o(arcs ...int) []byte {
	b, err := asn1.Marshal(asn1.ObjectIdentifier(arcs))
	if err != nil {
		panic(err)
	}
	return b
}

func printable(s string) []byte { return el(tagPrintableString, []byte(s)) }
func utc(s string) []byte       { return el(tagUTCTime, []byte(s)) }

func attr(typ []byte, val []byte) []byte { return el(tagSet, seq(typ, val)) }

var (
	oidCN       = o(2, 5, 4, 3)
	oidC        = o(2, 5, 4, 6)
	ecdsaSHA256 = seq(o(1, 2, 840, 10045, 4, 3, 2))
	dccTest     = o(1, 3, 6, 1, 4, 1, 1847, 2021, 1, 1)
	dccVacc     = o(1, 3, 6, 1, 4, 1, 1847, 2021, 1, 2)
	keyUsage    = seq(o(2, 5, 29, 15), el(tagBoolean, []byte{0xff}), el(tagOctetString, el(tagBitString, []byte{7, 0x80})))
)

func ekuExt(oids ...[]byte) []byte {
	return seq(o(2, 5, 29, 37), el(tagOctetString, seq(oids...)))
}

// parts are the fields of a test certificate; der assembles them, so a
// case can replace any one with something wrong.
type parts struct {
	version, serial, sigAlg, issuer, validity, subject, spki, uids, exts []byte
	outerAlg, sig, tbsTrailer, trailer                                   []byte
}

func ecSPKI(tb testing.TB) []byte {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func goodParts(tb testing.TB) parts {
	return parts{
		version:  el(tagVersion, el(tagInteger, []byte{2})),
		serial:   el(tagInteger, []byte{0x01, 0x02}),
		sigAlg:   ecdsaSHA256,
		issuer:   seq(attr(oidC, printable("XD")), attr(oidCN, printable("CSCA TEST"))),
		validity: seq(utc("210101000000Z"), el(tagGeneralizedTime, []byte("20500101000000Z"))),
		subject:  seq(attr(oidCN, printable("DSC TEST")), attr(oidC, printable("XE")), attr(oidC, printable("XF"))),
		spki:     ecSPKI(tb),
		exts:     el(tagExtensions, seq(keyUsage, ekuExt(dccTest, dccVacc))),
		outerAlg: ecdsaSHA256,
		sig:      el(tagBitString, []byte{0, 1, 2, 3}),
	}
}

func (p parts) der() []byte {
	tbs := seq(p.version, p.serial, p.sigAlg, p.issuer, p.validity, p.subject, p.spki, p.uids, p.exts, p.tbsTrailer)
	return append(seq(tbs, p.outerAlg, p.sig), p.trailer...)
}

func TestParseCertificateGood(t *testing.T) {
	p := goodParts(t)
	c, err := ParseCertificate(p.der())
	if err != nil {
		t.Fatal(err)
	}
	if c.Country != "XE" || c.NegativeSerial || len(c.EKU) != 2 || !c.EKU[1].Equal(asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 2}) ||
		!c.NotBefore.Equal(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)) || !c.NotAfter.Equal(time.Date(2050, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("%+v", c)
	}
	// crypto/x509 reads the same.
	x, err := x509.ParseCertificate(p.der())
	if err != nil {
		t.Fatal(err)
	}
	if !c.Public.(*ecdsa.PublicKey).Equal(x.PublicKey) || !c.NotAfter.Equal(x.NotAfter) {
		t.Fatal("differs from crypto/x509")
	}
}

// TestParseCertificateForms covers forms that must be accepted.
func TestParseCertificateForms(t *testing.T) {
	good := goodParts(t)
	for _, tc := range []struct {
		name  string
		edit  func(p *parts)
		check func(c *Certificate) bool
	}{
		{"negative serial", func(p *parts) { p.serial = el(tagInteger, []byte{0xb5, 0x01}) },
			func(c *Certificate) bool { return c.NegativeSerial }},
		{"v1, no extensions", func(p *parts) { p.version, p.exts = nil, nil },
			func(c *Certificate) bool { return c.EKU == nil }},
		{"v2 with unique IDs", func(p *parts) {
			p.version, p.exts = el(tagVersion, el(tagInteger, []byte{1})), nil
			p.uids = append(el(tagIssuerUID, []byte{0, 0xaa}), el(tagSubjectUID, []byte{4, 0xf0})...)
		}, func(c *Certificate) bool { return c.EKU == nil }},
		{"v3 without extensions", func(p *parts) { p.exts = nil }, func(c *Certificate) bool { return c.EKU == nil }},
		{"empty EKU (EU vector CO15)", func(p *parts) { p.exts = el(tagExtensions, seq(ekuExt())) },
			func(c *Certificate) bool { return c.EKU != nil && len(c.EKU) == 0 }},
		{"no country", func(p *parts) { p.subject = seq(attr(oidCN, printable("DSC"))) },
			func(c *Certificate) bool { return c.Country == "" }},
		{"empty subject", func(p *parts) { p.subject = seq() }, func(c *Certificate) bool { return c.Country == "" }},
		{"UTF8String country, multi-valued RDN", func(p *parts) {
			p.subject = seq(el(tagSet, seq(oidCN, printable("DSC")), seq(oidC, el(tagUTF8String, []byte("XG")))))
		}, func(c *Certificate) bool { return c.Country == "XG" }},
		{"other string types", func(p *parts) {
			p.issuer = seq(attr(oidCN, el(tagT61String, []byte{0xe9})), attr(oidCN, el(tagIA5String, []byte("a@b"))),
				attr(oidCN, el(tagNumericString, []byte("12 3"))), attr(oidCN, el(tagBMPString, []byte{0, 'A', 0, 0})),
				attr(oidCN, printable("a*b&c")))
		}, func(c *Certificate) bool { return true }},
		{"UTCTime 49 is 2049, 50 is 1950", func(p *parts) { p.validity = seq(utc("500101000000Z"), utc("491231235959Z")) },
			func(c *Certificate) bool {
				return c.NotBefore.Equal(time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)) &&
					c.NotAfter.Equal(time.Date(2049, 12, 31, 23, 59, 59, 0, time.UTC))
			}},
		{"29 February of a leap year", func(p *parts) {
			p.validity = seq(utc("240229000000Z"), el(tagGeneralizedTime, []byte("20000229000000Z")))
		},
			func(c *Certificate) bool { return c.NotAfter.Equal(time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC)) }},
		{"algorithm with parameters", func(p *parts) {
			p.sigAlg = seq(o(1, 2, 840, 113549, 1, 1, 11), el(tagNull))
			p.outerAlg = p.sigAlg
		}, func(c *Certificate) bool { return true }},
		{"critical extension not read", func(p *parts) {
			p.exts = el(tagExtensions, seq(seq(o(1, 2, 3, 4), el(tagBoolean, []byte{0xff}), el(tagOctetString, []byte("x")))))
		}, func(c *Certificate) bool { return c.EKU == nil }},
		{"long-form lengths", func(p *parts) { p.subject = seq(attr(oidCN, printable(strings.Repeat("a", 300)))) },
			func(c *Certificate) bool { return true }},
	} {
		p := good
		tc.edit(&p)
		c, err := ParseCertificate(p.der())
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !tc.check(c) {
			t.Errorf("%s: %+v", tc.name, c)
		}
	}
}

// TestParseCertificateRejects is the table of malformed certificates:
// each must fail in the named field for the named reason.
func TestParseCertificateRejects(t *testing.T) {
	good := goodParts(t)
	cert := good.der()
	ext := func(exts ...[]byte) []byte { return el(tagExtensions, seq(exts...)) }
	for _, tc := range []struct {
		name          string
		edit          func(p *parts)
		der           []byte // instead of edit
		field, reason string
	}{
		{"empty", nil, []byte{}, "certificate", "truncated"},
		{"not a SEQUENCE", nil, el(tagSet), "certificate", "tag 0x31, want 0x30"},
		{"indefinite length", nil, append(append([]byte{0x30, 0x80}, cert[2:]...), 0, 0), "certificate", "indefinite length"},
		{"length with a leading zero", nil, append([]byte{0x30, 0x82, 0x00, 0x81}, make([]byte, 0x81)...), "certificate", "fewest octets"},
		{"long form for a short length", func(p *parts) { p.serial = []byte{0x02, 0x81, 0x01, 0x05} }, nil, "tbsCertificate.serialNumber", "fewest octets"},
		{"length past the end", nil, cert[:len(cert)-1], "certificate", "truncated"},
		{"5-octet length", nil, []byte{0x30, 0x85, 1, 0, 0, 0, 0}, "certificate", "bad length"},
		{"multi-byte tag", func(p *parts) { p.tbsTrailer = []byte{0x9f, 0x20, 0x01, 0x00} }, nil, "tbsCertificate", "trailing"},
		{"multi-byte tag in a name", func(p *parts) { p.subject = seq(attr(oidCN, []byte{0x1f, 0x20, 0x01, 0x00})) }, nil, "tbsCertificate.subject", "multi-byte tag"},
		{"trailing bytes after the certificate", func(p *parts) { p.trailer = []byte{0} }, nil, "certificate", "trailing bytes"},
		{"trailing bytes in the TBS", func(p *parts) { p.tbsTrailer = el(tagNull) }, nil, "tbsCertificate", "trailing bytes"},
		{"trailing bytes after the signature", func(p *parts) { p.sig = append(p.sig, el(tagNull)...) }, nil, "certificate", "trailing bytes"},
		{"trailing bytes in validity", func(p *parts) { p.validity = seq(utc("210101000000Z"), utc("220101000000Z"), utc("230101000000Z")) }, nil, "tbsCertificate.validity", "trailing bytes"},
		{"trailing bytes in an extension value", func(p *parts) {
			p.exts = ext(seq(o(2, 5, 29, 37), el(tagOctetString, seq(dccTest), el(tagNull))))
		}, nil, "tbsCertificate.extensions.extKeyUsage", "trailing bytes"},
		{"trailing bytes in an attribute", func(p *parts) { p.subject = seq(el(tagSet, seq(oidC, printable("XD"), el(tagNull)))) }, nil, "tbsCertificate.subject", "trailing bytes"},
		{"issuer is a SET", func(p *parts) { p.issuer = el(tagSet) }, nil, "tbsCertificate.issuer", "tag 0x31, want 0x30"},
		{"serial is an OCTET STRING", func(p *parts) { p.serial = el(tagOctetString, []byte{1}) }, nil, "tbsCertificate.serialNumber", "tag 0x4"},
		{"serial not minimal", func(p *parts) { p.serial = el(tagInteger, []byte{0, 5}) }, nil, "tbsCertificate.serialNumber", "fewest octets"},
		{"serial not minimal, negative", func(p *parts) { p.serial = el(tagInteger, []byte{0xff, 0x85}) }, nil, "tbsCertificate.serialNumber", "fewest octets"},
		{"serial empty", func(p *parts) { p.serial = el(tagInteger) }, nil, "tbsCertificate.serialNumber", "empty INTEGER"},
		{"explicit v1", func(p *parts) { p.version, p.exts = el(tagVersion, el(tagInteger, []byte{0})), nil }, nil, "tbsCertificate.version", "want 1"},
		{"version 4", func(p *parts) { p.version = el(tagVersion, el(tagInteger, []byte{3})) }, nil, "tbsCertificate.version", "want 1"},
		{"v1 with extensions", func(p *parts) { p.version = nil }, nil, "tbsCertificate", "trailing bytes"},
		{"v2 with extensions", func(p *parts) { p.version = el(tagVersion, el(tagInteger, []byte{1})) }, nil, "tbsCertificate", "trailing bytes"},
		{"v1 with a unique ID", func(p *parts) { p.version, p.exts, p.uids = nil, nil, el(tagIssuerUID, []byte{0}) }, nil, "tbsCertificate", "trailing bytes"},
		{"unique ID with unused bits set", func(p *parts) { p.uids = el(tagSubjectUID, []byte{1, 0x01}) }, nil, "tbsCertificate.subjectUniqueID", "unused bits set"},
		{"inner and outer algorithms differ", func(p *parts) { p.outerAlg = seq(o(1, 2, 840, 10045, 4, 3, 3)) }, nil, "tbsCertificate.signature", "differs"},
		{"algorithm with two parameters", func(p *parts) {
			p.sigAlg = seq(o(1, 2, 840, 10045, 4, 3, 2), el(tagNull), el(tagNull))
			p.outerAlg = p.sigAlg
		}, nil, "tbsCertificate.signature", "trailing bytes"},
		{"signature with 8 unused bits", func(p *parts) { p.sig = el(tagBitString, []byte{8, 0}) }, nil, "signatureValue", "over 7 unused bits"},
		{"signature with unused bits set", func(p *parts) { p.sig = el(tagBitString, []byte{1, 1}) }, nil, "signatureValue", "unused bits set"},
		{"signature empty", func(p *parts) { p.sig = el(tagBitString) }, nil, "signatureValue", "empty BIT STRING"},
		{"OID arc with a leading 0x80", func(p *parts) { p.subject = seq(attr(el(tagOID, []byte{0x55, 0x80, 0x04, 0x06}), printable("X"))) }, nil, "tbsCertificate.subject", "fewest octets"},
		{"OID arc of 2^31", func(p *parts) {
			p.subject = seq(attr(el(tagOID, []byte{0x55, 0x88, 0x80, 0x80, 0x80, 0x00}), printable("X")))
		}, nil, "tbsCertificate.subject", "above 2^31-1"},
		{"OID truncated", func(p *parts) { p.subject = seq(attr(el(tagOID, []byte{0x55, 0x84}), printable("X"))) }, nil, "tbsCertificate.subject", "truncated OBJECT IDENTIFIER"},
		{"OID empty", func(p *parts) { p.subject = seq(attr(el(tagOID), printable("X"))) }, nil, "tbsCertificate.subject", "empty OBJECT IDENTIFIER"},
		{"bad PrintableString", func(p *parts) { p.issuer = seq(attr(oidCN, printable("a@b"))) }, nil, "tbsCertificate.issuer", "invalid PrintableString"},
		{"bad UTF8String", func(p *parts) { p.issuer = seq(attr(oidCN, el(tagUTF8String, []byte{0xff}))) }, nil, "tbsCertificate.issuer", "invalid UTF8String"},
		{"bad IA5String", func(p *parts) { p.issuer = seq(attr(oidCN, el(tagIA5String, []byte{0x80}))) }, nil, "tbsCertificate.issuer", "invalid IA5String"},
		{"bad NumericString", func(p *parts) { p.issuer = seq(attr(oidCN, el(tagNumericString, []byte("1a")))) }, nil, "tbsCertificate.issuer", "invalid NumericString"},
		{"BMPString surrogate", func(p *parts) { p.issuer = seq(attr(oidCN, el(tagBMPString, []byte{0xd8, 0}))) }, nil, "tbsCertificate.issuer", "invalid BMPString"},
		{"BMPString odd length", func(p *parts) { p.issuer = seq(attr(oidCN, el(tagBMPString, []byte{0}))) }, nil, "tbsCertificate.issuer", "invalid BMPString"},
		{"OCTET STRING attribute", func(p *parts) { p.issuer = seq(attr(oidCN, el(tagOctetString, []byte("x")))) }, nil, "tbsCertificate.issuer", "unsupported string type"},
		{"country as IA5String", func(p *parts) { p.subject = seq(attr(oidC, el(tagIA5String, []byte("XD")))) }, nil, "tbsCertificate.subject", "C is neither"},
		{"attribute outside a SET", func(p *parts) { p.subject = seq(seq(oidC, printable("XD"))) }, nil, "tbsCertificate.subject", "tag 0x30, want 0x31"},
		{"too many attributes", func(p *parts) {
			a := attr(oidCN, printable("x"))
			p.subject = seq(bytes.Repeat(a, MaxNameAttributes+1))
		}, nil, "tbsCertificate.subject", "more than 64 attributes"},
		{"UTCTime with an offset", func(p *parts) { p.validity = seq(utc("2101010000+0100"), utc("220101000000Z")) }, nil, "tbsCertificate.validity.notBefore", "not YYMMDDHHMMSSZ"},
		{"UTCTime without seconds", func(p *parts) { p.validity = seq(utc("2101010000Z"), utc("220101000000Z")) }, nil, "tbsCertificate.validity.notBefore", "not YYMMDDHHMMSSZ"},
		{"UTCTime not Z", func(p *parts) { p.validity = seq(utc("210101000000Z"), utc("2201010000000")) }, nil, "tbsCertificate.validity.notAfter", "no such time"},
		{"GeneralizedTime with a fraction", func(p *parts) {
			p.validity = seq(utc("210101000000Z"), el(tagGeneralizedTime, []byte("20220101000000.5Z")))
		}, nil, "tbsCertificate.validity.notAfter", "not YYMMDDHHMMSSZ"},
		{"GeneralizedTime without Z", func(p *parts) {
			p.validity = seq(utc("210101000000Z"), el(tagGeneralizedTime, []byte("20220101000000")))
		}, nil, "tbsCertificate.validity.notAfter", "not YYMMDDHHMMSSZ"},
		{"30 February", func(p *parts) { p.validity = seq(utc("210230000000Z"), utc("220101000000Z")) }, nil, "tbsCertificate.validity.notBefore", "no such time"},
		{"29 February 2100", func(p *parts) {
			p.validity = seq(utc("210101000000Z"), el(tagGeneralizedTime, []byte("21000229000000Z")))
		}, nil, "tbsCertificate.validity.notAfter", "no such time"},
		{"31 April", func(p *parts) { p.validity = seq(utc("210431000000Z"), utc("220101000000Z")) }, nil, "tbsCertificate.validity.notBefore", "no such time"},
		{"month 13", func(p *parts) { p.validity = seq(utc("211301000000Z"), utc("220101000000Z")) }, nil, "tbsCertificate.validity.notBefore", "no such time"},
		{"hour 24", func(p *parts) { p.validity = seq(utc("210101240000Z"), utc("220101000000Z")) }, nil, "tbsCertificate.validity.notBefore", "no such time"},
		{"second 60", func(p *parts) { p.validity = seq(utc("211231235960Z"), utc("220101000000Z")) }, nil, "tbsCertificate.validity.notBefore", "no such time"},
		{"day 0", func(p *parts) { p.validity = seq(utc("210100000000Z"), utc("220101000000Z")) }, nil, "tbsCertificate.validity.notBefore", "no such time"},
		{"non-digit year", func(p *parts) { p.validity = seq(utc("2a0101000000Z"), utc("220101000000Z")) }, nil, "tbsCertificate.validity.notBefore", "no such time"},
		{"non-digit century", func(p *parts) {
			p.validity = seq(utc("210101000000Z"), el(tagGeneralizedTime, []byte("2x220101000000Z")))
		}, nil, "tbsCertificate.validity.notAfter", "no such time"},
		{"time as a PrintableString", func(p *parts) { p.validity = seq(printable("210101000000Z"), utc("220101000000Z")) }, nil, "tbsCertificate.validity.notBefore", "want UTCTime or GeneralizedTime"},
		{"duplicate extension", func(p *parts) { p.exts = ext(keyUsage, ekuExt(dccTest), keyUsage) }, nil, "tbsCertificate.extensions", "duplicate extension"},
		{"duplicate EKU", func(p *parts) { p.exts = ext(ekuExt(dccTest), ekuExt(dccVacc)) }, nil, "tbsCertificate.extensions", "duplicate extension"},
		{"critical FALSE spelt out", func(p *parts) {
			p.exts = ext(seq(o(2, 5, 29, 15), el(tagBoolean, []byte{0}), el(tagOctetString, el(tagBitString, []byte{7, 0x80}))))
		}, nil, "tbsCertificate.extensions", "critical is not TRUE"},
		{"critical 0x01", func(p *parts) {
			p.exts = ext(seq(o(2, 5, 29, 15), el(tagBoolean, []byte{1}), el(tagOctetString, el(tagBitString, []byte{7, 0x80}))))
		}, nil, "tbsCertificate.extensions", "critical is not TRUE"},
		{"extension value not an OCTET STRING", func(p *parts) { p.exts = ext(seq(o(2, 5, 29, 37), seq(dccTest))) }, nil, "tbsCertificate.extensions", "tag 0x30, want 0x4"},
		{"empty extensions", func(p *parts) { p.exts = ext() }, nil, "tbsCertificate.extensions", "empty"},
		{"extensions not a SEQUENCE", func(p *parts) { p.exts = el(tagExtensions, el(tagSet)) }, nil, "tbsCertificate.extensions", "tag 0x31, want 0x30"},
		{"too many extensions", func(p *parts) {
			var es [][]byte
			for i := 0; i <= MaxExtensions; i++ {
				es = append(es, seq(o(1, 2, 3, i), el(tagOctetString)))
			}
			p.exts = ext(es...)
		}, nil, "tbsCertificate.extensions", "more than 64 extensions"},
		{"EKU not OIDs", func(p *parts) { p.exts = ext(ekuExt(printable("x"))) }, nil, "tbsCertificate.extensions.extKeyUsage", "tag 0x13, want 0x6"},
		{"too many EKU", func(p *parts) { p.exts = ext(ekuExt(bytes.Repeat(dccTest, MaxEKU+1))) }, nil, "tbsCertificate.extensions.extKeyUsage", "more than 32 usages"},
		{"too large", func(p *parts) { p.subject = seq(attr(oidCN, el(tagUTF8String, make([]byte, MaxCertSize)))) }, nil, "certificate", "limit 16384"},
	} {
		b := tc.der
		if tc.edit != nil {
			p := good
			tc.edit(&p)
			b = p.der()
		}
		_, err := ParseCertificate(b)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: err %v, want a *der.Error", tc.name, err)
			continue
		}
		if e.Field != tc.field || !strings.Contains(e.Reason, tc.reason) || e.Offset < 0 || e.Offset > len(b) {
			t.Errorf("%s: %v; want field %s, reason with %q", tc.name, err, tc.field, tc.reason)
		}
	}
}

// Every proper prefix of a good certificate is refused.
func TestParseCertificateTruncated(t *testing.T) {
	b := goodParts(t).der()
	for n := range len(b) {
		if _, err := ParseCertificate(b[:n]); err == nil {
			t.Fatalf("%d of %d bytes accepted", n, len(b))
		}
	}
}

func TestParsePublicKeyRejects(t *testing.T) {
	ec := ecSPKI(t)
	ecAlg := seq(o(1, 2, 840, 10045, 2, 1), o(1, 2, 840, 10045, 3, 1, 7))
	point := ec[len(ec)-65:]
	offCurve := bytes.Clone(point)
	offCurve[64] ^= 1
	compressed := append([]byte{2 | point[64]&1}, point[1:33]...)
	rsaAlg := seq(o(1, 2, 840, 113549, 1, 1, 1), el(tagNull))
	n := make([]byte, 257)
	n[1] = 0xc5 // a positive 2048-bit modulus with a leading zero octet
	n[256] = 1
	rsaKey := func(n, e []byte) []byte {
		return seq(rsaAlg, el(tagBitString, []byte{0}, seq(el(tagInteger, n), el(tagInteger, e))))
	}
	for _, tc := range []struct {
		name          string
		der           []byte
		field, reason string
	}{
		{"trailing bytes", append(bytes.Clone(ec), 0), "subjectPublicKeyInfo", "trailing bytes"},
		{"point not on the curve", seq(ecAlg, el(tagBitString, []byte{0}, offCurve)), "subjectPublicKeyInfo.subjectPublicKey", "not on curve"},
		{"compressed point", seq(ecAlg, el(tagBitString, []byte{0}, compressed)), "subjectPublicKeyInfo.subjectPublicKey", "invalid"},
		{"key with unused bits", seq(ecAlg, el(tagBitString, []byte{1}, append(bytes.Clone(point[:64]), point[64]&^1))), "subjectPublicKeyInfo.subjectPublicKey", "unused bits"},
		{"P-224", seq(seq(o(1, 2, 840, 10045, 2, 1), o(1, 3, 132, 0, 33)), el(tagBitString, []byte{0}, point)), "subjectPublicKeyInfo.algorithm.namedCurve", "not P-256, P-384 or P-521"},
		{"brainpoolP256r1", seq(seq(o(1, 2, 840, 10045, 2, 1), o(1, 3, 36, 3, 3, 2, 8, 1, 1, 7)), el(tagBitString, []byte{0}, point)), "subjectPublicKeyInfo.algorithm.namedCurve", "not P-256"},
		{"explicit curve parameters", seq(seq(o(1, 2, 840, 10045, 2, 1), seq(el(tagInteger, []byte{1}))), el(tagBitString, []byte{0}, point)), "subjectPublicKeyInfo.algorithm.namedCurve", "tag 0x30, want 0x6"},
		{"curve OID with trailing bytes", seq(seq(o(1, 2, 840, 10045, 2, 1), o(1, 2, 840, 10045, 3, 1, 7), el(tagNull)), el(tagBitString, []byte{0}, point)), "subjectPublicKeyInfo.algorithm", "trailing bytes"},
		{"Ed25519", seq(seq(o(1, 3, 101, 112)), el(tagBitString, []byte{0}, make([]byte, 32))), "subjectPublicKeyInfo.algorithm", "neither id-ecPublicKey nor rsaEncryption"},
		{"RSA", rsaKey(n, []byte{1, 0, 1}), "", ""},
		{"RSA e even", rsaKey(n, []byte{1, 0, 0}), "subjectPublicKeyInfo.subjectPublicKey.publicExponent", "odd"},
		{"RSA e = 1", rsaKey(n, []byte{1}), "subjectPublicKeyInfo.subjectPublicKey.publicExponent", "odd"},
		{"RSA e = 2^31+1", rsaKey(n, []byte{0, 0x80, 0, 0, 1}), "subjectPublicKeyInfo.subjectPublicKey.publicExponent", "2^31-1"},
		{"RSA e negative", rsaKey(n, []byte{0xfd}), "subjectPublicKeyInfo.subjectPublicKey.publicExponent", "odd"},
		{"RSA n negative", rsaKey(n[1:], []byte{3}), "subjectPublicKeyInfo.subjectPublicKey.modulus", "not positive"},
		{"RSA n zero", rsaKey([]byte{0}, []byte{3}), "subjectPublicKeyInfo.subjectPublicKey.modulus", "not positive"},
		{"RSA n not minimal", rsaKey(append([]byte{0}, n...), []byte{3}), "subjectPublicKeyInfo.subjectPublicKey.modulus", "fewest octets"},
		{"RSA without NULL parameters", seq(seq(o(1, 2, 840, 113549, 1, 1, 1)), el(tagBitString, []byte{0}, seq(el(tagInteger, n), el(tagInteger, []byte{3})))),
			"subjectPublicKeyInfo.algorithm.parameters", "truncated"},
		{"RSA key with trailing bytes", seq(rsaAlg, el(tagBitString, []byte{0}, seq(el(tagInteger, n), el(tagInteger, []byte{3})), el(tagNull))),
			"subjectPublicKeyInfo.subjectPublicKey", "trailing bytes"},
		{"RSA key with a third integer", seq(rsaAlg, el(tagBitString, []byte{0}, seq(el(tagInteger, n), el(tagInteger, []byte{3}), el(tagInteger, []byte{3})))),
			"subjectPublicKeyInfo.subjectPublicKey", "trailing bytes"},
	} {
		pub, err := ParsePublicKey(tc.der)
		if tc.field == "" {
			if _, ok := pub.(*rsa.PublicKey); !ok || err != nil {
				t.Errorf("%s: %T, %v", tc.name, pub, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Field != tc.field || !strings.Contains(e.Reason, tc.reason) {
			t.Errorf("%s: %v; want field %s, reason with %q", tc.name, err, tc.field, tc.reason)
		}
	}
}

func TestParsePublicKeyCurves(t *testing.T) {
	for _, c := range []elliptic.Curve{elliptic.P256(), elliptic.P384(), elliptic.P521()} {
		k, err := ecdsa.GenerateKey(c, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
		pub, err := ParsePublicKey(b)
		if err != nil || !k.PublicKey.Equal(pub) {
			t.Errorf("%s: %v", c.Params().Name, err)
		}
	}
	r, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := x509.MarshalPKIXPublicKey(&r.PublicKey)
	if pub, err := ParsePublicKey(b); err != nil || !r.PublicKey.Equal(pub) {
		t.Errorf("RSA: %v", err)
	}
	if _, err := ParsePublicKey(make([]byte, MaxSPKISize+1)); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("oversized: %v", err)
	}
}

// MarshalPublicKey writes what crypto/x509 writes, and only for P-256.
func TestMarshalPublicKey(t *testing.T) {
	for range 20 {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		got, err := MarshalPublicKey(&k.PublicKey)
		want, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%x, %v; want %x", got, err, want)
		}
	}
	k, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if _, err := MarshalPublicKey(&k.PublicKey); err == nil {
		t.Fatal("P-384 key marshalled")
	}
	if _, err := MarshalPublicKey(&ecdsa.PublicKey{Curve: elliptic.P256(), X: big.NewInt(1), Y: big.NewInt(1)}); err == nil {
		t.Fatal("point off the curve marshalled")
	}
	if _, err := MarshalPublicKey(nil); err == nil {
		t.Fatal("nil marshalled")
	}
}
