package demo_test

import (
	"strings"
	"testing"
	"time"

	"passcheck/server/demo"
	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/shc"
)

// doorVerdicts is what a phone with the demo bundle as of at says of each
// sample at at: the verifier's verdict, then the bundle's default policy
// ("shc-chunked" is the three chunks assembled). Ensure runs first, as the
// server's refresh does, so the bundle is a fresh one.
func doorVerdicts(t *testing.T, dir string, samples []demo.Sample, at time.Time) map[string]verify.Verdict {
	t.Helper()
	d, err := demo.Ensure(dir, at)
	if err != nil {
		t.Fatal(err)
	}
	b := openBundle(t, d, at)
	set, err := rules.ParseSet(b.Rules())
	if err != nil {
		t.Fatal(err)
	}
	vs, err := rules.ParseValueSets(b.ValueSets())
	if err != nil {
		t.Fatal(err)
	}
	p := set.InForce("")
	v := &verify.Verifier{Trust: b, Revocations: b, SHC: b.SHCIssuers(), NZCP: b.NZCPIssuers()}
	out := map[string]verify.Verdict{}
	var chunks shc.Chunks
	for _, s := range samples {
		out[s.Name] = rules.Apply(v.VerifyAny(s.Text, at), p, vs, at).Verdict
		if strings.HasPrefix(s.Name, "shc-chunked-") {
			if _, err := chunks.Add(s.Text); err != nil {
				t.Fatal(err)
			}
		}
	}
	out["shc-chunked"] = rules.Apply(v.VerifyChunks(&chunks, at), p, vs, at).Verdict
	return out
}

// wants is each sample's intended verdict, and Valid for the assembled
// chunks.
func wants(samples []demo.Sample) map[string]verify.Verdict {
	m := map[string]verify.Verdict{"shc-chunked": verify.Valid}
	for _, s := range samples {
		m[s.Name] = s.Want
	}
	return m
}

// Every sample keeps its verdict at the door for SampleLife after it was
// issued, and the shortest-lived one (the valid test) lapses soon after:
// SampleLife is the samples' lifetime, not a guess.
func TestSampleLife(t *testing.T) {
	dir := t.TempDir()
	d, err := demo.Ensure(dir, t0)
	if err != nil {
		t.Fatal(err)
	}
	samples, err := d.AllSamples(t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) != len(demo.SampleNames)+len(demo.FormatSampleNames) {
		t.Fatalf("%d samples", len(samples))
	}
	want := wants(samples)
	for _, at := range []time.Time{t0, t0.Add(demo.SampleLife / 2), t0.Add(demo.SampleLife - time.Minute)} {
		for name, got := range doorVerdicts(t, dir, samples, at) {
			if got != want[name] {
				t.Errorf("%s at issue+%v: %v, want %v", name, at.Sub(t0), got, want[name])
			}
		}
	}
	late := t0.Add(demo.SampleLife + time.Hour)
	if got := doorVerdicts(t, dir, samples, late)["valid-test"]; got == verify.Valid {
		t.Errorf("valid-test still valid at issue+%v: SampleLife is shorter than the samples' life", late.Sub(t0))
	}
}

func TestSamplesStale(t *testing.T) {
	for _, c := range []struct {
		after time.Duration
		stale bool
	}{
		{0, false},
		{demo.SampleLife/2 - time.Minute, false},
		{demo.SampleLife / 2, true},
		{demo.SampleLife, true},
		{400 * 24 * time.Hour, true},
		{-time.Minute, true}, // the clock went back
	} {
		if got := demo.SamplesStale(t0, t0.Add(c.after)); got != c.stale {
			t.Errorf("issued %v before: stale %v, want %v", c.after, got, c.stale)
		}
	}
}
