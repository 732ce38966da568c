package der

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"math/big"
)

// Algorithm and curve OIDs (DER contents).
var (
	oidECPublicKey = []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01}             // 1.2.840.10045.2.1
	oidRSA         = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01} // 1.2.840.113549.1.1.1
	oidP256        = []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}       // 1.2.840.10045.3.1.7
	oidP384        = []byte{0x2b, 0x81, 0x04, 0x00, 0x22}                         // 1.3.132.0.34
	oidP521        = []byte{0x2b, 0x81, 0x04, 0x00, 0x23}                         // 1.3.132.0.35
)

// MaxSPKISize bounds a bare SubjectPublicKeyInfo (that of an 8192-bit RSA
// key is about 1.1 KB).
const MaxSPKISize = 4 << 10

// ParsePublicKey parses a DER SubjectPublicKeyInfo holding an ECDSA key on
// P-256, P-384 or P-521 (named curve, uncompressed point on the curve) or
// an RSA key. It returns an *ecdsa.PublicKey or an *rsa.PublicKey.
func ParsePublicKey(der []byte) (crypto.PublicKey, error) {
	var p parser
	in := input{b: der}
	if len(der) > MaxSPKISize {
		p.failf(in, "subjectPublicKeyInfo", "%d bytes, limit %d", len(der), MaxSPKISize)
		return nil, p.err
	}
	spki := p.read(&in, "subjectPublicKeyInfo", tagSequence)
	p.end(in, "subjectPublicKeyInfo")
	pub := p.publicKey(spki)
	if p.err != nil {
		return nil, p.err
	}
	return pub, nil
}

// publicKey reads the contents of a SubjectPublicKeyInfo.
func (p *parser) publicKey(spki input) crypto.PublicKey {
	const field = "subjectPublicKeyInfo"
	alg := p.read(&spki, field+".algorithm", tagSequence)
	key, unused := p.bitString(&spki, field+".subjectPublicKey", tagBitString)
	p.end(spki, field)
	if p.err == nil && unused != 0 {
		p.fail(key, field+".subjectPublicKey", "a key with unused bits")
	}
	id := p.oid(&alg, field+".algorithm", nil)
	if p.err != nil {
		return nil
	}
	switch {
	case bytes.Equal(id, oidECPublicKey):
		curve := p.oid(&alg, field+".algorithm.namedCurve", nil)
		p.end(alg, field+".algorithm")
		var c elliptic.Curve
		switch {
		case p.err != nil:
			return nil
		case bytes.Equal(curve, oidP256):
			c = elliptic.P256()
		case bytes.Equal(curve, oidP384):
			c = elliptic.P384()
		case bytes.Equal(curve, oidP521):
			c = elliptic.P521()
		default:
			p.fail(alg, field+".algorithm.namedCurve", "not P-256, P-384 or P-521")
			return nil
		}
		// ParseUncompressedPublicKey refuses compressed points, the point
		// at infinity and points not on the curve.
		pub, err := ecdsa.ParseUncompressedPublicKey(c, key.b)
		if err != nil {
			p.fail(key, field+".subjectPublicKey", err.Error())
			return nil
		}
		return pub
	case bytes.Equal(id, oidRSA):
		// RFC 3279 (2.3.1): the parameters are NULL.
		null := p.read(&alg, field+".algorithm.parameters", tagNull)
		p.end(null, field+".algorithm.parameters")
		p.end(alg, field+".algorithm")
		return p.rsaKey(key)
	default:
		p.fail(alg, field+".algorithm", "neither id-ecPublicKey nor rsaEncryption")
		return nil
	}
}

// rsaKey reads RSAPublicKey (RFC 8017, A.1.1): SEQUENCE { n, e }, n
// positive, e odd, above 1 and below 2^31 as crypto/rsa requires.
func (p *parser) rsaKey(in input) *rsa.PublicKey {
	const field = "subjectPublicKeyInfo.subjectPublicKey"
	seq := p.read(&in, field, tagSequence)
	p.end(in, field)
	at := seq
	n := p.integer(&seq, field+".modulus")
	e := p.integer(&seq, field+".publicExponent")
	p.end(seq, field)
	if p.err != nil {
		return nil
	}
	if n[0]&0x80 != 0 || len(n) == 1 && n[0] == 0 {
		p.fail(at, field+".modulus", "not positive")
		return nil
	}
	exp := 0
	if e[0]&0x80 == 0 && len(e) <= 4 {
		for _, c := range e {
			exp = exp<<8 | int(c)
		}
	}
	if exp < 3 || exp%2 == 0 {
		p.fail(at, field+".publicExponent", "not an odd number from 3 to 2^31-1")
		return nil
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: exp}
}

// p256SPKIPrefix is the DER of a P-256 SubjectPublicKeyInfo up to the
// point: SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING
// (no unused bits) of 65 bytes }.
var p256SPKIPrefix = []byte{0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
	0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00}

// MarshalPublicKey encodes an ECDSA P-256 public key as a DER
// SubjectPublicKeyInfo, byte for byte as crypto/x509 does.
func MarshalPublicKey(pub *ecdsa.PublicKey) ([]byte, error) {
	if pub == nil || pub.Curve != elliptic.P256() {
		return nil, &Error{Field: "subjectPublicKeyInfo", Reason: "not an ECDSA P-256 key"}
	}
	point, err := pub.Bytes()
	if err != nil {
		return nil, &Error{Field: "subjectPublicKeyInfo", Reason: err.Error()}
	}
	return append(p256SPKIPrefix[:len(p256SPKIPrefix):len(p256SPKIPrefix)], point...), nil
}
