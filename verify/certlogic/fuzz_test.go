package certlogic

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzEvaluate parses an expression and a data context and evaluates one
// against the other: nothing may panic, and every failure must carry one of
// the package's sentinels. Seeds: every expression and data context of the
// upstream suites.
func FuzzEvaluate(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(suiteDir, "*", "*.json"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		var suite struct {
			Cases []struct {
				Expr       json.RawMessage `json:"certLogicExpression"`
				Assertions []struct {
					Expr json.RawMessage `json:"certLogicExpression"`
					Data json.RawMessage `json:"data"`
				} `json:"assertions"`
			} `json:"cases"`
		}
		if err := json.Unmarshal(b, &suite); err != nil {
			f.Fatal(err)
		}
		for _, c := range suite.Cases {
			if len(c.Assertions) == 0 {
				f.Add([]byte(c.Expr), []byte("null"))
			}
			for _, a := range c.Assertions {
				e := a.Expr
				if e == nil {
					e = c.Expr
				}
				f.Add([]byte(e), []byte(a.Data))
			}
		}
	}
	lim := Limits{MaxSteps: 10_000, MaxArray: 1000}
	f.Fuzz(func(t *testing.T, expr, data []byte) {
		x, err := lim.Parse(expr)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("Parse: error without sentinel: %v", err)
			}
			return
		}
		d, err := lim.DecodeJSON(data)
		if err != nil {
			return
		}
		if _, err := x.Evaluate(d); err != nil && !isSentinel(err) {
			t.Fatalf("Evaluate: error without sentinel: %v", err)
		}
	})
}

func isSentinel(err error) bool {
	for _, s := range []error{ErrInvalid, ErrType, ErrDepth, ErrSize, ErrSteps, ErrJSON} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
