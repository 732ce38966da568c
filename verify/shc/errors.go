package shc

import "errors"

// The failure classes. Every error returned here wraps exactly one of them
// (errors.Is); the text after it says what and where. Signature failures
// stay opaque.
var (
	ErrPrefix   = errors.New("shc: not a SMART Health Card (no shc:/ prefix)")
	ErrTooLong  = errors.New("shc: SMART Health Card too long")
	ErrNumeric  = errors.New("shc: bad numeric encoding")
	ErrChunk    = errors.New("shc: bad QR chunk")
	ErrPartial  = errors.New("shc: chunked SMART Health Card not complete") // more QR codes to scan
	ErrJWS      = errors.New("shc: malformed JWS")
	ErrAlg      = errors.New("shc: missing or unsupported JWS algorithm")
	ErrInflate  = errors.New("shc: bad DEFLATE data")
	ErrTooLarge = errors.New("shc: inflated card too large")
	ErrPayload  = errors.New("shc: malformed SMART Health Card payload")

	ErrUnknownIssuer = errors.New("shc: issuer not trusted")
	ErrUnknownKey    = errors.New("shc: unknown key id")
	ErrSignature     = errors.New("shc: invalid signature")

	ErrExpired     = errors.New("shc: card expired")
	ErrNotYetValid = errors.New("shc: card not yet valid")
	ErrRevoked     = errors.New("shc: card revoked")

	// Trust documents (not a card's fault).
	ErrKey = errors.New("shc: unusable issuer key")
	ErrCRL = errors.New("shc: unusable revocation list")
)
