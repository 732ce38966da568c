package demo_test

import (
	"testing"
	"time"

	"passcheck/server/demo"
	"passcheck/verify"
	"passcheck/verify/rules"
)

// The valid samples pass every shipped policy (a second dose 30 days ago,
// a PCR test 6 hours old, a recovery in its window, an adult holder), except
// the test under 2G (vaccinated or recovered), which must refuse it: the
// demo then shows a policy switch changing the verdict of one code.
func TestValidSamplesPassShippedPolicies(t *testing.T) {
	d, err := demo.Ensure(t.TempDir(), t0)
	if err != nil {
		t.Fatal(err)
	}
	b := openBundle(t, d, t0)
	ps, err := rules.ParsePolicies(b.Rules())
	if err != nil {
		t.Fatal(err)
	}
	vs, err := rules.ParseValueSets(b.ValueSets())
	if err != nil {
		t.Fatal(err)
	}
	now := t0.Add(time.Hour)
	samples, err := d.Samples(now)
	if err != nil {
		t.Fatal(err)
	}
	v := &verify.Verifier{Trust: b, Revocations: b}
	for _, s := range samples[:3] {
		r := v.Verify(s.Text, now)
		c, ok := r.Verified()
		if !ok {
			t.Fatalf("%s: %v", s.Name, r.Err)
		}
		for _, p := range ps {
			res := p.Evaluate(c.Raw, rules.External{ValueSets: vs, ValidationClock: now, CountryCode: "KR", Exp: c.ExpiresAt, Iat: c.IssuedAt})
			want := rules.Passed
			if s.Name == "valid-test" && p.ID == "2g" {
				want = rules.Failed
			}
			if got := rules.Overall(res); got != want {
				t.Errorf("%s under %s: %v, want %v (%+v)", s.Name, p.ID, got, want, res)
			}
		}
	}
}
