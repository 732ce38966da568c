package schema

import (
	"cmp"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// decimal is a JSON number, exactly: digits × 10^exp, with digits free of
// leading and trailing zeros ("" for zero). It keeps integer and minimum
// exact for any JSON number, where float64 would round.
type decimal struct {
	neg    bool
	digits string
	exp    int64
}

type numStatus uint8

const (
	numOK numStatus = iota
	numSyntax
	numOutOfRange
)

// maxScale bounds the power of ten a number may need: exponent minus
// fraction digits, for a nonzero number, as written. The library this
// replaced (through math/big) failed such numbers; failing them here as
// well keeps the two in agreement and the work bounded.
const maxScale = 1_000_000

// parseDecimal parses a number in JSON syntax (RFC 8259 §6).
func parseDecimal(s string) (decimal, numStatus) {
	var d decimal
	i := 0
	if i < len(s) && s[i] == '-' {
		d.neg = true
		i++
	}
	start := i
	if i < len(s) && s[i] == '0' {
		i++
	} else {
		i = skipDigits(s, i)
	}
	if i == start {
		return d, numSyntax
	}
	intPart, frac := s[start:i], ""
	if i < len(s) && s[i] == '.' {
		j := skipDigits(s, i+1)
		if j == i+1 {
			return d, numSyntax
		}
		frac, i = s[i+1:j], j
	}
	var exp int64
	expOK := true
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		signed := i
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := skipDigits(s, i)
		if j == i {
			return d, numSyntax
		}
		// An exponent beyond int64 fails even for zero, as in math/big.
		e, err := strconv.ParseInt(strings.TrimPrefix(s[signed:j], "+"), 10, 64)
		exp, expOK, i = e, err == nil, j
	}
	if i != len(s) {
		return d, numSyntax
	}
	if !expOK {
		return d, numOutOfRange
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	if digits == "" {
		return decimal{}, numOK // zero, whatever its exponent
	}
	scale := exp - int64(len(frac)) // wraps at the int64 ends, still out of range
	if scale > maxScale || scale < -maxScale {
		return d, numOutOfRange
	}
	trimmed := strings.TrimRight(digits, "0")
	d.digits, d.exp = trimmed, scale+int64(len(digits)-len(trimmed))
	return d, numOK
}

func skipDigits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// toDecimal converts a number of the data model. A float is taken as its
// shortest decimal form, which is how the library this replaced read it:
// 0.3 is 0.3, not the binary value just below.
func toDecimal(v any) (decimal, numStatus) {
	var s string
	switch v := v.(type) {
	case json.Number:
		s = string(v)
	case float64:
		s = strconv.FormatFloat(v, 'g', -1, 64)
	case float32:
		s = strconv.FormatFloat(float64(v), 'g', -1, 32)
	case int:
		s = strconv.FormatInt(int64(v), 10)
	case int8:
		s = strconv.FormatInt(int64(v), 10)
	case int16:
		s = strconv.FormatInt(int64(v), 10)
	case int32:
		s = strconv.FormatInt(int64(v), 10)
	case int64:
		s = strconv.FormatInt(v, 10)
	case uint:
		s = strconv.FormatUint(uint64(v), 10)
	case uint8:
		s = strconv.FormatUint(uint64(v), 10)
	case uint16:
		s = strconv.FormatUint(uint64(v), 10)
	case uint32:
		s = strconv.FormatUint(uint64(v), 10)
	case uint64:
		s = strconv.FormatUint(v, 10)
	default:
		return decimal{}, numSyntax
	}
	return parseDecimal(s)
}

// isInteger reports whether v is a number with a whole value (1.0 is).
func isInteger(v any) (bool, numStatus) {
	switch v := v.(type) {
	case float64:
		// Exact for finite floats: a float is whole iff its shortest
		// decimal form is.
		return v == math.Trunc(v), numOK
	case float32:
		return float64(v) == math.Trunc(float64(v)), numOK
	case json.Number:
		d, st := parseDecimal(string(v))
		return st == numOK && d.exp >= 0, st
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return true, numOK
	}
	return false, numOK
}

func (d decimal) sign() int {
	switch {
	case d.digits == "":
		return 0
	case d.neg:
		return -1
	}
	return 1
}

func (d decimal) cmp(e decimal) int {
	if s, t := d.sign(), e.sign(); s != t || s == 0 {
		return cmp.Compare(s, t)
	}
	// Same sign, both nonzero: compare magnitudes by the place of the
	// leading digit, then digit by digit (no trailing zeros, so a proper
	// prefix is the smaller).
	m := cmp.Compare(int64(len(d.digits))+d.exp, int64(len(e.digits))+e.exp)
	if m == 0 {
		m = strings.Compare(d.digits, e.digits)
	}
	if d.neg {
		return -m
	}
	return m
}

func (d decimal) String() string {
	if d.digits == "" {
		return "0"
	}
	s := d.digits
	if d.exp != 0 {
		s += "e" + strconv.FormatInt(d.exp, 10)
	}
	if d.neg {
		s = "-" + s
	}
	return s
}
