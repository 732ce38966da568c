//go:build !wasm

package main

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"passcheck/server/datadir"
	"passcheck/server/demo"
	"passcheck/server/site"
	"passcheck/verify"
	"passcheck/verify/nzcp"
	"passcheck/verify/rules"
	"passcheck/verify/shc"
	"passcheck/verify/trust"
)

// wantAtDoor is what each /demo sample is meant to get, whenever it is
// scanned; "shc-chunked" is the three chunks together.
var wantAtDoor = map[string]verify.Verdict{
	"valid-vaccination": verify.Valid, "valid-test": verify.Valid, "valid-recovery": verify.Valid,
	"expired": verify.Invalid, "bad-signature": verify.Invalid, "unknown-issuer": verify.CannotVerify, "revoked": verify.Invalid,
	"shc-valid": verify.Valid, "shc-chunked-1": verify.CannotVerify, "shc-chunked-2": verify.CannotVerify,
	"shc-chunked-3": verify.CannotVerify, "shc-chunked": verify.Valid, "shc-bad-signature": verify.Invalid,
	"shc-unknown-issuer": verify.CannotVerify, "nzcp-valid": verify.Valid, "nzcp-expired": verify.Invalid,
}

// atDoor is what a phone holding the data folder's bundle says of each
// sample at `at`: the verifier's verdict, then the bundle's default policy.
func atDoor(t *testing.T, dir string, samples map[string]site.Sample, at time.Time) map[string]*verify.Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, datadir.BundleFile))
	if err != nil {
		t.Fatal(err)
	}
	pinned, err := pinnedFor(filepath.Join(dir, datadir.BundleFile))
	if err != nil {
		t.Fatal(err)
	}
	b, err := trust.Open(data, pinned, 0, at)
	if err != nil {
		t.Fatalf("the demo bundle at %v: %v", at, err)
	}
	set, err := rules.ParseSet(b.Rules())
	if err != nil {
		t.Fatal(err)
	}
	vs, err := rules.ParseValueSets(b.ValueSets())
	if err != nil {
		t.Fatal(err)
	}
	v := &verify.Verifier{Trust: b, Revocations: b, SHC: b.SHCIssuers(), NZCP: b.NZCPIssuers()}
	out := map[string]*verify.Result{}
	decide := func(r *verify.Result) *verify.Result {
		d := rules.Apply(r, set.InForce(""), vs, at)
		r.Verdict = d.Verdict
		if d.Err != nil {
			r.Err = d.Err
		}
		return r
	}
	var chunks shc.Chunks
	for name, s := range samples {
		out[name] = decide(v.VerifyAny(s.Text, at))
		if strings.HasPrefix(name, "shc-chunked-") {
			chunks.Add(s.Text)
		}
	}
	out["shc-chunked"] = decide(v.VerifyChunks(&chunks, at))
	return out
}

func byName(ss []site.Sample) map[string]site.Sample {
	m := map[string]site.Sample{}
	for _, s := range ss {
		m[s.Name] = s
	}
	return m
}

// TestDemoRefresh: serve's hourly demo refresh, at injected times. The
// /demo samples of every format (EU, SMART Health Card, NZ COVID Pass) are
// issued anew together past half their lifetime, as the bundle is, shown
// and written to samples/; the valid ones then verify with the demo bundle
// of that time, and the expired and otherwise refused ones stay refused
// for their reason. The samples of the start, never refreshed, would fail
// at the door a year on.
func TestDemoRefresh(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	start := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	d, err := openSiteData(dir, "", start, log)
	if err != nil {
		t.Fatal(err)
	}
	first := byName(d.config.Demo)
	if len(first) != len(demoNames()) {
		t.Fatalf("/demo shows %d samples, want %d", len(first), len(demoNames()))
	}
	served, shown := first, 0
	show := func(ss []site.Sample) error { served = byName(ss); shown++; return nil }

	if err := d.refreshDemo(start.Add(demo.SampleLife/2-time.Minute), show, log); err != nil || shown != 0 {
		t.Fatalf("before half their life: %d sets shown, %v; want the samples kept", shown, err)
	}
	for i, at := range []time.Time{start.Add(demo.SampleLife/2 + time.Hour), start.AddDate(1, 0, 2)} {
		before := served
		if err := d.refreshDemo(at, show, log); err != nil || shown != i+1 {
			t.Fatalf("at start+%v: %d sets shown, %v", at.Sub(start), shown, err)
		}
		for _, n := range demoNames() {
			s, ok := served[n]
			if !ok || s.Text == before[n].Text || len(s.PNG) == 0 {
				t.Errorf("at start+%v: %s not issued anew", at.Sub(start), n)
			}
			if f, err := os.ReadFile(filepath.Join(dir, datadir.SamplesDir, n+".txt")); err != nil || strings.TrimSpace(string(f)) != s.Text {
				t.Errorf("at start+%v: samples/%s.txt is not the sample shown (%v)", at.Sub(start), n, err)
			}
		}
		door := atDoor(t, dir, served, at)
		for n, want := range wantAtDoor {
			if r := door[n]; r.Verdict != want {
				t.Errorf("at start+%v: %s is %v (%v), want %v", at.Sub(start), n, r.Verdict, r.Err, want)
			}
		}
		// Refused for the reason they were made for.
		for n, reason := range map[string]error{"expired": verify.ErrExpired, "nzcp-expired": nzcp.ErrExpired,
			"revoked": verify.ErrRevoked, "bad-signature": verify.ErrSignature, "unknown-issuer": verify.ErrUnknownKey} {
			if !errors.Is(door[n].Err, reason) {
				t.Errorf("at start+%v: %s refused for %v, want %v", at.Sub(start), n, door[n].Err, reason)
			}
		}
		// The SMART card and the NZ pass are dated from the refresh.
		if c, ok := door["shc-valid"].VerifiedSHC(); !ok || at.Sub(c.NotBefore) > time.Hour || c.NotBefore.After(at) {
			t.Errorf("at start+%v: shc-valid not dated from the refresh: %+v", at.Sub(start), c)
		}
		if p, ok := door["nzcp-valid"].VerifiedNZCP(); !ok || at.Sub(p.NotBefore) > time.Hour || p.NotBefore.After(at) {
			t.Errorf("at start+%v: nzcp-valid not dated from the refresh: %+v", at.Sub(start), p)
		}
	}
	// Without the refresh, a server started a year ago would show codes
	// that no longer pass at the door.
	old := atDoor(t, dir, first, start.AddDate(1, 0, 2))
	for _, n := range []string{"valid-test", "valid-vaccination", "valid-recovery", "nzcp-valid"} {
		if old[n].Verdict == verify.Valid {
			t.Errorf("the start's %s still valid a year on: the refresh would not be needed", n)
		}
	}
	// A clock gone back: samples issued "later" are issued anew.
	if err := d.refreshDemo(start.AddDate(1, 0, 1), show, log); err != nil || shown != 3 {
		t.Errorf("clock back a day: %d sets shown, %v", shown, err)
	}
}
