package shc_test

import (
	"fmt"
	"os"
	"time"

	"passcheck/verify/shc"
)

func read(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return b
}

// Trust the specification's example issuer, then verify its example card.
func Example() {
	keys, skipped, err := shc.ParseJWKS(read("../../testdata/shc/issuer/.well-known/jwks.json"))
	if err != nil || len(skipped) > 0 {
		panic(fmt.Sprint(err, skipped))
	}
	var issuers shc.IssuerSet
	issuers.Add(&shc.Issuer{URL: "https://spec.smarthealth.cards/examples/issuer", Name: "Example issuer", Keys: keys})

	v := &shc.Verifier{Issuers: &issuers}
	at := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	r := v.VerifyQR(string(read("../../testdata/shc/examples/example-00-f-qr-code-numeric-value-0.txt")), at)
	card, ok := r.Verified()
	if !ok {
		fmt.Println("refused:", r.Err)
		return
	}
	fmt.Println(card.Patient.Name(), card.Patient.BirthDate, card.Issuer.Name)
	for _, im := range card.Immunizations {
		fmt.Println(im.Date, im.Vaccine[0].Code)
	}
	// Output:
	// John B. Anyperson 1951-01-20 Example issuer
	// 2021-01-01 207
	// 2021-01-29 207
	// 2022-09-05 229
}

// Assemble a card printed over three QR codes, scanned in any order.
func ExampleChunks() {
	var c shc.Chunks
	for _, i := range []string{"2", "0", "1"} {
		done, err := c.Add(string(read("../../testdata/shc/examples/example-02-f-qr-code-numeric-value-" + i + ".txt")))
		if err != nil {
			panic(err)
		}
		got, total := c.Progress()
		fmt.Printf("%d of %d scanned, complete %v\n", got, total, done)
	}
	jws, _ := c.JWS()
	fmt.Println(len(jws), "JWS characters")
	// Output:
	// 1 of 3 scanned, complete false
	// 2 of 3 scanned, complete false
	// 3 of 3 scanned, complete true
	// 3173 JWS characters
}
