package rules

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseRule: a rule that parses must marshal and parse again to the
// same rule; nothing may panic. Seeds: every real rule in testdata and the
// shipped policies.
func FuzzParseRule(f *testing.F) {
	for _, pattern := range []string{"../../testdata/business-rules/*/*/rule.json", "policies/*/*/rule.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseRule(b)
		if err != nil {
			return
		}
		out, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		// Marshalling may lengthen numbers ("1e20"), so a rule near the
		// size bound may come back too large; nothing else may fail.
		if _, err := ParseRule(out); err != nil && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
	})
}

// FuzzParsePolicies: the bundle form never panics, whatever the bytes.
func FuzzParsePolicies(f *testing.F) {
	b, err := MarshalPolicies(DefaultPolicies())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"policies":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := ParsePolicies(b)
		if err != nil {
			return
		}
		if _, err := MarshalPolicies(ps); err != nil {
			t.Fatal(err)
		}
	})
}
