package shc

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"passcheck/verify/internal/jsondepth"
)

const (
	// MaxJWSLen bounds a JWS: MaxChunks full chunks.
	MaxJWSLen = MaxChunks * MaxChunkJWSLen
	// MaxInflatedLen bounds the inflated payload. The specification's
	// largest example (02, split over three QR codes) inflates to ~7 KiB.
	MaxInflatedLen = 64 << 10
	// MaxJSONDepth bounds the nesting of every JSON document read here. A
	// card's deepest path (vc.credentialSubject.fhirBundle.entry[].resource
	// .vaccineCode.coding[]) is 9 levels.
	MaxJSONDepth = 32
)

// Header is the protected header of a card's JWS.
type Header struct {
	Alg  string          `json:"alg"`
	Zip  string          `json:"zip"`
	KID  string          `json:"kid"`
	Crit json.RawMessage `json:"crit"` // must be absent: no extension is understood here (RFC 7515 4.1.11)
}

// JWS is a decoded compact JWS whose signature has not been checked.
type JWS struct {
	Header  Header
	Payload []byte // inflated
	signed  string // header.payload, the signing input
	sig     []byte
}

var b64 = base64.RawURLEncoding.Strict()

// ParseJWS decodes a compact JWS: its header (alg ES256, zip DEF, a kid),
// its payload (inflated) and its signature (64 bytes, r‖s).
func ParseJWS(s string) (*JWS, error) {
	if len(s) > MaxJWSLen {
		return nil, fmt.Errorf("%w: %d JWS characters, at most %d", ErrTooLong, len(s), MaxJWSLen)
	}
	if strings.HasPrefix(s, "\ufeff") {
		return nil, fmt.Errorf("%w: starts with a byte order mark", ErrJWS)
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: %d dot-separated parts, want 3", ErrJWS, len(parts))
	}
	hb, err := b64.DecodeString(parts[0])
	if err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrJWS, err)
	}
	var h Header
	if err := decodeJSON(hb, &h); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrJWS, err)
	}
	if h.Crit != nil {
		return nil, fmt.Errorf("%w: header has crit, which this verifier does not understand", ErrJWS)
	}
	if h.Alg != "ES256" {
		return nil, fmt.Errorf("%w: alg %q, want ES256", ErrAlg, h.Alg)
	}
	if h.KID == "" {
		return nil, fmt.Errorf("%w: header has no kid", ErrJWS)
	}
	if h.Zip != "DEF" {
		return nil, fmt.Errorf("%w: header zip %q, want DEF", ErrJWS, h.Zip)
	}
	pb, err := b64.DecodeString(parts[1])
	if err != nil {
		return nil, fmt.Errorf("%w: payload: %v", ErrJWS, err)
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil {
		return nil, fmt.Errorf("%w: signature: %v", ErrJWS, err)
	}
	p, err := Inflate(pb)
	if err != nil {
		return nil, err
	}
	return &JWS{Header: h, Payload: p, signed: parts[0] + "." + parts[1], sig: sig}, nil
}

// Inflate decompresses raw DEFLATE (RFC 1951) data, reading at most
// MaxInflatedLen+1 bytes so that a bomb stops early.
func Inflate(b []byte) ([]byte, error) {
	r := flate.NewReader(bytes.NewReader(b))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, MaxInflatedLen+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInflate, err)
	}
	if len(out) > MaxInflatedLen {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxInflatedLen)
	}
	return out, nil
}

// decodeJSON unmarshals one JSON value after checking its nesting depth,
// refusing anything after it.
func decodeJSON(b []byte, v any) error {
	if err := jsondepth.Check(b, MaxJSONDepth); err != nil {
		return err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}
