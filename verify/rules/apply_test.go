package rules_test

import (
	"crypto"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"passcheck/server/demo"
	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

// openRule needs the test's sample time: on any other certificate it cannot
// be decided (plusTime of null), as a rule meeting data it does not expect.
const openRule = `{"Identifier":"GR-XX-0001","Type":"Acceptance","Country":"XX","Version":"1.0.0",
	"SchemaVersion":"1.0.0","Engine":"CERTLOGIC","EngineVersion":"1.3.3","CertificateType":"General",
	"Description":[{"lang":"en","desc":"The sample time must be after 2020."},{"lang":"ko","desc":"검체 채취는 2020년 이후여야 합니다."}],
	"ValidFrom":"2021-01-01T00:00:00Z","ValidTo":"2040-01-01T00:00:00Z","AffectedFields":["t.0.sc"],
	"Logic":{"not-before":[{"plusTime":[{"var":"payload.t.0.sc"},0,"hour"]},{"plusTime":["2020-01-01T00:00:00Z",0,"hour"]}]}}`

func openPolicy(t *testing.T) *rules.Policy {
	t.Helper()
	r, err := rules.ParseRule([]byte(openRule))
	if err != nil {
		t.Fatal(err)
	}
	return &rules.Policy{ID: "open", Name: map[string]string{"en": "Open", "ko": "열림"},
		Description: map[string]string{"en": "-", "ko": "-"}, Rules: []*rules.Rule{r}}
}

// TestApply: the one policy decision of the app and the command line, on
// the demo credentials through the real verifier.
func TestApply(t *testing.T) {
	now := time.Now()
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
	text := map[string]string{}
	for _, s := range samples {
		text[s.Name] = s.Text
	}
	policy := func(id string) *rules.Policy {
		if id == "open" {
			return openPolicy(t)
		}
		if id == "" {
			return nil
		}
		p, ok := rules.Find(rules.DefaultPolicies(), id)
		if !ok {
			t.Fatalf("no policy %s", id)
		}
		return p
	}
	for _, c := range []struct {
		sample, policy string
		verdict        verify.Verdict
		err            error  // ErrRuleFailed, ErrRuleOpen or nil
		rule           string // named in the error
		ran            bool   // the rules ran
	}{
		{"valid-test", "eu-3g", verify.Valid, nil, "", true},
		{"valid-test", "2g", verify.Invalid, rules.ErrRuleFailed, "GR-EU-0001", true},
		{"valid-test", "signature-only", verify.Valid, nil, "", true},
		{"valid-test", "", verify.Valid, nil, "", false},
		{"valid-test", "open", verify.Valid, nil, "", true},
		{"valid-vaccination", "open", verify.CannotVerify, rules.ErrRuleOpen, "GR-XX-0001", true},
		{"valid-vaccination", "2g", verify.Valid, nil, "", true},
		// Rules never run on what did not verify: the verdict stays.
		{"expired", "2g", verify.Invalid, nil, "", false},
		{"bad-signature", "2g", verify.Invalid, nil, "", false},
		{"unknown-issuer", "2g", verify.CannotVerify, nil, "", false},
		{"revoked", "open", verify.Invalid, nil, "", false},
	} {
		r := (&verify.Verifier{Trust: b, Revocations: b}).Verify(text[c.sample], now)
		got := rules.Apply(r, policy(c.policy), rules.DefaultValueSets(), now)
		if got.Verdict != c.verdict || (got.Rules != nil) != c.ran || !errors.Is(got.Err, c.err) || (c.err == nil) != (got.Err == nil) {
			t.Errorf("%s under %q: verdict %v, rules ran %v, err %v; want %v, %v, %v",
				c.sample, c.policy, got.Verdict, got.Rules != nil, got.Err, c.verdict, c.ran, c.err)
			continue
		}
		if c.rule != "" && !strings.Contains(got.Err.Error(), c.rule) {
			t.Errorf("%s under %q: error %q does not name %s", c.sample, c.policy, got.Err, c.rule)
		}
	}
}

// TestSet: the policies of a bundle and the one in force. Bundles made
// before "default" existed still parse (signature only in force), and a
// set without a default marshals to exactly their bytes.
func TestSet(t *testing.T) {
	ps := rules.DefaultPolicies()
	old, err := rules.MarshalPolicies(ps)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(old), `"default"`) {
		t.Errorf("a set without default writes one: %.80s…", old)
	}
	s, err := rules.ParseSet(old)
	if err != nil || s.Default != "" || len(s.Policies) != len(ps) {
		t.Fatalf("old form: %v, %+v", err, s)
	}
	if got := s.InForce("").ID; got != rules.SignatureOnly {
		t.Errorf("old form, nothing chosen: %s in force", got)
	}
	withDef, err := rules.MarshalSet(&rules.Set{Policies: ps, Default: "2g"})
	if err != nil {
		t.Fatal(err)
	}
	s, err = rules.ParseSet(withDef)
	if err != nil || s.Default != "2g" {
		t.Fatalf("with default: %v, %+v", err, s)
	}
	for _, c := range []struct{ chosen, want string }{
		{"", "2g"}, {"eu-3g", "eu-3g"}, {"signature-only", "signature-only"}, {"gone", "2g"},
	} {
		if got := s.InForce(c.chosen).ID; got != c.want {
			t.Errorf("default 2g, chosen %q: %s in force, want %s", c.chosen, got, c.want)
		}
	}
	// A bundle without a signature-only policy still offers it (built in).
	only3g := &rules.Set{Policies: []*rules.Policy{policyOf(t, "eu-3g")}, Default: "eu-3g"}
	if ch := only3g.Choices(); len(ch) != 2 || ch[1].ID != rules.SignatureOnly || len(ch[1].Rules) != 0 {
		t.Errorf("choices: %v", ch)
	}
	if got := only3g.InForce(rules.SignatureOnly).ID; got != rules.SignatureOnly {
		t.Errorf("signature only chosen: %s in force", got)
	}
	var none *rules.Set // a bundle without policies
	if got := none.InForce("2g"); got == nil || got.ID != rules.SignatureOnly {
		t.Errorf("no policies: %v in force", got)
	}
	for _, bad := range []string{
		`{"policies":[],"default":"2g"}`,
		`{"policies":[],"default":""}`,
		`{"policies":[],"default":7}`,
		`{"policies":[],"other":"x"}`,
		`{"default":"signature-only"}`,
	} {
		if _, err := rules.ParseSet([]byte(bad)); !errors.Is(err, rules.ErrPolicy) {
			t.Errorf("ParseSet(%s): %v, want ErrPolicy", bad, err)
		}
	}
	if _, err := rules.ParseSet([]byte(`{"policies":[],"default":"signature-only"}`)); err != nil {
		t.Errorf("default signature-only without the policy in the set: %v", err)
	}
	if _, err := rules.MarshalSet(&rules.Set{Policies: ps, Default: "nope"}); !errors.Is(err, rules.ErrPolicy) {
		t.Errorf("MarshalSet with an unknown default: %v", err)
	}
}

func policyOf(t *testing.T, id string) *rules.Policy {
	p, ok := rules.Find(rules.DefaultPolicies(), id)
	if !ok {
		t.Fatalf("no policy %s", id)
	}
	return p
}
