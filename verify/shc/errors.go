package shc

import "errors"

// The failure classes. Every error returned here wraps exactly one of them
// (errors.Is); the text after it says what and where. Signature failures
// stay opaque.
var (
	ErrPrefix   = errors.New("not a SMART Health Card (no shc:/ prefix)")
	ErrTooLong  = errors.New("SMART Health Card too long")
	ErrNumeric  = errors.New("bad shc numeric encoding")
	ErrChunk    = errors.New("bad shc QR chunk")
	ErrPartial  = errors.New("chunked SMART Health Card not complete") // more QR codes to scan
	ErrJWS      = errors.New("malformed JWS")
	ErrAlg      = errors.New("missing or unsupported JWS algorithm")
	ErrInflate  = errors.New("bad DEFLATE data")
	ErrTooLarge = errors.New("inflated card too large")
	ErrPayload  = errors.New("malformed SMART Health Card payload")

	ErrUnknownIssuer = errors.New("issuer not trusted")
	ErrUnknownKey    = errors.New("unknown key id")
	ErrSignature     = errors.New("invalid signature")

	ErrExpired     = errors.New("card expired")
	ErrNotYetValid = errors.New("card not yet valid")
	ErrRevoked     = errors.New("card revoked")

	// Trust documents (not a card's fault).
	ErrKey = errors.New("unusable issuer key")
	ErrCRL = errors.New("unusable revocation list")
)
