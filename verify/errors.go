package verify

import "errors"

// The failure classes of verification. Every error in a Result wraps exactly
// one of these (errors.Is); the text after it says what and where. Crypto
// failures stay opaque on purpose: "signature" and nothing about why. Like
// every package's errors, their text starts with the package name.
var (
	// Step prefix.
	ErrNotHealthCert = errors.New("verify: not a health certificate (no HC1: prefix)") // CannotVerify
	ErrTooLong       = errors.New("verify: QR text too long")

	// Step base45.
	ErrBase45 = errors.New("verify: bad base45")

	// Step zlib.
	ErrInflate  = errors.New("verify: bad zlib data")
	ErrTooLarge = errors.New("verify: inflated data too large")

	// Step cose.
	ErrCOSE           = errors.New("verify: malformed COSE_Sign1")
	ErrCrit           = errors.New("verify: critical header not understood")
	ErrUnsupportedAlg = errors.New("verify: missing or unsupported signature algorithm") // CannotVerify

	// Step signature.
	ErrUnknownKey     = errors.New("verify: unknown key id")                         // CannotVerify
	ErrTrustListStale = errors.New("verify: trust list not usable")                  // CannotVerify
	ErrKeyMismatch    = errors.New("verify: signing key does not fit the algorithm") // ES256 needs P-256/384/521, PS256 RSA ≥ 2048
	ErrSignature      = errors.New("verify: invalid signature")

	// Step payload.
	ErrCWT     = errors.New("verify: malformed CWT claims")
	ErrPayload = errors.New("verify: malformed health certificate payload")

	// Step schema.
	ErrSchema = errors.New("verify: payload does not match the DCC schema")

	// Step expiry.
	ErrExpired     = errors.New("verify: certificate expired")
	ErrNotYetValid = errors.New("verify: certificate issued in the future")
	ErrKeyExpired  = errors.New("verify: signing certificate not valid at this time")

	// Step keyUsage.
	ErrKeyUsage       = errors.New("verify: signing certificate may not sign this certificate type")
	ErrIssuerMismatch = errors.New("verify: issuer country does not match the signing certificate")

	// Step revocation.
	ErrRevoked = errors.New("verify: certificate revoked")

	// Other formats (SMART Health Cards, NZ COVID Pass): formats.go.
	ErrEncoding = errors.New("verify: bad QR text encoding")                  // shc numeric, NZCP base32, shc chunks
	ErrJWS      = errors.New("verify: malformed JWS")                         // shc
	ErrPartial  = errors.New("verify: more QR codes of this card to scan")    // CannotVerify: a chunk of a chunked card
	ErrVersion  = errors.New("verify: unsupported credential format version") // CannotVerify

	// Not a step: a validation time ParseClock does not read.
	ErrClockFormat = errors.New("verify: unreadable time")
)

// errorCodes are the stable names of the classes, for `passcheck verify
// --json` ("error":{"code"}) and other machine readers.
var errorCodes = []struct {
	err  error
	code string
}{
	{ErrNotHealthCert, "not-health-cert"},
	{ErrTooLong, "too-long"},
	{ErrBase45, "base45"},
	{ErrInflate, "inflate"},
	{ErrTooLarge, "too-large"},
	{ErrCOSE, "cose"},
	{ErrCrit, "crit"},
	{ErrUnsupportedAlg, "unsupported-alg"},
	{ErrUnknownKey, "unknown-key"},
	{ErrTrustListStale, "trust-list-stale"},
	{ErrKeyMismatch, "key-mismatch"},
	{ErrSignature, "signature"},
	{ErrCWT, "cwt"},
	{ErrPayload, "payload"},
	{ErrSchema, "schema"},
	{ErrExpired, "expired"},
	{ErrNotYetValid, "not-yet-valid"},
	{ErrKeyExpired, "key-expired"},
	{ErrKeyUsage, "key-usage"},
	{ErrIssuerMismatch, "issuer-mismatch"},
	{ErrRevoked, "revoked"},
	{ErrEncoding, "encoding"},
	{ErrJWS, "jws"},
	{ErrPartial, "partial"},
	{ErrVersion, "version"},
}

// ErrorCode returns the stable code of err's failure class, or "" when err
// wraps none of the sentinels above.
func ErrorCode(err error) string {
	for _, c := range errorCodes {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return ""
}

// Codes lists the stable codes of every failure class, in step order: each
// is what ErrorCode returns for errors of its class. Readers that map codes
// to something (the app's reasons) check their map against it.
func Codes() []string {
	out := make([]string, len(errorCodes))
	for i, c := range errorCodes {
		out[i] = c.code
	}
	return out
}

// cannotVerify reports whether err means "could not check" rather than
// "checked and failed".
func cannotVerify(err error) bool {
	return errors.Is(err, ErrNotHealthCert) || errors.Is(err, ErrUnsupportedAlg) ||
		errors.Is(err, ErrUnknownKey) || errors.Is(err, ErrTrustListStale) ||
		errors.Is(err, ErrPartial) || errors.Is(err, ErrVersion)
}
