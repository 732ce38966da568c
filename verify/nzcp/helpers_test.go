package nzcp

import (
	"os"
	"strings"
	"testing"
	"time"
)

const testdata = "../../testdata/nzcp/examples/"

// at is a clock inside the valid pass's window (2021-11-02 to 2031-11-02).
var at = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readText(t testing.TB, path string) string { return strings.TrimSpace(string(mustRead(t, path))) }

// exampleIssuers trusts the specification's example issuer, as its
// invalid examples require, with its published DID document.
func exampleIssuers(t testing.TB) *IssuerSet {
	t.Helper()
	is, skipped, err := ParseDID(mustRead(t, testdata+"valid/did.json"))
	if err != nil || len(skipped) > 0 {
		t.Fatal(err, skipped)
	}
	is.Name, is.Test = "NZCP example issuer", true
	var s IssuerSet
	s.Add(is)
	return &s
}
