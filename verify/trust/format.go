// Package trust reads Passcheck trust bundles: the signed list of document
// signers (DSCs), revocations, rules and value sets that a verifier uses
// offline.
//
// A bundle is a tagged COSE_Sign1 (ES256) whose protected header carries the
// bundle key's kid (the first 8 bytes of SHA-256 over its DER
// SubjectPublicKeyInfo) and the content type [ContentType], over a Payload
// encoded as deterministic CBOR:
//
//	payload = {1: version (1), 2: seq, 3: issuedAt, 4: expiresAt (Unix seconds),
//	           5: [* dsc], ? 6: [* revoked kid], ? 7: {? 1: UCI hashes,
//	           ? 2: country+UCI hashes, ? 3: signature hashes}, ? 8: policies JSON,
//	           ? 9: value sets JSON, ? 10: [* shcIssuer], ? 11: [* nzcpIssuer]}
//	dsc     = [kid (8 bytes), country, cert DER (or empty), SPKI DER (or empty), types]
//	shcIssuer  = [url, name, test, JWKS JSON, [* CRL JSON]]     (SMART Health Cards)
//	nzcpIssuer = [did, name, test, DID document JSON]           (NZ COVID Pass)
//
// Decoding is strict: no duplicate keys, no unknown keys, no indefinite
// lengths, no tags, bounded depth and array sizes, invalid UTF-8 refused.
// The bundle key's public key is pinned into the app at build time; Open
// accepts only bundles signed by a pinned key, never older than the last one
// accepted.
//
// This package only verifies; building and signing live on the server side
// (passcheck/server/bundle). It is pure Go and runs in WebAssembly.
package trust

import (
	"errors"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// Version is the payload format version this package reads and writes.
const Version = 1

// ContentType is the COSE content type (protected header 3) of a bundle. It
// keeps a bundle key's signature over anything else from reading as a bundle.
const ContentType = "application/vnd.passcheck.trust-bundle+cbor"

// Bounds on untrusted input.
const (
	// MaxSize bounds a whole bundle. 2 000 DSCs take about 2.5 MB.
	MaxSize = 8 << 20
	// MaxDSCs bounds the DSC and revoked-kid arrays.
	MaxDSCs = 50_000
	// MaxClockLag is how far a device clock may lag a bundle's issue time
	// before Open and Usable report ErrClockBehind. (A credential's iat has
	// its own bound, verify.MaxIssuedAhead.)
	MaxClockLag = 10 * time.Minute
)

// Sentinel errors; every error of this package wraps exactly one.
var (
	// ErrTooLarge: the bundle exceeds MaxSize.
	ErrTooLarge = errors.New("trust: bundle too large")
	// ErrMalformed: the bundle is not a well-formed bundle of this version.
	ErrMalformed = errors.New("trust: malformed bundle")
	// ErrUnknownBundleKey: the bundle names no pinned key.
	ErrUnknownBundleKey = errors.New("trust: bundle signed by an unknown key")
	// ErrSignature: the bundle's signature does not verify.
	ErrSignature = errors.New("trust: bundle signature invalid")
	// ErrRollback: the bundle is older (lower seq) than one already accepted.
	ErrRollback = errors.New("trust: bundle older than the one in use")
	// ErrStale: the bundle is past its expiry; verdicts must be CannotVerify.
	ErrStale = errors.New("trust: bundle expired")
	// ErrClockBehind: the clock is earlier than the bundle's issue time, so
	// it cannot be trusted to judge expiry; verdicts must be CannotVerify.
	ErrClockBehind = errors.New("trust: device clock is behind the bundle's issue time")
	// ErrPinnedKey: a pinned-key string does not parse.
	ErrPinnedKey = errors.New("trust: bad pinned key")
)

// Payload is the signed content of a bundle, as it travels. It is plain,
// unverified data: only Open turns bytes into a usable Bundle.
type Payload struct {
	Version     uint64      `cbor:"1,keyasint"`
	Seq         uint64      `cbor:"2,keyasint"` // strictly increasing per bundle key
	IssuedAt    int64       `cbor:"3,keyasint"` // Unix seconds
	ExpiresAt   int64       `cbor:"4,keyasint"` // Unix seconds; the maximum offline age
	DSCs        []DSC       `cbor:"5,keyasint"`
	RevokedKIDs [][]byte    `cbor:"6,keyasint,omitempty"` // revoked DSCs, 8 bytes each
	Revoked     Revocations `cbor:"7,keyasint,omitempty"`
	// Rules and ValueSets are raw JSON owned by the rules engine (policies
	// with their rules; the DCC value sets). This package only checks that
	// they are valid JSON.
	Rules     []byte `cbor:"8,keyasint,omitempty"`
	ValueSets []byte `cbor:"9,keyasint,omitempty"`
	// The issuers of the other formats (formats.go).
	SHC  []SHCIssuer  `cbor:"10,keyasint,omitempty"`
	NZCP []NZCPIssuer `cbor:"11,keyasint,omitempty"`
}

// DSC is one document signer. Exactly one of Cert and SPKI is set: SPKI
// when the source only publishes the public key (the Dutch key file).
type DSC struct {
	_       struct{} `cbor:",toarray"` // an array, not a map: 2 000 of them decode faster
	KID     []byte   // 8 bytes
	Country string   // ISO 3166-1 alpha-2, upper case; "" when unknown
	Cert    []byte   // DER X.509; empty when SPKI is set
	SPKI    []byte   // DER SubjectPublicKeyInfo; empty when Cert is set
	Types   uint8    // verify.CertType bits, 1..7
}

// Revocations holds the EU revocation hashes (the first 16 bytes of a
// SHA-256), concatenated per kind; see verify.HashKind. Concatenation keeps
// a list of a million hashes one CBOR item instead of a million.
type Revocations struct {
	UCI        []byte `cbor:"1,keyasint,omitempty"`
	CountryUCI []byte `cbor:"2,keyasint,omitempty"`
	Signature  []byte `cbor:"3,keyasint,omitempty"`
}

// encMode is RFC 8949 core deterministic encoding: the same payload always
// gives the same signed bytes.
var encMode = func() cbor.EncMode {
	m, err := cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		panic(err)
	}
	return m
}()

// decMode is the one CBOR decoder for bundles: stricter than verify's (no
// tags, no unknown fields), since this package writes the format too.
var decMode = func() cbor.DecMode {
	m, err := cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		IndefLength:       cbor.IndefLengthForbidden,
		TagsMd:            cbor.TagsForbidden,
		MaxNestedLevels:   5, // payload map → SMART issuers → issuer → CRLs → CRL
		MaxArrayElements:  MaxDSCs,
		MaxMapPairs:       16,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
		UTF8:              cbor.UTF8RejectInvalid,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return m
}()

// Marshal encodes p as deterministic CBOR (RFC 8949 core deterministic
// encoding), the bytes a bundle key signs.
func Marshal(p *Payload) ([]byte, error) {
	return encMode.Marshal(p)
}
