package verify

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// CWT claim keys (RFC 8392) and the HCERT claim (HCERT 3.3.7).
const (
	claimHCert = -260
	hcertDCC   = 1
	tagEpoch   = 1 // RFC 8949 epoch-based date/time, which some issuers wrap iat/exp in
)

// maxNumericDate is 9999-12-31T23:59:59Z: anything later is not a date.
const maxNumericDate = 253402300799

// claims is the CWT payload, as far as HCERT uses it. Other claims are
// ignored; duplicate keys are still rejected by decMode.
type claims struct {
	Iss   cbor.RawMessage `cbor:"1,keyasint,omitempty"`
	Exp   cbor.RawMessage `cbor:"4,keyasint,omitempty"`
	Iat   cbor.RawMessage `cbor:"6,keyasint,omitempty"`
	HCert cbor.RawMessage `cbor:"-260,keyasint,omitempty"`
}

// Payload is the decoded, still unverified, CWT payload of a DCC.
type Payload struct {
	Issuer    string    // iss, "" when absent
	IssuedAt  time.Time // iat, zero when absent
	ExpiresAt time.Time // exp, zero when absent
	DCC       DCC
	JSON      []byte // the DCC as JSON, with its own field names, for the schema and for display
	doc       any    // JSON-shaped value of the DCC, for the schema
}

// DecodePayload decodes the CWT claims of a COSE_Sign1 payload: iss, iat,
// exp (integers or finite floats, optionally tagged 1) and hcert → 1 → the
// DCC. It does not check that exactly one of v/t/r is present (that is the
// schema step) nor any date.
func DecodePayload(b []byte) (*Payload, error) {
	var c claims
	if err := decMode.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCWT, err)
	}
	p := &Payload{}
	if c.Iss != nil {
		if err := decMode.Unmarshal(c.Iss, &p.Issuer); err != nil {
			return nil, fmt.Errorf("%w: iss (1) is not a text string", ErrCWT)
		}
	}
	var err error
	if p.IssuedAt, err = numericDate(c.Iat); err != nil {
		return nil, fmt.Errorf("%w: iat (6): %v", ErrCWT, err)
	}
	if p.ExpiresAt, err = numericDate(c.Exp); err != nil {
		return nil, fmt.Errorf("%w: exp (4): %v", ErrCWT, err)
	}
	if c.HCert == nil {
		return nil, fmt.Errorf("%w: no hcert claim (-260)", ErrPayload)
	}
	var hc map[int64]cbor.RawMessage
	if err := decMode.Unmarshal(c.HCert, &hc); err != nil {
		return nil, fmt.Errorf("%w: hcert (-260): %v", ErrPayload, err)
	}
	raw, ok := hc[hcertDCC]
	if !ok {
		return nil, fmt.Errorf("%w: no DCC in hcert (-260 → 1)", ErrPayload)
	}
	doc, err := jsonValue(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: DCC (-260 → 1): %v", ErrPayload, err)
	}
	if _, ok := doc.(map[string]any); !ok {
		return nil, fmt.Errorf("%w: DCC (-260 → 1) is not a map", ErrPayload)
	}
	if p.JSON, err = json.Marshal(doc); err != nil {
		return nil, fmt.Errorf("%w: DCC (-260 → 1): %v", ErrPayload, err)
	}
	if err := json.Unmarshal(p.JSON, &p.DCC); err != nil {
		return nil, fmt.Errorf("%w: DCC (-260 → 1): %v", ErrPayload, err)
	}
	p.doc = doc
	return p, nil
}

// numericDate decodes a CWT NumericDate: an integer or a finite float,
// optionally inside tag 1. Absent (nil) gives the zero time.
func numericDate(raw cbor.RawMessage) (time.Time, error) {
	if raw == nil {
		return time.Time{}, nil
	}
	if raw[0]>>5 == 6 {
		var t cbor.RawTag
		if err := decMode.Unmarshal(raw, &t); err != nil {
			return time.Time{}, err
		}
		if t.Number != tagEpoch {
			return time.Time{}, fmt.Errorf("tag %d, want none or 1", t.Number)
		}
		raw = t.Content
		if len(raw) > 0 && raw[0]>>5 == 6 {
			return time.Time{}, fmt.Errorf("nested tags")
		}
	}
	var v any
	if err := decMode.Unmarshal(raw, &v); err != nil {
		return time.Time{}, err
	}
	var f float64
	switch n := v.(type) {
	case int64:
		if n < 0 || n > maxNumericDate {
			return time.Time{}, fmt.Errorf("%d is out of range", n)
		}
		return time.Unix(n, 0).UTC(), nil
	case float64:
		f = n
	default:
		return time.Time{}, fmt.Errorf("%T, want a number", v)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > maxNumericDate {
		return time.Time{}, fmt.Errorf("%v is not a date", f)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// jsonValue turns CBOR into the JSON data model: maps with text keys,
// arrays, text, numbers, booleans and null. Tags are dropped (issuers tag
// date strings) and their content kept as is; byte strings, non-text keys,
// undefined and non-finite floats have no JSON form and are errors. Depth
// and sizes are already bounded by decMode.
func jsonValue(raw cbor.RawMessage) (any, error) {
	if len(raw) == 0 {
		return nil, fmt.Errorf("empty")
	}
	switch raw[0] >> 5 {
	case 4: // array
		var a []cbor.RawMessage
		if err := decMode.Unmarshal(raw, &a); err != nil {
			return nil, err
		}
		out := make([]any, len(a))
		for i, e := range a {
			v, err := jsonValue(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = v
		}
		return out, nil
	case 5: // map
		var m map[string]cbor.RawMessage
		if err := decMode.Unmarshal(raw, &m); err != nil {
			return nil, err
		}
		out := make(map[string]any, len(m))
		for k, e := range m {
			v, err := jsonValue(e)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			out[k] = v
		}
		return out, nil
	case 6: // tag
		var t cbor.RawTag
		if err := decMode.Unmarshal(raw, &t); err != nil {
			return nil, err
		}
		return jsonValue(t.Content)
	case 2:
		return nil, fmt.Errorf("byte string has no JSON form")
	}
	var v any
	if err := decMode.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	switch n := v.(type) {
	case string, bool, nil, int64:
		return v, nil
	case float64:
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return nil, fmt.Errorf("%v has no JSON form", n)
		}
		return v, nil
	}
	return nil, fmt.Errorf("%T has no JSON form", v)
}
