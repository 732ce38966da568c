package rules

import (
	"fmt"
	"os"
	"testing"
)

func runDir(t *testing.T, dir string) (n, pass int) {
	t.Helper()
	res, err := RunTests(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		n++
		if r.Pass {
			pass++
		} else {
			t.Error(r)
		}
	}
	if n == 0 {
		t.Fatalf("no rule tests under %s", dir)
	}
	return n, pass
}

// TestBusinessRules runs the EU countries' real rules with their tests.
func TestBusinessRules(t *testing.T) {
	n, pass := runDir(t, "../../testdata/business-rules")
	fmt.Printf("business-rules: %d tests, %d pass\n", n, pass)
}

// TestPolicyRules runs the shipped policies' rule tests.
func TestPolicyRules(t *testing.T) {
	n, pass := runDir(t, "policies")
	fmt.Printf("policies: %d tests, %d pass\n", n, pass)
}
