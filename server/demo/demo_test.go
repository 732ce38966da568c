package demo_test

import (
	"bytes"
	"crypto"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"passcheck/server/bundle"
	"passcheck/server/datadir"
	"passcheck/server/demo"
	"passcheck/verify"
	"passcheck/verify/qr"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func openBundle(t *testing.T, d *demo.Data, at time.Time) *trust.Bundle {
	t.Helper()
	data, err := os.ReadFile(d.BundlePath)
	if err != nil {
		t.Fatal(err)
	}
	pinned, err := trust.ParsePinned(d.Pinned)
	if err != nil {
		t.Fatal(err)
	}
	b, err := trust.Open(data, pinned, 0, at)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every sample gets its intended verdict from the real verifier against the
// demo bundle, for the intended reason, and its PNG reads back to its text.
func TestSamplesVerify(t *testing.T) {
	d, err := demo.Ensure(t.TempDir(), t0)
	if err != nil {
		t.Fatal(err)
	}
	b := openBundle(t, d, t0)
	v := &verify.Verifier{Trust: b, Revocations: b}
	// The demo bundle carries the shipped policies and value sets.
	ps, err := rules.ParsePolicies(b.Rules())
	if err != nil || len(ps) < 4 {
		t.Fatalf("policies in the demo bundle: %d, %v", len(ps), err)
	}
	if vs, err := rules.ParseValueSets(b.ValueSets()); err != nil || len(vs.IDs()) == 0 {
		t.Fatalf("value sets in the demo bundle: %v", err)
	}
	now := t0.Add(time.Hour)
	samples, err := d.Samples(now)
	if err != nil {
		t.Fatal(err)
	}
	wantErr := map[string]error{
		"expired":        verify.ErrExpired,
		"bad-signature":  verify.ErrSignature,
		"unknown-issuer": verify.ErrUnknownKey,
		"revoked":        verify.ErrRevoked,
	}
	if len(samples) != len(demo.SampleNames) {
		t.Fatalf("%d samples", len(samples))
	}
	for i, s := range samples {
		if s.Name != demo.SampleNames[i] {
			t.Fatalf("sample %d is %q, want %q", i, s.Name, demo.SampleNames[i])
		}
		t.Run(s.Name, func(t *testing.T) {
			r := v.Verify(s.Text, now)
			if r.Verdict != s.Want {
				t.Fatalf("verdict %v (%v), want %v", r.Verdict, r.Err, s.Want)
			}
			if want := wantErr[s.Name]; want != nil && !errors.Is(r.Err, want) {
				t.Fatalf("error %v, want %v", r.Err, want)
			}
			u := r.Unverified()
			if u == nil || u.DCC.Nam.FN != "DEMO" {
				t.Fatalf("payload not marked DEMO: %+v", u)
			}
			img, err := png.Decode(bytes.NewReader(s.PNG))
			if err != nil {
				t.Fatal(err)
			}
			text, err := qr.DecodeImage(img)
			if err != nil || text != s.Text {
				t.Fatalf("PNG reads %q, %v", text, err)
			}
		})
	}
	// The samples stay valid while the bundle is fresh, and become
	// CannotVerify (not Invalid, not Valid) once it is stale.
	stale := t0.Add(bundle.DefaultTTL + time.Minute)
	r := v.Verify(samples[0].Text, stale)
	if r.Verdict != verify.CannotVerify || !errors.Is(r.Err, trust.ErrStale) {
		t.Fatalf("stale bundle: %v %v", r.Verdict, r.Err)
	}
}

// Each of the three EU revocation hash kinds, end to end: a bundle listing
// only that hash makes the verifier say Invalid (revoked).
func TestRevocationKindsEndToEnd(t *testing.T) {
	d, err := demo.Ensure(t.TempDir(), t0)
	if err != nil {
		t.Fatal(err)
	}
	samples, err := d.Samples(t0)
	if err != nil {
		t.Fatal(err)
	}
	text := samples[0].Text // valid-vaccination
	base := openBundle(t, d, t0)
	plain := &verify.Verifier{Trust: base}
	r := plain.Verify(text, t0)
	c, ok := r.Verified()
	if !ok {
		t.Fatalf("valid-vaccination: %v %v", r.Verdict, r.Err)
	}
	msg, err := verify.Inflate(mustB45(t, text))
	if err != nil {
		t.Fatal(err)
	}
	sig := msg[len(msg)-64:] // the COSE_Sign1 ends with the 64-byte ES256 signature
	u, cu, sh := verify.RevocationHashes(c.DCC.V[0].CI, c.DCC.V[0].CO, sig, true)
	for kind, h := range map[verify.HashKind][16]byte{verify.HashUCI: u, verify.HashCountryUCI: cu, verify.HashSignature: sh} {
		var bld bundle.Builder
		e := bundle.Entry{}
		e.KID, e.Country, e.Cert, e.Types = d.DSC.KID(), demo.Country, d.DSC.Cert.Raw, uint8(verify.AllTypes)
		bld.Add(&bundle.Import{Entries: []bundle.Entry{e}})
		if err := bld.Revoke(kind, h); err != nil {
			t.Fatal(err)
		}
		data, err := bundle.Sign(bld.Payload(9, t0, 0), d.BundleKey)
		if err != nil {
			t.Fatal(err)
		}
		b, err := trust.Open(data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, t0)
		if err != nil {
			t.Fatal(err)
		}
		r := (&verify.Verifier{Trust: b, Revocations: b}).Verify(text, t0)
		if r.Verdict != verify.Invalid || !errors.Is(r.Err, verify.ErrRevoked) {
			t.Errorf("hash kind %d: %v %v", kind, r.Verdict, r.Err)
		}
	}
}

func mustB45(t *testing.T, text string) []byte {
	t.Helper()
	s, err := verify.Unprefix(text)
	if err != nil {
		t.Fatal(err)
	}
	b, err := verify.DecodeBase45(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEnsureIdempotent(t *testing.T) {
	dir := t.TempDir()
	d1, err := demo.Ensure(dir, t0)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(d1.BundlePath)
	d2, err := demo.Ensure(dir, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(d2.BundlePath)
	if d1.Pinned != d2.Pinned || !bytes.Equal(d1.DSC.Cert.Raw, d2.DSC.Cert.Raw) || !bytes.Equal(first, second) {
		t.Fatal("a second Ensure changed keys, certificates or a fresh bundle")
	}
	if fi, err := os.Stat(filepath.Join(dir, datadir.BundleKeyFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("bundle key file: %v %v", fi.Mode(), err)
	}
	pub, _ := os.ReadFile(filepath.Join(dir, datadir.PinnedFile))
	if string(bytes.TrimSpace(pub)) != d1.Pinned {
		t.Fatal("bundle.pub does not hold the pinned key")
	}

	// Past half its life, the demo bundle is re-signed with the next seq.
	later := t0.Add(bundle.DefaultTTL/2 + time.Minute)
	d3, err := demo.Ensure(dir, later)
	if err != nil {
		t.Fatal(err)
	}
	b := openBundle(t, d3, later)
	if b.Seq() != 2 || !b.IssuedAt().Equal(later) {
		t.Fatalf("refreshed bundle: seq %d issued %v", b.Seq(), b.IssuedAt())
	}

	// A bundle made by hand (here: with another DSC) is never replaced.
	var bld bundle.Builder
	e := bundle.Entry{}
	e.KID, e.Country, e.Cert, e.Types = d3.Unknown.KID(), demo.Country, d3.Unknown.Cert.Raw, uint8(verify.AllTypes)
	bld.Add(&bundle.Import{Entries: []bundle.Entry{e}})
	real, err := bundle.Sign(bld.Payload(100, t0, time.Hour), d3.BundleKey)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(d3.BundlePath, real, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Ensure(dir, t0.AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(d3.BundlePath); !bytes.Equal(got, real) {
		t.Fatal("Ensure replaced a hand-made bundle")
	}
}

func TestWriteSamples(t *testing.T) {
	d, err := demo.Ensure(t.TempDir(), t0)
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.Samples(t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteSamples(s); err != nil {
		t.Fatal(err)
	}
	for _, n := range demo.SampleNames {
		for _, ext := range []string{".txt", ".png"} {
			if _, err := os.Stat(filepath.Join(d.Dir, "samples", n+ext)); err != nil {
				t.Error(err)
			}
		}
	}
}
