package trust_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"passcheck/verify"
	"passcheck/verify/trust"
)

func Example() {
	// The server side signs a bundle (passcheck/server/bundle.Sign does
	// this; here, the same by hand).
	bundleKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	issued := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	data := sign(nil, &trust.Payload{
		Version: trust.Version, Seq: 42,
		IssuedAt: issued.Unix(), ExpiresAt: issued.Add(72 * time.Hour).Unix(),
	}, bundleKey)

	// The app is built with the pinned-key string...
	pinnedString, _ := trust.FormatPinned(&bundleKey.PublicKey)
	pinned, err := trust.ParsePinned(pinnedString)
	if err != nil {
		panic(err)
	}

	// ...and opens each fetched bundle against it and the last seq it accepted.
	b, err := trust.Open(data, pinned, 41, issued.Add(time.Hour))
	if err != nil {
		panic(err)
	}
	fmt.Println("seq", b.Seq(), "DSCs", b.Len())
	v := &verify.Verifier{Trust: b, Revocations: b}
	_ = v

	// An older bundle is refused; a stale one opens, with the reason.
	_, err = trust.Open(data, pinned, 43, issued)
	fmt.Println(errors.Is(err, trust.ErrRollback))
	b, err = trust.Open(data, pinned, 0, issued.Add(100*time.Hour))
	fmt.Println(b != nil, errors.Is(err, trust.ErrStale), errors.Is(b.Usable(issued.Add(100*time.Hour)), trust.ErrStale))
	// Output:
	// seq 42 DSCs 0
	// true
	// true true true
}
