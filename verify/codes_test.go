package verify

import (
	"fmt"
	"testing"
)

// Codes lists every class once, each the code ErrorCode gives its errors.
func TestCodes(t *testing.T) {
	codes := Codes()
	if len(codes) != len(errorCodes) {
		t.Fatalf("%d codes for %d classes", len(codes), len(errorCodes))
	}
	for i, c := range errorCodes {
		if got := ErrorCode(fmt.Errorf("x: %w", c.err)); got != codes[i] {
			t.Errorf("Codes()[%d] = %q, ErrorCode(%v) = %q", i, codes[i], c.err, got)
		}
	}
	codes[0] = "changed"
	if Codes()[0] == "changed" {
		t.Error("Codes returns the package's own slice")
	}
}
