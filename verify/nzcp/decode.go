package nzcp

import (
	_ "crypto/sha256" // go-cose hashes through crypto.SHA256 but imports no hash package
	"encoding/base32"
	"fmt"
	"strings"

	"github.com/fxamacker/cbor/v2"
	"github.com/veraison/go-cose"
)

const (
	// Prefix starts the text of every NZ COVID Pass QR code.
	Prefix = "NZCP:/"
	// MaxTextLen bounds the QR text: a version-40 alphanumeric QR holds
	// 4 296 characters. It bounds the base32 and so the COSE bytes
	// (≤ 2 685).
	MaxTextLen = 4296
	maxKIDLen  = 64
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// decMode reads untrusted CBOR: shallow, small, no duplicate keys, no
// indefinite lengths.
var decMode = func() cbor.DecMode {
	m, err := cbor.DecOptions{
		MaxNestedLevels:  16,
		MaxArrayElements: 256,
		MaxMapPairs:      256,
		DupMapKey:        cbor.DupMapKeyEnforcedAPF,
		IndefLength:      cbor.IndefLengthForbidden,
		TagsMd:           cbor.TagsAllowed,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return m
}()

// IsNZCP reports whether text is meant as an NZ COVID Pass.
func IsNZCP(text string) bool { return strings.HasPrefix(text, Prefix) }

// DecodeQR returns the COSE bytes of a pass's QR text.
func DecodeQR(text string) ([]byte, error) {
	if len(text) > MaxTextLen {
		return nil, fmt.Errorf("%w: %d bytes of QR text, at most %d", ErrTooLong, len(text), MaxTextLen)
	}
	if !IsNZCP(text) {
		return nil, ErrPrefix
	}
	version, body, ok := strings.Cut(text[len(Prefix):], "/")
	if !ok {
		return nil, fmt.Errorf("%w: no version (want NZCP:/1/…)", ErrVersion)
	}
	if version != "1" {
		return nil, fmt.Errorf("%w: version %q, this verifier reads 1", ErrVersion, version)
	}
	b, err := b32.DecodeString(body)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBase32, err)
	}
	// base32 has no strict mode: refuse non-zero unused bits, so that one
	// pass has one text.
	if b32.EncodeToString(b) != body {
		return nil, fmt.Errorf("%w: not in canonical form", ErrBase32)
	}
	return b, nil
}

// Sign1 is a decoded COSE_Sign1 whose signature has NOT been checked.
type Sign1 struct {
	KID     string // protected kid, a relative key reference ("key-1")
	Payload []byte // the CWT claims, CBOR
	msg     cose.Sign1Message
}

type rawSign1 struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected map[any]cbor.RawMessage
	Payload     []byte
	Signature   []byte
}

// DecodeCOSE parses a tagged (18) COSE_Sign1 whose protected header holds
// alg ES256 and a text kid, and no crit.
func DecodeCOSE(b []byte) (*Sign1, error) {
	var tagged cbor.RawTag
	if err := decMode.Unmarshal(b, &tagged); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCOSE, err)
	}
	if tagged.Number != 18 {
		return nil, fmt.Errorf("%w: CBOR tag %d, want 18 (COSE_Sign1)", ErrCOSE, tagged.Number)
	}
	var raw rawSign1
	if err := decMode.Unmarshal(tagged.Content, &raw); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCOSE, err)
	}
	if len(raw.Payload) == 0 || len(raw.Signature) == 0 {
		return nil, fmt.Errorf("%w: no payload or no signature", ErrCOSE)
	}
	var ph map[any]cbor.RawMessage
	if err := decMode.Unmarshal(raw.Protected, &ph); err != nil {
		return nil, fmt.Errorf("%w: protected header: %v", ErrCOSE, err)
	}
	var m cose.Sign1Message
	if err := m.UnmarshalCBOR(b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCOSE, err)
	}
	h := m.Headers.Protected
	if _, ok := h[cose.HeaderLabelCritical]; ok {
		return nil, fmt.Errorf("%w: protected header has crit", ErrCOSE)
	}
	alg, err := h.Algorithm()
	if err != nil || alg != cose.AlgorithmES256 {
		return nil, fmt.Errorf("%w: protected alg must be ES256 (-7)", ErrAlg)
	}
	kid, ok := h[cose.HeaderLabelKeyID]
	if !ok {
		return nil, fmt.Errorf("%w: no kid in the protected header", ErrCOSE)
	}
	// The specification says text, but its examples and the passes issued
	// carry a byte string, and go-cose refuses a text kid (TestTextKID).
	kb, isBytes := kid.([]byte)
	if !isBytes {
		return nil, fmt.Errorf("%w: kid is not a byte string", ErrCOSE)
	}
	k := string(kb)
	if k == "" || len(k) > maxKIDLen {
		return nil, fmt.Errorf("%w: kid of %d bytes, want 1 to %d", ErrCOSE, len(k), maxKIDLen)
	}
	return &Sign1{KID: k, Payload: m.Payload, msg: m}, nil
}
