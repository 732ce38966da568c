package verify

import (
	"crypto"
	"crypto/x509"
	"time"
)

// CertType is the kind of health certificate: vaccination, test or recovery.
type CertType uint8

const (
	Vaccination CertType = 1 << iota
	Test
	Recovery

	// AllTypes is what a DSC may sign when its certificate carries no DCC
	// extended key usage OID (the HCERT spec, section 5.1).
	AllTypes = Vaccination | Test | Recovery
)

// Key is one trusted document signer (DSC).
type Key struct {
	KID     []byte           // 8 bytes: the first 8 bytes of SHA-256 over the DER certificate
	Country string           // ISO 3166-1 alpha-2 of the issuing country; "" when unknown
	Public  crypto.PublicKey // *ecdsa.PublicKey or *rsa.PublicKey
	// Cert is nil when only the public key is known (the Dutch key file);
	// then NotBefore/NotAfter/Types come from elsewhere or stay open.
	Cert      *x509.Certificate
	Types     CertType  // the certificate types this DSC may sign
	NotBefore time.Time // zero: no lower bound
	NotAfter  time.Time // zero: no upper bound
}

// TrustStore finds the trusted DSCs for a kid. It returns every DSC sharing
// the kid (kids are only 8 bytes and do collide); nil when none is known.
type TrustStore interface {
	Lookup(kid []byte) []*Key
}

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

// KeyRevocations is implemented by trust stores that list revoked DSCs (a
// trust bundle). A credential signed under a revoked kid is Invalid
// (ErrRevoked), not CannotVerify as an unknown kid would be.
type KeyRevocations interface {
	KIDRevoked(kid []byte) bool
}
