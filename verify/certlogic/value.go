package certlogic

import (
	"fmt"
	"math"
	"time"
)

// Limits bound what an expression and its evaluation may cost. The zero
// value of a field means the DefaultLimits value.
type Limits struct {
	MaxDepth int // nesting of expressions and of decoded JSON
	MaxNodes int // expression nodes (operations, literals, array items)
	MaxSteps int // expression nodes evaluated by one Evaluate call
	MaxArray int // length of an array given to reduce, or decoded from JSON
	MaxBytes int // length of a JSON text given to Parse or DecodeJSON
}

// DefaultLimits are generous for real rules: the 118 EU country rules in
// testdata nest at most 7 operations deep, have at most 52 nodes, and none
// of their 830 tests takes 50 evaluation steps.
var DefaultLimits = Limits{
	MaxDepth: 64,
	MaxNodes: 10_000,
	MaxSteps: 100_000,
	MaxArray: 10_000,
	MaxBytes: 1 << 20,
}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.MaxDepth > 0 {
		d.MaxDepth = l.MaxDepth
	}
	if l.MaxNodes > 0 {
		d.MaxNodes = l.MaxNodes
	}
	if l.MaxSteps > 0 {
		d.MaxSteps = l.MaxSteps
	}
	if l.MaxArray > 0 {
		d.MaxArray = l.MaxArray
	}
	if l.MaxBytes > 0 {
		d.MaxBytes = l.MaxBytes
	}
	return d
}

// DecodeJSON decodes one JSON value into the data model (see the package
// documentation) within DefaultLimits. Duplicate object keys, trailing data
// and numbers outside float64 are refused with ErrJSON.
func DecodeJSON(b []byte) (any, error) { return Limits{}.DecodeJSON(b) }

// DecodeJSON is DecodeJSON within l.
func (l Limits) DecodeJSON(b []byte) (any, error) {
	l = l.orDefault()
	if len(b) > l.MaxBytes {
		return nil, fmt.Errorf("%w: JSON of %d bytes, limit %d", ErrSize, len(b), l.MaxBytes)
	}
	p := parser{b: b, lim: l}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if p.ws(); p.i != len(b) {
		return nil, p.fail("trailing data")
	}
	return v, nil
}

// isInt reports whether v is an integer in the JavaScript sense.
func isInt(v any) bool {
	f, ok := v.(float64)
	return ok && f == math.Trunc(f) && !math.IsInf(f, 0)
}

// Truthy reports whether v is truthy in CertLogic: true, a non-empty string,
// a non-zero integer, a non-empty array or object.
func Truthy(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case string:
		return t != ""
	case float64:
		return isInt(t) && t != 0
	case []any:
		return len(t) > 0
	case map[string]any:
		return len(t) > 0
	}
	return false
}

// Falsy reports whether v is falsy in CertLogic: false, null, "", 0, [] or
// {}. Some values (non-integer numbers, date-times) are neither.
func Falsy(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case bool:
		return !t
	case string:
		return t == ""
	case float64:
		return t == 0
	case []any:
		return len(t) == 0
	case map[string]any:
		return len(t) == 0
	}
	return false
}

// primitive reports whether v compares by value with ===.
func primitive(v any) bool {
	switch v.(type) {
	case nil, bool, float64, string:
		return true
	}
	return false
}

// typeName names v's type for error messages.
func typeName(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if isInt(t) {
			return "integer"
		}
		return "non-integer number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case time.Time:
		return "date-time"
	}
	return fmt.Sprintf("unsupported %T", v)
}
