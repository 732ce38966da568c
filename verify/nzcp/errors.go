package nzcp

import "errors"

// The failure classes. Every error returned here wraps exactly one of them
// (errors.Is); the text after it says what and where. Signature failures
// stay opaque.
var (
	ErrPrefix  = errors.New("not an NZ COVID Pass (no NZCP:/ prefix)")
	ErrVersion = errors.New("unsupported NZ COVID Pass version")
	ErrTooLong = errors.New("NZ COVID Pass too long")
	ErrBase32  = errors.New("bad base32")
	ErrCOSE    = errors.New("malformed COSE_Sign1")
	ErrAlg     = errors.New("missing or unsupported signature algorithm")
	ErrCWT     = errors.New("malformed CWT claims")
	ErrPayload = errors.New("malformed NZ COVID Pass credential")

	ErrUnknownIssuer = errors.New("issuer not trusted")
	ErrUnknownKey    = errors.New("key not in the issuer's DID document")
	ErrSignature     = errors.New("invalid signature")

	ErrExpired     = errors.New("pass expired")
	ErrNotYetValid = errors.New("pass not yet active")

	// Trust documents (not a pass's fault).
	ErrDID = errors.New("unusable DID document")
)
