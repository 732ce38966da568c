//go:build !wasm

package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"passcheck/server/datadir"
	"passcheck/server/demo"
	"passcheck/server/issue"
	"passcheck/verify"
	"passcheck/verify/rules"
)

var rulesSummary = regexp.MustCompile(`(?m)^rules: (\d+) tests, (\d+) pass$`)

// TestRulesCommand runs `passcheck rules test` on the EU countries' real
// rules (830 tests) and on the shipped policies' own edge tests: all pass.
func TestRulesCommand(t *testing.T) {
	for _, tc := range []struct {
		dir  string
		want string
	}{
		{"../../../testdata/business-rules", "rules: 830 tests, 830 pass"},
		{"../../../verify/rules/policies", ""},
	} {
		var out, errb bytes.Buffer
		code := rulesMain([]string{"test", tc.dir}, &out, &errb)
		m := rulesSummary.FindStringSubmatch(out.String())
		if code != 0 || m == nil || m[1] != m[2] || m[1] == "0" {
			t.Errorf("rules test %s: exit %d\n%s%s", tc.dir, code, out.String(), errb.String())
			continue
		}
		if tc.want != "" && strings.TrimSpace(out.String()) != tc.want {
			t.Errorf("rules test %s: got %q, want %q", tc.dir, out.String(), tc.want)
		}
		t.Log(strings.TrimSpace(out.String()))
	}
}

// A failing test gives one line naming it and exit 1; a broken rule is a
// failure too; no folder is a usage error.
func TestRulesCommandFailures(t *testing.T) {
	dir := t.TempDir()
	write := func(p, s string) {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rule := `{"Identifier":"VR-XX-0001","Type":"Acceptance","Country":"XX","Version":"1.0.0","SchemaVersion":"1.0.0",
"Engine":"CERTLOGIC","EngineVersion":"1.3.3","CertificateType":"Vaccination",
"Description":[{"lang":"en","desc":"The dose number must be at least 2."}],
"ValidFrom":"2022-01-01T00:00:00Z","ValidTo":"2030-01-01T00:00:00Z","AffectedFields":["v.0.dn"],
"Logic":{">=":[{"var":"payload.v.0.dn"},2]}}`
	write("XX/VR-XX-0001/rule.json", rule)
	write("XX/VR-XX-0001/tests/a.json", `{"name":"two doses","payload":{"v":[{"dn":2}]},"external":{},"expected":true}`)
	write("XX/VR-XX-0001/tests/b.json", `{"name":"one dose, wrongly expected to pass","payload":{"v":[{"dn":1}]},"external":{},"expected":true}`)
	write("XX/VR-XX-0001/tests/c.json", `{"name":"no dose: open, counts as not passing","payload":{},"external":{},"expected":false}`)
	write("XX/VR-XX-0002/rule.json", strings.Replace(rule, `">="`, `"=>"`, 1))
	var out, errb bytes.Buffer
	code := rulesMain([]string{"test", dir}, &out, &errb)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if code != 1 || len(lines) != 3 || lines[2] != "rules: 4 tests, 2 pass" ||
		!strings.Contains(lines[0], "VR-XX-0001/tests/b.json") || !strings.Contains(lines[1], "VR-XX-0002/rule.json") {
		t.Errorf("exit %d, output:\n%s", code, out.String())
	}
	for _, args := range [][]string{{}, {"test"}, {"test", filepath.Join(dir, "missing")}, {"nope"}} {
		if code := rulesMain(args, &out, &errb); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

// policyFixture issues demo vaccination credentials (2/2, second dose on
// dose) with a throwaway demo DSC and returns the DSC's PEM file and the QR
// text file of each.
func policyFixture(t *testing.T, doses map[string]time.Time) (dsc string, files map[string]string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{Country: []string{"KR"}, CommonName: "Passcheck TEST DSC"},
		NotBefore:    time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := issue.NewSigner(cert, key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	dsc = filepath.Join(dir, "dsc.pem")
	if err := os.WriteFile(dsc, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	files = map[string]string{}
	for name, dose := range doses {
		c, err := signer.Sign(&issue.Claims{
			Issuer: "KR", IssuedAt: dose, ExpiresAt: dose.AddDate(1, 0, 0),
			DCC: verify.DCC{Ver: "1.3.0", DOB: "1985-05-05",
				Nam: verify.Name{FN: "TEST", FNT: "TEST", GN: "Policy", GNT: "POLICY"},
				V: []verify.VaccinationEntry{{TG: "840539006", VP: "J07BX03", MP: "EU/1/20/1528", MA: "ORG-100030215",
					DN: 2, SD: 2, DT: dose.Format("2006-01-02"), CO: "KR", IS: "Passcheck TEST", CI: "URN:UVCI:01:KR:TEST/" + name}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		files[name] = filepath.Join(dir, name+".txt")
		if err := os.WriteFile(files[name], []byte(c.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dsc, files
}

// TestVerifyPolicy: `passcheck verify --policy` lists each rule, and the
// same genuine certificate is valid or invalid depending on the policy.
func TestVerifyPolicy(t *testing.T) {
	at := time.Date(2022, 3, 15, 3, 0, 0, 0, time.UTC) // 12:00 in Korea
	dsc, files := policyFixture(t, map[string]time.Time{
		"day14": at.AddDate(0, 0, -14), "day13": at.AddDate(0, 0, -13), "day200": at.AddDate(0, 0, -200)})
	for _, tc := range []struct {
		file, policy, verdict string
		failed                []string
		rules                 int
	}{
		{"day14", "kr-vaccine-pass-2022-01-03", "valid", nil, 3},
		{"day13", "kr-vaccine-pass-2022-01-03", "invalid", []string{"VR-KR-0003"}, 3},
		{"day200", "Korea vaccine pass (from 2022-01-03)", "invalid", []string{"VR-KR-0003"}, 3},
		{"day200", "eu-3g", "valid", nil, 3},
		{"day13", "2G (vaccinated or recovered)", "invalid", []string{"VR-EU-0003"}, 4},
		{"day13", "signature-only", "valid", nil, 0},
		{"day13", "", "valid", nil, -1},
	} {
		args := []string{"--cert", dsc, "--at", at.Format(time.RFC3339), "--json"}
		if tc.policy != "" {
			args = append(args, "--policy", tc.policy)
		}
		var out, errb bytes.Buffer
		code := verifyMain(append(args, files[tc.file]), strings.NewReader(""), &out, &errb, func() time.Time { return at })
		var line struct {
			Verdict string          `json:"verdict"`
			Steps   map[string]bool `json:"steps"`
			Error   *struct{ Step, Code, Message string }
			Rules   *[]struct {
				ID          string            `json:"id"`
				Result      string            `json:"result"`
				Description map[string]string `json:"description"`
			} `json:"rules"`
		}
		if err := json.Unmarshal(out.Bytes(), &line); err != nil {
			t.Fatalf("%s %s: %v\n%s%s", tc.file, tc.policy, err, out.String(), errb.String())
		}
		wantCode := 0
		if tc.verdict != "valid" {
			wantCode = 1
		}
		if code != wantCode || line.Verdict != tc.verdict {
			t.Errorf("%s %s: exit %d verdict %s, want %s\n%s%s", tc.file, tc.policy, code, line.Verdict, tc.verdict, out.String(), errb.String())
		}
		if tc.rules < 0 {
			if line.Rules != nil || len(line.Steps) == 0 {
				t.Errorf("no policy: rules %v", line.Rules)
			}
			continue
		}
		if line.Rules == nil || len(*line.Rules) != tc.rules {
			t.Errorf("%s %s: rules %+v, want %d", tc.file, tc.policy, line.Rules, tc.rules)
			continue
		}
		var failed []string
		for _, r := range *line.Rules {
			if r.Result != "passed" {
				failed = append(failed, r.ID)
			}
			if r.Description["en"] == "" || r.Description["ko"] == "" {
				t.Errorf("%s: %s without en/ko description", tc.policy, r.ID)
			}
		}
		if strings.Join(failed, ",") != strings.Join(tc.failed, ",") || line.Steps["rules"] != (len(tc.failed) == 0) {
			t.Errorf("%s %s: failed %v (step %v), want %v", tc.file, tc.policy, failed, line.Steps["rules"], tc.failed)
		}
		if len(tc.failed) > 0 && (line.Error == nil || line.Error.Step != "rules" || line.Error.Code != "rule-failed") {
			t.Errorf("%s %s: error %+v", tc.file, tc.policy, line.Error)
		}
	}
	// An unknown policy is a usage error naming the ones there are.
	var out, errb bytes.Buffer
	code := verifyMain([]string{"--cert", dsc, "--policy", "3G+", files["day14"]}, strings.NewReader(""), &out, &errb, func() time.Time { return at })
	if code != 2 || !strings.Contains(errb.String(), "kr-vaccine-pass-2022-01-03") {
		t.Errorf("unknown policy: exit %d, %s", code, errb.String())
	}
	// The human summary gives the failed rule's description.
	out.Reset()
	verifyMain([]string{"--cert", dsc, "--at", at.Format(time.RFC3339), "--policy", "kr-vaccine-pass-2022-01-03", files["day13"]},
		strings.NewReader(""), &out, &errb, func() time.Time { return at })
	if !strings.Contains(out.String(), "INVALID") || !strings.Contains(out.String(), "VR-KR-0003 failed: A completed primary series counts from day 14") {
		t.Errorf("human output:\n%s", out.String())
	}
}

// fakeBundle is a trust store carrying rules, as a trust bundle does.
type fakeBundle struct {
	verify.KeySet
	rules, valueSets []byte
}

func (f *fakeBundle) Rules() []byte     { return f.rules }
func (f *fakeBundle) ValueSets() []byte { return f.valueSets }

// The policies of a --trust bundle join the embedded ones and win on the
// same ID, also when --cert keys are joined to the bundle.
func TestFindPolicyInBundle(t *testing.T) {
	ps := rules.DefaultPolicies()
	sig, _ := rules.Find(ps, "signature-only")
	kr, _ := rules.Find(ps, "kr-vaccine-pass-2022-01-03")
	custom := &rules.Policy{ID: "venue-x", Name: map[string]string{"en": "Venue X", "ko": "장소 X"},
		Description: map[string]string{"en": "Test.", "ko": "테스트."}, Rules: kr.Rules[:1]}
	override := &rules.Policy{ID: "signature-only", Name: sig.Name, Description: sig.Description, Rules: kr.Rules[:2]}
	b, err := rules.MarshalPolicies([]*rules.Policy{custom, override})
	if err != nil {
		t.Fatal(err)
	}
	vs, err := rules.DefaultValueSets().MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	bundle := &fakeBundle{rules: b, valueSets: vs}
	for _, store := range []any{bundle, joinedStores{bundle, verify.NewKeySet()}} {
		p, v, err := findPolicy("Venue X", store)
		if err != nil || p.ID != "venue-x" || len(p.Rules) != 1 || v == nil {
			t.Errorf("%T: custom policy: %v, %v", store, p, err)
		}
		if p, _, err := findPolicy("signature-only", store); err != nil || len(p.Rules) != 2 {
			t.Errorf("%T: bundle's policy should win: %v", store, err)
		}
		if p, _, err := findPolicy("eu-3g", store); err != nil || p.ID != "eu-3g" {
			t.Errorf("%T: embedded policy: %v", store, err)
		}
	}
	if _, _, err := findPolicy("venue-x", verify.NewKeySet()); err == nil {
		t.Error("without a bundle, venue-x should be unknown")
	}
	bad := &fakeBundle{rules: []byte(`{"policies":[{"id":"x"}]}`)}
	if _, _, err := findPolicy("eu-3g", bad); !errors.Is(err, rules.ErrPolicy) {
		t.Errorf("malformed bundle rules: %v", err)
	}
}

// `rules list` shows the built-in policies, and with --trust those of the
// bundle first, hiding the built-in ones they replace.
func TestRulesList(t *testing.T) {
	var out, errb bytes.Buffer
	if code := rulesMain([]string{"list"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 || !strings.Contains(out.String(), "kr-vaccine-pass-2022-01-03   built-in  8 rules  Korea vaccine pass (from 2022-01-03) / 방역패스") {
		t.Errorf("built-in list:\n%s", out.String())
	}
	dir := t.TempDir()
	if _, err := demo.Ensure(dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := rulesMain([]string{"list", "--trust", filepath.Join(dir, datadir.BundleFile)}, &out, &errb); code != 0 {
		t.Fatalf("--trust: exit %d: %s", code, errb.String())
	}
	lines = strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 || strings.Count(out.String(), " bundle ") != 4 {
		t.Errorf("demo bundle list (it carries the 4 built-in policies):\n%s", out.String())
	}
	if code := rulesMain([]string{"list", "--trust", filepath.Join(dir, "missing")}, &out, &errb); code != 2 {
		t.Errorf("missing bundle: exit %d", code)
	}
}

// With the demo trust bundle (which carries the policies), switching the
// policy switches the verdict of the same demo code: the valid PCR test is
// admitted under EU 3G and refused under 2G; the valid vaccination (second
// dose 30 days ago) passes both.
func TestVerifyPolicyDemoBundle(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	d, err := demo.Ensure(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	samples, err := d.Samples(now)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteSamples(samples); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(dir, datadir.BundleFile)
	for _, tc := range []struct{ sample, policy, verdict string }{
		{"valid-test", "eu-3g", "valid"},
		{"valid-test", "2g", "invalid"},
		{"valid-vaccination", "eu-3g", "valid"},
		{"valid-vaccination", "2g", "valid"},
		{"valid-test", "signature-only", "valid"},
	} {
		var out, errb bytes.Buffer
		verifyMain([]string{"--trust", bundle, "--policy", tc.policy, "--json", filepath.Join(dir, "samples", tc.sample+".txt")},
			strings.NewReader(""), &out, &errb, func() time.Time { return now })
		var line struct {
			Verdict string `json:"verdict"`
		}
		if err := json.Unmarshal(out.Bytes(), &line); err != nil || line.Verdict != tc.verdict {
			t.Errorf("%s under %s: %q, want %s\n%s%s", tc.sample, tc.policy, line.Verdict, tc.verdict, out.String(), errb.String())
		}
	}
}
