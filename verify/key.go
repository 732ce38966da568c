package verify

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"time"
)

// Key is one trusted document signer (DSC).
type Key struct {
	KID     []byte           // 8 bytes: the first 8 bytes of SHA-256 over the DER certificate
	Country string           // ISO 3166-1 alpha-2 of the issuing country; "" when unknown
	Public  crypto.PublicKey // *ecdsa.PublicKey or *rsa.PublicKey
	// Cert is the DER certificate; nil when only the public key is known
	// (the Dutch key file), and then NotBefore/NotAfter/Types come from
	// elsewhere or stay open. It is bytes, not a parsed certificate, so
	// that the browser build keeps no crypto/x509 types (see
	// verify/internal/der).
	Cert      []byte
	Types     CertType  // the certificate types this DSC may sign
	NotBefore time.Time // zero: no lower bound
	NotAfter  time.Time // zero: no upper bound
}

// TrustStore finds the trusted DSCs for a kid. It returns every DSC sharing
// the kid (kids are only 8 bytes and do collide); nil when none is known.
type TrustStore interface {
	Lookup(kid []byte) []*Key
}

// TrustStatus is implemented by trust stores that can go out of date (a trust
// bundle past its expiry, a device clock before the bundle's issue time). A
// non-nil error makes every verdict CannotVerify, carrying that error.
type TrustStatus interface {
	Usable(at time.Time) error
}

// KeyRevocations is implemented by trust stores that list revoked DSCs (a
// trust bundle). A credential signed under a revoked kid is Invalid
// (ErrRevoked), not CannotVerify as an unknown kid would be.
type KeyRevocations interface {
	KIDRevoked(kid []byte) bool
}

// IsCountryCode reports whether s has the form of an ISO 3166-1 alpha-2
// code: two upper-case ASCII letters. It is the one check of a country
// code for the verifier, the trust bundle and its builder.
func IsCountryCode(s string) bool {
	return len(s) == 2 && 'A' <= s[0] && s[0] <= 'Z' && 'A' <= s[1] && s[1] <= 'Z'
}

// KIDFromDER is the HCERT key identifier: the first 8 bytes of SHA-256 over
// the DER-encoded certificate.
func KIDFromDER(der []byte) []byte {
	h := sha256.Sum256(der)
	return h[:8:8]
}

// KeySet is a TrustStore held in memory, such as the DSCs given with
// `passcheck verify --cert`.
type KeySet struct {
	byKID map[string][]*Key
}

// NewKeySet returns a TrustStore holding keys.
func NewKeySet(keys ...*Key) *KeySet {
	s := &KeySet{byKID: make(map[string][]*Key, len(keys))}
	for _, k := range keys {
		s.Add(k)
	}
	return s
}

// Add adds k unless a key with the same kid and public key is already there.
func (s *KeySet) Add(k *Key) {
	id := string(k.KID)
	for _, have := range s.byKID[id] {
		if have.Cert != nil && k.Cert != nil && bytes.Equal(have.Cert, k.Cert) {
			return
		}
	}
	s.byKID[id] = append(s.byKID[id], k)
}

// Lookup implements TrustStore.
func (s *KeySet) Lookup(kid []byte) []*Key { return s.byKID[string(kid)] }

// Len returns the number of keys.
func (s *KeySet) Len() int {
	n := 0
	for _, ks := range s.byKID {
		n += len(ks)
	}
	return n
}
