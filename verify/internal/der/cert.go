package der

import (
	"bytes"
	"crypto"
	"encoding/asn1"
	"time"
	"unicode/utf8"
)

// Bounds on untrusted certificates. Real DSCs are 0.5–2 KB with a handful
// of extensions and name attributes.
const (
	MaxCertSize       = 16 << 10
	MaxNameAttributes = 64 // per name (issuer, subject)
	MaxExtensions     = 64
	MaxEKU            = 32
)

// Certificate is what a DCC verifier reads from a DSC certificate.
type Certificate struct {
	Raw       []byte           // the whole certificate (the input)
	Public    crypto.PublicKey // *ecdsa.PublicKey or *rsa.PublicKey
	NotBefore time.Time
	NotAfter  time.Time
	// Country is the value of the subject's first C attribute; "" when
	// there is none.
	Country string
	// EKU lists the extended key usage OIDs, in order; nil when the
	// certificate has no extended key usage extension.
	EKU []asn1.ObjectIdentifier
	// NegativeSerial reports a negative serial number, which RFC 5280
	// forbids and crypto/x509 refuses, but real DSCs carry.
	NegativeSerial bool
}

var (
	oidExtKeyUsage = []byte{0x55, 0x1d, 0x25} // 2.5.29.37
	oidCountry     = []byte{0x55, 0x04, 0x06} // 2.5.4.6
)

// ParseCertificate parses a DER X.509 certificate (RFC 5280, v1 to v3).
// The signature is not checked: a DSC is trusted because a signed list
// names it, not through a chain.
func ParseCertificate(der []byte) (*Certificate, error) {
	var p parser
	in := input{b: der}
	if len(der) > MaxCertSize {
		p.failf(in, "certificate", "%d bytes, limit %d", len(der), MaxCertSize)
		return nil, p.err
	}
	cert := p.read(&in, "certificate", tagSequence)
	p.end(in, "certificate")
	tbs := p.read(&cert, "tbsCertificate", tagSequence)
	outerAlg := p.read(&cert, "signatureAlgorithm", tagSequence)
	p.bitString(&cert, "signatureValue", tagBitString)
	p.end(cert, "certificate")

	c := &Certificate{Raw: der}
	c.parseTBS(&p, tbs, outerAlg)
	if p.err != nil {
		return nil, p.err
	}
	return c, nil
}

func (c *Certificate) parseTBS(p *parser, tbs, outerAlg input) {
	// version: [0] EXPLICIT INTEGER DEFAULT v1. DER omits the default, so
	// a present version is v2 (1) or v3 (2).
	version := 0
	if v, ok := p.optional(&tbs, "tbsCertificate.version", tagVersion); ok {
		at := v
		n := p.integer(&v, "tbsCertificate.version")
		p.end(v, "tbsCertificate.version")
		if p.err == nil {
			if len(n) != 1 || n[0] < 1 || n[0] > 2 {
				p.fail(at, "tbsCertificate.version", "want 1 (v2) or 2 (v3)")
			}
			version = int(n[0])
		}
	}

	serial := p.integer(&tbs, "tbsCertificate.serialNumber")
	c.NegativeSerial = len(serial) > 0 && serial[0]&0x80 != 0

	alg := p.read(&tbs, "tbsCertificate.signature", tagSequence)
	if p.err == nil && !bytes.Equal(alg.b, outerAlg.b) {
		p.fail(alg, "tbsCertificate.signature", "differs from the certificate's signatureAlgorithm")
	}
	p.algorithm(alg, "tbsCertificate.signature")

	issuer := p.read(&tbs, "tbsCertificate.issuer", tagSequence)
	p.name(issuer, "tbsCertificate.issuer")

	validity := p.read(&tbs, "tbsCertificate.validity", tagSequence)
	c.NotBefore = p.time(&validity, "tbsCertificate.validity.notBefore")
	c.NotAfter = p.time(&validity, "tbsCertificate.validity.notAfter")
	p.end(validity, "tbsCertificate.validity")

	subject := p.read(&tbs, "tbsCertificate.subject", tagSequence)
	c.Country = p.name(subject, "tbsCertificate.subject")

	spki := p.read(&tbs, "tbsCertificate.subjectPublicKeyInfo", tagSequence)
	c.Public = p.publicKey(spki)

	if version >= 1 {
		p.optionalBitString(&tbs, "tbsCertificate.issuerUniqueID", tagIssuerUID)
		p.optionalBitString(&tbs, "tbsCertificate.subjectUniqueID", tagSubjectUID)
	}
	if version == 2 {
		if ext, ok := p.optional(&tbs, "tbsCertificate.extensions", tagExtensions); ok {
			c.extensions(p, ext)
		}
	}
	p.end(tbs, "tbsCertificate")
}

func (p *parser) optionalBitString(in *input, field string, tag byte) {
	if p.peek(in) == int(tag) {
		p.bitString(in, field, tag)
	}
}

// algorithm checks an AlgorithmIdentifier's contents: an OID and at most
// one parameters element.
func (p *parser) algorithm(alg input, field string) {
	p.oid(&alg, field, nil)
	if p.more(&alg) {
		p.element(&alg, field)
	}
	p.end(alg, field)
}

// name checks a Name (a SEQUENCE OF SET OF AttributeTypeAndValue whose
// values are the string types crypto/x509 reads) and returns the value of
// its first C attribute.
func (p *parser) name(n input, field string) (country string) {
	attrs, found := 0, false
	for p.more(&n) {
		set := p.read(&n, field, tagSet)
		for p.more(&set) {
			if attrs++; attrs > MaxNameAttributes {
				p.failf(set, field, "more than %d attributes", MaxNameAttributes)
				return ""
			}
			atv := p.read(&set, field, tagSequence)
			typ := p.oid(&atv, field, nil)
			at := atv
			tag, v := p.element(&atv, field)
			p.end(atv, field)
			if p.err != nil {
				return ""
			}
			if reason := checkString(tag, v.b); reason != "" {
				p.fail(at, field, reason)
				return ""
			}
			if bytes.Equal(typ, oidCountry) && !found {
				if tag != tagPrintableString && tag != tagUTF8String {
					p.fail(at, field, "C is neither PrintableString nor UTF8String")
					return ""
				}
				country, found = string(v.b), true
			}
		}
	}
	return country
}

// checkString checks a directory string's contents against its type, as
// crypto/x509 does; types it does not read are refused. It returns why a
// string is wrong, or "".
func checkString(tag byte, b []byte) string {
	switch tag {
	case tagT61String:
		// Read as Latin-1, as crypto/x509 does: any octet is valid.
	case tagPrintableString:
		for _, c := range b {
			if !isPrintable(c) {
				return "invalid PrintableString"
			}
		}
	case tagUTF8String:
		if !utf8.Valid(b) {
			return "invalid UTF8String"
		}
	case tagBMPString:
		if len(b)%2 != 0 {
			return "invalid BMPString"
		}
		if l := len(b); l >= 2 && b[l-1] == 0 && b[l-2] == 0 {
			b = b[:l-2] // a terminator, tolerated as by crypto/x509
		}
		for i := 0; i < len(b); i += 2 {
			c := uint16(b[i])<<8 | uint16(b[i+1])
			if c == 0xfffe || c == 0xffff || 0xfdd0 <= c && c <= 0xfdef || 0xd800 <= c && c <= 0xdfff {
				return "invalid BMPString"
			}
		}
	case tagIA5String:
		for _, c := range b {
			if c >= utf8.RuneSelf {
				return "invalid IA5String"
			}
		}
	case tagNumericString:
		for _, c := range b {
			if !('0' <= c && c <= '9' || c == ' ') {
				return "invalid NumericString"
			}
		}
	default:
		return "unsupported string type"
	}
	return ""
}

// isPrintable is the PrintableString set, with '*' and '&' which real
// certificates use and crypto/x509 accepts.
func isPrintable(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
		'\'' <= b && b <= ')' || '+' <= b && b <= '/' ||
		b == ' ' || b == ':' || b == '=' || b == '?' || b == '*' || b == '&'
}

// time reads a Time as RFC 5280 (4.1.2.5) profiles it: UTCTime
// YYMMDDHHMMSSZ (YY 50–99 is 19YY) or GeneralizedTime YYYYMMDDHHMMSSZ,
// in UTC, seconds present, no fraction.
func (p *parser) time(in *input, field string) time.Time {
	at := *in
	tag, v := p.element(in, field)
	if p.err != nil {
		return time.Time{}
	}
	s, year := v.b, -1
	switch {
	case tag == tagUTCTime && len(s) == 13:
		if yy := num(s[0:2]); yy >= 50 {
			year = 1900 + yy
		} else if yy >= 0 {
			year = 2000 + yy
		}
		s = s[2:]
	case tag == tagGeneralizedTime && len(s) == 15:
		if cc, yy := num(s[0:2]), num(s[2:4]); cc >= 0 && yy >= 0 {
			year = cc*100 + yy
		}
		s = s[4:]
	case tag == tagUTCTime || tag == tagGeneralizedTime:
		p.fail(at, field, "not YYMMDDHHMMSSZ (UTCTime) or YYYYMMDDHHMMSSZ (GeneralizedTime)")
		return time.Time{}
	default:
		p.failf(at, field, "tag %#x, want UTCTime or GeneralizedTime", tag)
		return time.Time{}
	}
	month, day, hour, min, sec := num(s[0:2]), num(s[2:4]), num(s[4:6]), num(s[6:8]), num(s[8:10])
	// num returns -1 for non-digits, which every range below excludes;
	// no leap second (crypto/x509 has none either).
	if s[10] != 'Z' || year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 59 {
		p.failf(at, field, "no such time %q", v.b)
		return time.Time{}
	}
	return time.Date(year, time.Month(month), day, hour, min, sec, 0, time.UTC)
}

// daysIn is the number of days of a month in the proleptic Gregorian
// calendar.
func daysIn(month, year int) int {
	if month == 2 {
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 30 + (month+month/8)%2
}

// num reads two decimal digits; -1 if they are not.
func num(b []byte) int {
	if b[0] < '0' || b[0] > '9' || b[1] < '0' || b[1] > '9' {
		return -1
	}
	return int(b[0]-'0')*10 + int(b[1]-'0')
}

// extensions reads the [3] extensions: a non-empty SEQUENCE OF Extension,
// each OID at most once, critical present only when TRUE (DER omits the
// default), the value an OCTET STRING. Only the extended key usage is
// read; other extensions, critical or not, are checked for form only.
func (c *Certificate) extensions(p *parser, ext input) {
	const field = "tbsCertificate.extensions"
	list := p.read(&ext, field, tagSequence)
	p.end(ext, field)
	if p.err == nil && len(list.b) == 0 {
		p.fail(list, field, "empty")
	}
	var seen [][]byte
	for p.more(&list) {
		if len(seen) == MaxExtensions {
			p.failf(list, field, "more than %d extensions", MaxExtensions)
			return
		}
		e := p.read(&list, field, tagSequence)
		at := e
		id := p.oid(&e, field, nil)
		for _, s := range seen {
			if bytes.Equal(s, id) {
				p.fail(at, field, "duplicate extension")
				return
			}
		}
		seen = append(seen, id)
		if crit, ok := p.optional(&e, field, tagBoolean); ok && (len(crit.b) != 1 || crit.b[0] != 0xff) {
			p.fail(crit, field, "critical is not TRUE (FALSE is the default, and DER omits it)")
		}
		val := p.read(&e, field, tagOctetString)
		p.end(e, field)
		if p.err == nil && bytes.Equal(id, oidExtKeyUsage) {
			c.EKU = p.extKeyUsage(val)
		}
	}
}

// extKeyUsage reads ExtKeyUsageSyntax: SEQUENCE SIZE (1..MAX) OF OID. An
// empty one is read as no usage at all, not refused: the EU's test
// vectors (common/CO15, "no OID present") expect such a DSC to sign any
// type, and crypto/x509 reads it.
func (p *parser) extKeyUsage(val input) []asn1.ObjectIdentifier {
	const field = "tbsCertificate.extensions.extKeyUsage"
	seq := p.read(&val, field, tagSequence)
	p.end(val, field)
	eku := []asn1.ObjectIdentifier{}
	for p.more(&seq) {
		if len(eku) == MaxEKU {
			p.failf(seq, field, "more than %d usages", MaxEKU)
			return nil
		}
		var arcs []int
		p.oid(&seq, field, &arcs)
		eku = append(eku, arcs)
	}
	return eku
}
