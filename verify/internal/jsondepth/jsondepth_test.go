package jsondepth

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		in  string
		max int
		ok  bool
	}{
		{`{}`, 1, true},
		{`{}`, 0, false},
		{`{"a":[1,{"b":2}]}`, 3, true},
		{`{"a":[1,{"b":2}]}`, 2, false},
		{`["[[[[", "{{{{"]`, 1, true},      // brackets in strings do not count
		{`["\"[[[[", "\\", [1]]`, 2, true}, // escaped quote, escaped backslash
		{`["\\"]`, 1, true},                // the string ends after an escaped backslash
		{`["\\\"[[["]`, 1, true},           // escaped backslash, then escaped quote
		{strings.Repeat("[", 11) + strings.Repeat("]", 11), 10, false},
		{strings.Repeat("[", 10) + strings.Repeat("]", 10), 10, true},
		{`"unterminated [[[`, 0, true}, // malformed: left to the decoder
	} {
		err := Check([]byte(tc.in), tc.max)
		if (err == nil) != tc.ok {
			t.Errorf("Check(%q, %d) = %v, want ok=%v", tc.in, tc.max, err, tc.ok)
		}
	}
}

// FuzzCheck: on valid JSON, Check agrees with the depth encoding/json sees.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{`{}`, `[[["a\"["]]]`, `{"a":{"b":[1,2,{"c":"\\"}]}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			Check([]byte(s), 3) // must not panic
			return
		}
		d := depth(v)
		if err := Check([]byte(s), d); err != nil {
			t.Fatalf("Check(%q, %d): %v", s, d, err)
		}
		if d > 0 && Check([]byte(s), d-1) == nil {
			t.Fatalf("Check(%q, %d) accepted depth %d", s, d-1, d)
		}
	})
}

func depth(v any) int {
	m := 0
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			m = max(m, depth(e))
		}
		return m + 1
	case map[string]any:
		for _, e := range x {
			m = max(m, depth(e))
		}
		return m + 1
	}
	return 0
}
