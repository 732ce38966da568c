package trust_test

import (
	"testing"
	"time"

	"passcheck/verify/trust"
)

// The fingerprint covers the payload only: two signings of one payload
// (ECDSA signatures differ) share it, any change to the payload changes it.
func TestFingerprint(t *testing.T) {
	f := newFixture(t)
	a := sign(t, f.payload, f.bundleKey)
	b := sign(t, f.payload, f.bundleKey)
	if string(a) == string(b) {
		t.Fatal("two ES256 signings gave the same bytes: the test proves nothing")
	}
	ba, err := trust.Open(a, f.pinned, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	bb, err := trust.Open(b, f.pinned, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := trust.Marshal(f.payload)
	if ba.Fingerprint() != bb.Fingerprint() || ba.Fingerprint() != trust.Fingerprint(body) || len(ba.Fingerprint()) != 64 {
		t.Fatalf("fingerprints %q, %q, payload %q", ba.Fingerprint(), bb.Fingerprint(), trust.Fingerprint(body))
	}

	f.payload.Seq++
	c, _ := trust.Open(sign(t, f.payload, f.bundleKey), f.pinned, 0, t0)
	if c.Fingerprint() == ba.Fingerprint() {
		t.Fatal("another seq, same fingerprint")
	}
	// A stale bundle is still genuine: its fingerprint is there to show.
	d, err := trust.Open(a, f.pinned, 0, t0.Add(100*time.Hour))
	if d == nil || err == nil || d.Fingerprint() != ba.Fingerprint() {
		t.Fatalf("stale bundle: %v, fingerprint %q", err, d.Fingerprint())
	}
}

func TestFingerprintVectors(t *testing.T) {
	for _, c := range []struct{ payload, full, short string }{
		// SHA-256 of the empty string and of "abc" (FIPS 180-2).
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "e3b0 c442 98fc 1c14"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "ba78 16bf 8f01 cfea"},
	} {
		fp := trust.Fingerprint([]byte(c.payload))
		if fp != c.full || trust.ShortFingerprint(fp) != c.short {
			t.Errorf("%q: %s / %s, want %s / %s", c.payload, fp, trust.ShortFingerprint(fp), c.full, c.short)
		}
	}
	if got := trust.ShortFingerprint("abc"); got != "abc" {
		t.Errorf("ShortFingerprint(abc) = %q", got)
	}
}
