package app

import (
	"strings"
	"testing"
	"time"

	"passcheck/app/wire"
	"passcheck/verify"
	"passcheck/verify/rules"
)

// The venue policy turns a genuine certificate into a verdict: the same
// demo PCR test passes under 3G and fails under 2G, with the failed rule
// listed in the user's language and no holder data on the screen.
func TestVenuePolicy(t *testing.T) {
	now := time.Now()
	b, samples := demoFixture(t, now)
	var text string
	for _, s := range samples {
		if s.Name == "valid-test" {
			text = s.Text
		}
	}
	v := verify.Verifier{Trust: b, Revocations: b}
	r := v.Verify(text, now)
	if _, ok := r.Verified(); !ok {
		t.Fatalf("valid-test did not verify: %v", r.Err)
	}
	ps := rules.DefaultPolicies()
	for _, tc := range []struct {
		policy string
		want   verify.Verdict
	}{
		{"eu-3g", verify.Valid},
		{"2g", verify.Invalid},
		{"signature-only", verify.Valid},
	} {
		p, ok := rules.Find(ps, tc.policy)
		if !ok {
			t.Fatalf("no default policy %q", tc.policy)
		}
		o, _ := travel(t, wire.NewOutcome(r).WithDecision(rules.Apply(r, p, rules.DefaultValueSets(), now), p.ID))
		for _, lang := range []string{"en", "ko"} {
			view := newVerdictModel(o, lang, now)
			if view.Verdict != tc.want {
				t.Errorf("%s [%s]: %v, want %v (%+v)", tc.policy, lang, view.Verdict, tc.want, view)
				continue
			}
			if tc.want == verify.Valid {
				if view.Name == "" || len(view.Rules) != 0 {
					t.Errorf("%s [%s]: %+v", tc.policy, lang, view)
				}
				continue
			}
			if view.Name != "" || len(view.Summary) != 0 {
				t.Errorf("%s [%s]: holder data on a failed-policy screen: %+v", tc.policy, lang, view)
			}
			// The failed rules are named: in the reason, or listed.
			if len(o.Rules) == 0 || len(o.Rules) == 1 && !strings.Contains(view.Reason, o.Rules[0].In(lang)) ||
				len(o.Rules) > 1 && len(view.Rules) != len(o.Rules) {
				t.Errorf("%s [%s]: failed rules %v not named: %+v", tc.policy, lang, o.Rules, view)
			}
			if lang == "ko" && !strings.Contains(view.Reason, "시설 이용 기준") {
				t.Errorf("%s: Korean reason %q", tc.policy, view.Reason)
			}
		}
	}
}
