package nzcp_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"passcheck/verify/nzcp"
)

// Trust the specification's example issuer from its DID document, then
// verify its example pass.
func Example() {
	doc, err := os.ReadFile("../../testdata/nzcp/examples/valid/did.json")
	if err != nil {
		panic(err)
	}
	is, skipped, err := nzcp.ParseDID(doc)
	if err != nil || len(skipped) > 0 {
		panic(fmt.Sprint(err, skipped))
	}
	var issuers nzcp.IssuerSet
	issuers.Add(is)

	text, _ := os.ReadFile("../../testdata/nzcp/examples/valid/nzcp.txt")
	v := &nzcp.Verifier{Issuers: &issuers}
	r := v.Verify(strings.TrimSpace(string(text)), time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))
	p, ok := r.Verified()
	if !ok {
		fmt.Println("refused:", r.Err)
		return
	}
	fmt.Println(p.Subject.Name(), p.Subject.DOB, p.Issuer.DID, p.Expires.Format(time.DateOnly))
	// Output: Jack Sparrow 1960-04-16 did:web:nzcp.covid19.health.nz 2031-11-02
}
