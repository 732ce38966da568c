package verify

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	_ "crypto/sha256" // go-cose hashes through crypto.SHA256 but imports no hash package
	"errors"
	"fmt"

	"github.com/fxamacker/cbor/v2"
	"github.com/veraison/go-cose"
)

// CBOR tags around a COSE_Sign1: some issuers wrap it in the CWT tag.
const (
	tagCWT   = 61
	tagSign1 = 18
)

// The only algorithms of the HCERT spec (section 3.3.2).
const (
	algES256 = cose.AlgorithmES256
	algPS256 = cose.AlgorithmPS256
)

// maxKIDLen bounds the key id. HCERT kids are 8 bytes; the EU gateway
// allows no more than 64.
const maxKIDLen = 64

// Sign1 is a decoded COSE_Sign1 whose signature has NOT been checked. Its
// fields come from the wire; only Verifier turns them into a verdict.
type Sign1 struct {
	// KID is the key id: from the protected header, else from the
	// unprotected one (HCERT 3.3.3: kid is not security critical and the
	// protected one wins).
	KID []byte
	// Alg is the signature algorithm. See DecodeCOSE for where it may come from.
	Alg cose.Algorithm
	// AlgUnprotected is true when alg was only in the unprotected header.
	AlgUnprotected bool
	Payload        []byte // the CWT claims, CBOR
	Signature      []byte

	msg cose.Sign1Message
}

// rawSign1 is the shape check of COSE_Sign1 = [protected: bstr,
// unprotected: map, payload: bstr, signature: bstr], done with the hardened
// decoder before go-cose sees the bytes.
type rawSign1 struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected map[any]cbor.RawMessage
	Payload     []byte
	Signature   []byte
}

// DecodeCOSE parses a COSE_Sign1: tagged (18), untagged, or inside the CWT
// tag 61. It rejects any crit header (no extension is understood here), a
// missing or unsupported alg (ErrUnsupportedAlg) and a missing payload.
//
// alg is taken from the protected header. When it is only in the
// unprotected header it is accepted (decision for the official vector
// common/CO20, which does so and expects to verify; COSE allows it, HCERT
// 3.3.1 lists alg under the protected header): the
// algorithm is bound to the key type by us (ES256 only with a NIST P-256,
// P-384 or P-521 key, PS256 only with RSA ≥ 2048), so an attacker who rewrites the unprotected alg can
// only name the one algorithm the trusted key already implies, and the
// signature still covers the protected header and the payload.
func DecodeCOSE(b []byte) (*Sign1, error) {
	data, err := untag(b)
	if err != nil {
		return nil, err
	}
	var raw rawSign1
	if err := decMode.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCOSE, err)
	}
	if raw.Payload == nil {
		return nil, fmt.Errorf("%w: no payload", ErrCOSE)
	}
	if len(raw.Signature) == 0 {
		return nil, fmt.Errorf("%w: no signature", ErrCOSE)
	}
	if len(raw.Protected) > 0 {
		var ph map[any]cbor.RawMessage
		if err := decMode.Unmarshal(raw.Protected, &ph); err != nil {
			return nil, fmt.Errorf("%w: protected header: %v", ErrCOSE, err)
		}
	}
	var m cose.UntaggedSign1Message
	if err := m.UnmarshalCBOR(data); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCOSE, err)
	}
	s := &Sign1{msg: cose.Sign1Message(m), Payload: m.Payload, Signature: m.Signature}
	h := &s.msg.Headers
	if _, ok := h.Protected[cose.HeaderLabelCritical]; ok {
		return nil, fmt.Errorf("%w: protected header has crit", ErrCrit)
	}
	if _, ok := h.Unprotected[cose.HeaderLabelCritical]; ok {
		return nil, fmt.Errorf("%w: unprotected header has crit", ErrCrit)
	}

	kid, ok := h.Protected[cose.HeaderLabelKeyID]
	if !ok {
		kid, ok = h.Unprotected[cose.HeaderLabelKeyID]
	}
	if ok {
		k, isBytes := kid.([]byte)
		if !isBytes || len(k) == 0 || len(k) > maxKIDLen {
			return nil, fmt.Errorf("%w: kid is not a byte string of 1 to %d bytes", ErrCOSE, maxKIDLen)
		}
		s.KID = k
	}

	alg, err := h.Protected.Algorithm()
	switch {
	case err == nil:
	case errors.Is(err, cose.ErrAlgorithmNotFound):
		a, ok := h.Unprotected[cose.HeaderLabelAlgorithm].(int64)
		if !ok {
			return nil, fmt.Errorf("%w: no alg header", ErrUnsupportedAlg)
		}
		alg, s.AlgUnprotected = cose.Algorithm(a), true
	default:
		return nil, fmt.Errorf("%w: %v", ErrUnsupportedAlg, err)
	}
	if alg != algES256 && alg != algPS256 {
		return nil, fmt.Errorf("%w: alg %d (only ES256 and PS256)", ErrUnsupportedAlg, int64(alg))
	}
	s.Alg = alg
	return s, nil
}

// untag removes an optional outer CWT tag and an optional COSE_Sign1 tag,
// in that order; any other tag is an error.
func untag(b []byte) ([]byte, error) {
	seen := 0
	for len(b) > 0 && b[0]>>5 == 6 { // major type 6: tag
		var t cbor.RawTag
		if err := decMode.Unmarshal(b, &t); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCOSE, err)
		}
		switch {
		case t.Number == tagCWT && seen == 0:
			seen = tagCWT
		case t.Number == tagSign1 && seen != tagSign1:
			seen = tagSign1
		default:
			return nil, fmt.Errorf("%w: unexpected CBOR tag %d (want 61 or 18)", ErrCOSE, t.Number)
		}
		b = t.Content
	}
	if len(b) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrCOSE)
	}
	return b, nil
}

// verifyWith checks the signature with one trusted key. The algorithm is
// bound to the key type here, not by go-cose. ES256 is ECDSA with SHA-256
// on the key's own curve: real DSCs carry P-384 keys and sign with alg
// ES256, and the EU reference verifiers accept them, so P-384 and P-521
// are taken beside P-256 (go-cose then reads r and s at the key's size).
// Curves under 256 bits and any curve but the NIST ones are refused. The
// error is ErrKeyMismatch or an opaque ErrSignature.
func (s *Sign1) verifyWith(k *Key) error {
	switch s.Alg {
	case algES256:
		pub, ok := k.Public.(*ecdsa.PublicKey)
		if !ok || !es256Curve(pub.Curve) {
			return fmt.Errorf("%w: ES256 needs a P-256, P-384 or P-521 key", ErrKeyMismatch)
		}
	case algPS256:
		pub, ok := k.Public.(*rsa.PublicKey)
		if !ok || pub.N.BitLen() < 2048 {
			return fmt.Errorf("%w: PS256 needs an RSA key of at least 2048 bits", ErrKeyMismatch)
		}
	default:
		return fmt.Errorf("%w: alg %d", ErrUnsupportedAlg, int64(s.Alg))
	}
	v, err := cose.NewVerifier(s.Alg, k.Public)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrKeyMismatch, err)
	}
	msg := s.msg
	if s.AlgUnprotected {
		// go-cose reads alg only from the protected map. Give it a copy
		// holding the alg; the bytes signed are still RawProtected, as
		// received (go-cose uses them whenever they are set).
		p := make(cose.ProtectedHeader, len(msg.Headers.Protected)+1)
		for k, v := range msg.Headers.Protected {
			p[k] = v
		}
		p.SetAlgorithm(s.Alg)
		msg.Headers.Protected = p
	}
	if err := msg.Verify(nil, v); err != nil {
		return ErrSignature
	}
	return nil
}

// es256Curve reports whether c is one of the NIST curves ES256 is accepted
// on. Identity, not parameters: a look-alike curve is not one of ours.
func es256Curve(c elliptic.Curve) bool {
	return c == elliptic.P256() || c == elliptic.P384() || c == elliptic.P521()
}
