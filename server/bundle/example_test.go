package bundle_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"os"
	"time"

	"passcheck/server/bundle"
	"passcheck/verify/trust"
)

func ExampleBuilder() {
	f, err := os.Open("../../testdata/trustlists/trustlist_de.json")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	imp, err := bundle.ImportGateway(f, "trustlist_de.json")
	if err != nil {
		panic(err)
	}
	var b bundle.Builder
	b.Add(imp)

	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader) // in real life: read from a file
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	data, err := bundle.Sign(b.Payload(1, now, bundle.DefaultTTL), key)
	if err != nil {
		panic(err)
	}
	opened, err := trust.Open(data, []crypto.PublicKey{&key.PublicKey}, 0, now)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(imp.Entries), "imported,", len(imp.Skipped), "skipped;", opened.Len(), "in the bundle")
	// Output: 832 imported, 0 skipped; 832 in the bundle
}
