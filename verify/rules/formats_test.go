package rules_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"passcheck/server/demo"
	"passcheck/server/issue"
	"passcheck/verify"
	"passcheck/verify/nzcp"
	"passcheck/verify/rules"
	"passcheck/verify/shc"
	"passcheck/verify/trust"
)

// formatsFixture trusts a demo SMART issuer and the NZCP example issuer,
// and returns a card maker.
func formatsFixture(t *testing.T) (*verify.Verifier, func(doses ...issue.Immunization) string) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	s, err := issue.NewSHCSigner("https://demo.passcheck.invalid/shc", key)
	if err != nil {
		t.Fatal(err)
	}
	keys, _, _ := shc.ParseJWKS(s.JWKS())
	var si shc.IssuerSet
	si.Add(&shc.Issuer{URL: s.Issuer, Keys: keys})
	doc, _ := os.ReadFile("../../testdata/nzcp/examples/valid/did.json")
	is, _, err := nzcp.ParseDID(doc)
	if err != nil {
		t.Fatal(err)
	}
	var ni nzcp.IssuerSet
	ni.Add(is)
	card := func(doses ...issue.Immunization) string {
		jws, err := s.Sign(&issue.SHCCard{Given: []string{"A"}, Family: "B", BirthDate: "1990-01-01",
			NotBefore: formatsAt.Add(-time.Hour), Immunizations: doses})
		if err != nil {
			t.Fatal(err)
		}
		return shc.EncodeQR(jws)
	}
	return &verify.Verifier{SHC: &si, NZCP: &ni}, card
}

var formatsAt = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestApplyFormats(t *testing.T) {
	v, card := formatsFixture(t)
	pol := func(id string) *rules.Policy {
		p, ok := rules.Find(rules.DefaultPolicies(), id)
		if !ok {
			t.Fatal(id)
		}
		return p
	}
	hc1Only, err := rules.ParsePolicies([]byte(`{"policies":[{"id":"eu-only","name":{"en":"EU","ko":"EU"},
		"description":{"en":"EU","ko":"EU"},"rules":[]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	nzcpText, _ := os.ReadFile("../../testdata/nzcp/examples/valid/nzcp.txt")
	d := func(cvx, date string) issue.Immunization { return issue.Immunization{CVX: cvx, Date: date} }
	for _, tc := range []struct {
		name    string
		text    string
		policy  *rules.Policy
		verdict verify.Verdict
		err     error
		rule    string
	}{
		{"two Pfizer doses, 3G", card(d("208", "2025-01-01"), d("208", "2025-02-01")), pol("eu-3g"), verify.Valid, nil, rules.RuleVaccinationCompleted},
		{"one Pfizer dose, 2G", card(d("208", "2025-01-01")), pol("2g"), verify.Invalid, rules.ErrRuleFailed, rules.RuleVaccinationCompleted},
		{"one Janssen dose, 3G", card(d("212", "2025-01-01")), pol("eu-3g"), verify.Valid, nil, rules.RuleVaccinationCompleted},
		{"two flu shots, 3G", card(d("141", "2025-01-01"), d("141", "2025-02-01")), pol("eu-3g"), verify.Invalid, rules.ErrRuleFailed, rules.RuleVaccinationCompleted},
		{"one dose, signature only", card(d("208", "2025-01-01")), pol("signature-only"), verify.Valid, nil, ""},
		{"NZCP, 2G", strings.TrimSpace(string(nzcpText)), pol("2g"), verify.Valid, nil, ""},
		{"SMART, EU-only policy", card(d("208", "2025-01-01"), d("208", "2025-02-01")), hc1Only[0], verify.Invalid, rules.ErrFormatNotAdmitted, rules.RuleAdmittedFormats},
		{"NZCP, EU-only policy", strings.TrimSpace(string(nzcpText)), hc1Only[0], verify.Invalid, rules.ErrFormatNotAdmitted, rules.RuleAdmittedFormats},
		{"untrusted SMART keeps its verdict", "shc:/5676", pol("eu-3g"), verify.Invalid, nil, ""},
	} {
		r := v.VerifyAny(tc.text, formatsAt)
		dec := rules.Apply(r, tc.policy, nil, formatsAt)
		if dec.Verdict != tc.verdict || !errors.Is(dec.Err, tc.err) || tc.err == nil && dec.Err != nil {
			t.Errorf("%s: %v %v (result %v %v)", tc.name, dec.Verdict, dec.Err, r.Verdict, r.Err)
		}
		if tc.rule != "" && (len(dec.Rules) != 1 || dec.Rules[0].ID != tc.rule || dec.Rules[0].Text("ko") == "") {
			t.Errorf("%s: rules %+v", tc.name, dec.Rules)
		}
	}
	if a := pol("eu-3g").Admits(); len(a) != 3 {
		t.Errorf("eu-3g admits %v", a)
	}
	if a := hc1Only[0].Admits(); len(a) != 1 || a[0] != verify.FormatHC1 {
		t.Errorf("no formats: admits %v", a)
	}
}

// An HC1 certificate under a policy that does not admit HC1 is refused.
func TestApplyHC1NotAdmitted(t *testing.T) {
	ps, err := rules.ParsePolicies([]byte(`{"policies":[{"id":"shc-only","name":{"en":"S","ko":"S"},
		"description":{"en":"S","ko":"S"},"rules":[],"formats":{"shc":"signature-only"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	d, err := demo.Ensure(t.TempDir(), now)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(d.BundlePath)
	b, err := trust.Open(data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, now)
	if err != nil {
		t.Fatal(err)
	}
	samples, err := d.Samples(now)
	if err != nil {
		t.Fatal(err)
	}
	r := (&verify.Verifier{Trust: b, Revocations: b}).VerifyAny(samples[0].Text, now)
	at := now
	if r.Verdict != verify.Valid {
		t.Fatalf("%s: %v", samples[0].Name, r.Err)
	}
	if dec := rules.Apply(r, ps[0], nil, at); dec.Verdict != verify.Invalid || !errors.Is(dec.Err, rules.ErrFormatNotAdmitted) {
		t.Errorf("%v %v", dec.Verdict, dec.Err)
	}
}

func TestFormatsParse(t *testing.T) {
	for _, tc := range []struct{ formats, want string }{
		{`{"hc1":"rules","shc":"vaccination-completed","nzcp":"signature-only"}`, ""},
		{`{}`, "empty"},
		{`{"dcc":"rules"}`, "unknown format"},
		{`{"nzcp":"vaccination-completed"}`, "want one of signature-only"},
		{`{"shc":"rules"}`, "want one of"},
		{`{"shc":1}`, "not a string"},
	} {
		set := `{"policies":[{"id":"p","name":{"en":"P","ko":"P"},"description":{"en":"P","ko":"P"},"rules":[],"formats":` + tc.formats + `}]}`
		ps, err := rules.ParsePolicies([]byte(set))
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.formats, err)
				continue
			}
			// It survives the bundle form.
			b, _ := rules.MarshalPolicies(ps)
			again, err := rules.ParsePolicies(b)
			if err != nil || len(again[0].Formats) != 3 {
				t.Errorf("round trip: %s %v", b, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.formats, err, tc.want)
		}
	}
}
