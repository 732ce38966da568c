package verify

import "crypto/sha256"

// RevocationList reports whether a certificate has been revoked, by the EU
// scheme: the first 16 bytes of SHA-256 over the UCI, over country code + UCI,
// or over the signature (ES256: its r half).
type RevocationList interface {
	Revoked(kind HashKind, hash [16]byte) bool
}

// HashKind names one of the three EU revocation hash types.
type HashKind uint8

const (
	HashUCI        HashKind = 1 // SHA-256(UCI)
	HashCountryUCI HashKind = 2 // SHA-256(issuing country + UCI)
	HashSignature  HashKind = 3 // SHA-256(signature), ES256: of its r half
)

func (k HashKind) String() string {
	switch k {
	case HashUCI:
		return "UCI"
	case HashCountryUCI:
		return "COUNTRYCODEUCI"
	case HashSignature:
		return "SIGNATURE"
	}
	return "unknown"
}

// RevocationHashes computes the three EU revocation hashes of a credential,
// each the first 16 bytes of a SHA-256: over its UCI ("ci"), over the
// entry's country ("co") followed by the UCI, and over its COSE signature.
// es256 says the signature is ES256's r‖s: then only r is hashed (ECDSA
// signatures are malleable in s; r is the first half whatever the curve).
// The verifier and the bundle builder both compute them here.
func RevocationHashes(uci, country string, signature []byte, es256 bool) (uciHash, countryUCIHash, sigHash [16]byte) {
	return hash16([]byte(uci)), hash16([]byte(country + uci)), hash16(signatureHashInput(signature, es256))
}

// revocationHashes are the hashes of a decoded credential, by kind; the
// UCI kinds only when it has a UCI.
func revocationHashes(p *Payload, msg *Sign1) map[HashKind][16]byte {
	var uci, co string
	switch d := &p.DCC; {
	case len(d.V) > 0:
		uci, co = d.V[0].CI, d.V[0].CO
	case len(d.T) > 0:
		uci, co = d.T[0].CI, d.T[0].CO
	case len(d.R) > 0:
		uci, co = d.R[0].CI, d.R[0].CO
	}
	u, cu, sig := RevocationHashes(uci, co, msg.Signature, msg.Alg == algES256)
	h := map[HashKind][16]byte{HashSignature: sig}
	if uci != "" {
		h[HashUCI], h[HashCountryUCI] = u, cu
	}
	return h
}

// signatureHashInput is what the EU revocation scheme hashes for the
// signature hash kind: for ES256 the r half only, otherwise the whole
// signature.
func signatureHashInput(sig []byte, es256 bool) []byte {
	if es256 {
		switch n := len(sig); n {
		case 64, 96, 132: // P-256, P-384, P-521
			return sig[:n/2]
		}
	}
	return sig
}

func (s *Sign1) signatureHashInput() []byte {
	return signatureHashInput(s.Signature, s.Alg == algES256)
}

func hash16(b []byte) (h [16]byte) {
	s := sha256.Sum256(b)
	copy(h[:], s[:16])
	return h
}
