package app

import (
	"crypto"
	"os"
	"testing"
	"time"

	"passcheck/server/demo"
	"passcheck/verify/trust"
)

// demoFixture makes a demo data folder and returns its opened trust bundle
// and its samples, as the app would see them at now.
func demoFixture(t *testing.T, now time.Time) (*trust.Bundle, []demo.Sample) {
	t.Helper()
	d, err := demo.Ensure(t.TempDir(), now)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(d.BundlePath)
	if err != nil {
		t.Fatal(err)
	}
	b, err := trust.Open(data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, now)
	if err != nil {
		t.Fatal(err)
	}
	samples, err := d.Samples(now)
	if err != nil {
		t.Fatal(err)
	}
	return b, samples
}
