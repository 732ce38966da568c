package verify_test

import (
	"errors"
	"fmt"
	"time"

	"passcheck/internal/dgctestdata"
	"passcheck/verify"
	"passcheck/verify/trust"
)

// loadVector reads the QR text, signer certificate and clock of one of the
// EU test vectors.
func loadVector(path string) (text string, dsc *verify.Key, at time.Time) {
	v, err := dgctestdata.ReadFile(path)
	if err != nil {
		panic(err)
	}
	der, err := v.CertificateDER()
	if err != nil {
		panic(err)
	}
	if dsc, err = trust.KeyFromDER(der); err != nil {
		panic(err)
	}
	at, _ = time.Parse(time.RFC3339, v.Context.Clock)
	return v.Prefix, dsc, at
}

func ExampleVerifier_Verify() {
	text, dsc, at := loadVector("../testdata/dgc-testdata/AT/2DCode/raw/1.json")
	v := &verify.Verifier{Trust: verify.NewKeySet(dsc)}

	r := v.Verify(text, at)
	fmt.Println(r.Verdict)
	if cert, ok := r.Verified(); ok {
		fmt.Println(cert.DCC.Nam.FNT, cert.DCC.Type(), cert.Issuer, cert.ExpiresAt.Format(time.DateOnly))
	}

	// A year later the same certificate has expired; the payload can still
	// be inspected, but only as unverified.
	r = v.Verify(text, at.AddDate(1, 0, 0))
	fmt.Println(r.Verdict, r.Step, errors.Is(r.Err, verify.ErrExpired), verify.ErrorCode(r.Err))
	_, ok := r.Verified()
	fmt.Println(ok, r.Unverified().DCC.Nam.FNT)
	// Output:
	// valid
	// MUSTERFRAU<GOESSINGER vaccination AT 2021-11-02
	// invalid expiry true expired
	// false MUSTERFRAU<GOESSINGER
}

func ExampleVerifier_Verify_unknownKey() {
	text, _, at := loadVector("../testdata/dgc-testdata/AT/2DCode/raw/1.json")
	r := (&verify.Verifier{Trust: verify.NewKeySet()}).Verify(text, at)
	fmt.Println(r.Verdict, r.Step, errors.Is(r.Err, verify.ErrUnknownKey))
	// Output: cannot-verify signature true
}

func ExampleDecodeCOSE() {
	text, _, _ := loadVector("../testdata/dgc-testdata/AT/2DCode/raw/1.json")
	b45, _ := verify.Unprefix(text)
	z, _ := verify.DecodeBase45(b45)
	c, _ := verify.Inflate(z)
	msg, err := verify.DecodeCOSE(c)
	if err != nil {
		panic(err)
	}
	// Nothing here is verified yet.
	p, _ := verify.DecodePayload(msg.Payload)
	fmt.Printf("kid %x, alg %v, iss %s\n", msg.KID, msg.Alg, p.Issuer)
	// Output: kid d919375fc1e7b6b2, alg ES256, iss AT
}
