package nzcp

import "errors"

// The failure classes. Every error returned here wraps exactly one of them
// (errors.Is); the text after it says what and where. Signature failures
// stay opaque.
var (
	ErrPrefix  = errors.New("nzcp: not an NZ COVID Pass (no NZCP:/ prefix)")
	ErrVersion = errors.New("nzcp: unsupported NZ COVID Pass version")
	ErrTooLong = errors.New("nzcp: NZ COVID Pass too long")
	ErrBase32  = errors.New("nzcp: bad base32")
	ErrCOSE    = errors.New("nzcp: malformed COSE_Sign1")
	ErrAlg     = errors.New("nzcp: missing or unsupported signature algorithm")
	ErrCWT     = errors.New("nzcp: malformed CWT claims")
	ErrPayload = errors.New("nzcp: malformed NZ COVID Pass credential")

	ErrUnknownIssuer = errors.New("nzcp: issuer not trusted")
	ErrUnknownKey    = errors.New("nzcp: key not in the issuer's DID document")
	ErrSignature     = errors.New("nzcp: invalid signature")

	ErrExpired     = errors.New("nzcp: pass expired")
	ErrNotYetValid = errors.New("nzcp: pass not yet active")

	// Trust documents (not a pass's fault).
	ErrDID = errors.New("nzcp: unusable DID document")
)
