package verify_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"passcheck/verify"
	"passcheck/verify/nzcp"
	"passcheck/verify/shc"
)

// One entry point for the three formats: the prefix decides, the Result
// has the same shape.
func ExampleVerifier_VerifyAny() {
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			panic(err)
		}
		return b
	}
	keys, _, _ := shc.ParseJWKS(read("../testdata/shc/issuer/.well-known/jwks.json"))
	var smart shc.IssuerSet
	smart.Add(&shc.Issuer{URL: "https://spec.smarthealth.cards/examples/issuer", Name: "SMART example", Keys: keys})
	did, _, _ := nzcp.ParseDID(read("../testdata/nzcp/examples/valid/did.json"))
	var nz nzcp.IssuerSet
	nz.Add(did)
	v := &verify.Verifier{SHC: &smart, NZCP: &nz}

	at := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range []string{"../testdata/shc/examples/example-00-f-qr-code-numeric-value-0.txt",
		"../testdata/nzcp/examples/valid/nzcp.txt", "../testdata/nzcp/examples/invalid/nzcp-modified-sig.txt"} {
		r := v.VerifyAny(strings.TrimSpace(string(read(f))), at)
		s, _, _ := r.Summary()
		fmt.Println(r.Format, r.Verdict, verify.ErrorCode(r.Err), s.Name, s.DOB, len(s.Statements))
	}
	// Output:
	// shc valid  John B. Anyperson 1951-01-20 3
	// nzcp valid  Jack Sparrow 1960-04-16 1
	// nzcp invalid signature Jack Sparrow 1960-04-16 1
}
