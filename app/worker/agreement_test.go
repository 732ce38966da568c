package worker

import (
	"bytes"
	"crypto"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"passcheck/app/wire"
	"passcheck/server/bundle"
	"passcheck/server/demo"
	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

// openRule cannot be decided on a certificate without a test sample time
// (plusTime of null): a rule meeting data it does not expect.
const openRule = `{"Identifier":"GR-XX-0001","Type":"Acceptance","Country":"XX","Version":"1.0.0",
	"SchemaVersion":"1.0.0","Engine":"CERTLOGIC","EngineVersion":"1.3.3","CertificateType":"General",
	"Description":[{"lang":"en","desc":"The sample time must be after 2020."},{"lang":"ko","desc":"검체 채취는 2020년 이후여야 합니다."}],
	"ValidFrom":"2021-01-01T00:00:00Z","ValidTo":"2040-01-01T00:00:00Z","AffectedFields":["t.0.sc"],
	"Logic":{"not-before":[{"plusTime":[{"var":"payload.t.0.sc"},0,"hour"]},{"plusTime":["2020-01-01T00:00:00Z",0,"hour"]}]}}`

// agreementBundle signs a demo-key bundle holding the demo DSC, the shipped
// policies plus "open" (openRule), and the shipped value sets.
func agreementBundle(t *testing.T, d *demo.Data, now time.Time) []byte {
	t.Helper()
	r, err := rules.ParseRule([]byte(openRule))
	if err != nil {
		t.Fatal(err)
	}
	open := &rules.Policy{ID: "open", Name: map[string]string{"en": "Open", "ko": "열림"},
		Description: map[string]string{"en": "-", "ko": "-"}, Rules: []*rules.Rule{r}}
	var b bundle.Builder
	e := bundle.Entry{Source: "demo DSC"}
	e.KID, e.Country, e.Cert, e.Types = d.DSC.KID(), demo.Country, d.DSC.Cert.Raw, uint8(verify.TypesFromEKU(d.DSC.Cert.UnknownExtKeyUsage))
	b.Add(&bundle.Import{Entries: []bundle.Entry{e}})
	if b.Rules, err = rules.MarshalSet(&rules.Set{Policies: append(slices.Clone(rules.DefaultPolicies()), open), Default: "2g"}); err != nil {
		t.Fatal(err)
	}
	if b.ValueSets, err = rules.DefaultValueSets().MarshalJSON(); err != nil {
		t.Fatal(err)
	}
	data, err := bundle.Sign(b.Payload(99, now.Add(-time.Minute), 24*time.Hour), d.BundleKey)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// cliLine is what this test reads of a `passcheck verify --json` line.
type cliLine struct {
	Verdict string `json:"verdict"`
	Error   *struct {
		Step, Code string
	} `json:"error"`
	Rules *[]struct {
		ID     string `json:"id"`
		Result string `json:"result"`
	} `json:"rules"`
}

// TestPolicyAgreement feeds the same certificates and policies through the
// app's outcome path (the worker's checker) and through `passcheck verify
// --trust --policy --json` (the built command), and requires the same
// verdict, the same rules not passed, and the same failure class.
func TestPolicyAgreement(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build passcheck: ", err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "passcheck")
	build := exec.Command(goTool, "build", "-o", bin, "passcheck/server/cmd/passcheck")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building passcheck: %v\n%s", err, out)
	}
	now := time.Now().Truncate(time.Second)
	d, err := demo.Ensure(filepath.Join(dir, "data"), now)
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
	data := agreementBundle(t, d, now)
	// In the data folder: the command finds the pinned key (bundle.pub) there.
	bundlePath := filepath.Join(d.Dir, "agreement.bundle")
	if err := os.WriteFile(bundlePath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tb, err := trust.Open(data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, now)
	if err != nil {
		t.Fatal(err)
	}
	var c checker
	if perr, verr := c.load(tb); perr != nil || verr != nil {
		t.Fatal(perr, verr)
	}

	// want pins a few verdicts, so that two paths agreeing on nonsense fail.
	want := map[[2]string]verify.Verdict{
		{"valid-test", "2g"}:                 verify.Invalid,
		{"valid-test", "eu-3g"}:              verify.Valid,
		{"valid-vaccination", "open"}:        verify.CannotVerify,
		{"valid-test", "open"}:               verify.Valid,
		{"expired", "2g"}:                    verify.Invalid,
		{"unknown-issuer", "signature-only"}: verify.CannotVerify,
	}
	pinned := 0
	for _, s := range samples {
		for _, policy := range []string{"2g", "eu-3g", "kr-vaccine-pass-2022-01-03", "signature-only", "open"} {
			o := c.check(s.Text, policy, now)
			var out, errOut bytes.Buffer
			cmd := exec.Command(bin, "verify", "--trust", bundlePath, "--policy", policy, "--json",
				"--at", now.Format(time.RFC3339), filepath.Join(d.Dir, "samples", s.Name+".txt"))
			cmd.Stdout, cmd.Stderr = &out, &errOut
			cmd.Run() // exit 1 for a verdict other than valid
			var line cliLine
			if err := json.Unmarshal(out.Bytes(), &line); err != nil {
				t.Fatalf("%s %s: %v: %q %s", s.Name, policy, err, out.String(), errOut.String())
			}
			name := s.Name + " under " + policy
			if line.Verdict != o.Verdict.String() {
				t.Errorf("%s: app %v, command line %s", name, o.Verdict, line.Verdict)
			}
			if w, ok := want[[2]string{s.Name, policy}]; ok {
				pinned++
				if o.Verdict != w {
					t.Errorf("%s: %v, want %v", name, o.Verdict, w)
				}
			}
			if o.Policy != policy {
				t.Errorf("%s: the app applied %q", name, o.Policy)
			}
			// The rules that did not pass, with their result.
			var appRules, cliRules []string
			for _, r := range o.Rules {
				appRules = append(appRules, r.ID+" "+r.Result)
			}
			if line.Rules != nil {
				for _, r := range *line.Rules {
					if r.Result != "passed" {
						cliRules = append(cliRules, r.ID+" "+r.Result)
					}
				}
			}
			if strings.Join(appRules, ",") != strings.Join(cliRules, ",") {
				t.Errorf("%s: rules not passed: app %v, command line %v", name, appRules, cliRules)
			}
			// Rules ran only on what verified, in both.
			if _, verified := (&verify.Verifier{Trust: tb, Revocations: tb}).Verify(s.Text, now).Verified(); (line.Rules != nil) != verified {
				t.Errorf("%s: command line rules ran %v, certificate verified %v", name, line.Rules != nil, verified)
			}
			// The same failure class.
			cliCode := ""
			if line.Error != nil {
				cliCode = line.Error.Code
			}
			appCode := map[string]string{wire.CodePolicy: "rule-failed", wire.CodeOpen: "rule-open"}[o.Code]
			if appCode == "" {
				appCode = o.Code
			}
			if appCode != cliCode {
				t.Errorf("%s: failure app %q, command line %q", name, appCode, cliCode)
			}
		}
	}
	if pinned != len(want) {
		t.Errorf("%d of %d pinned cases ran", pinned, len(want))
	}
}

// TestPolicyShownIsApplied: the policy the status line and the settings
// name (the page's menu) is the one the worker applies, for every choice,
// with a bundle that names a default and with one made before defaults
// existed (signature only in force, and said so).
func TestPolicyShownIsApplied(t *testing.T) {
	now := time.Now()
	d, err := demo.Ensure(t.TempDir(), now)
	if err != nil {
		t.Fatal(err)
	}
	samples, err := d.Samples(now)
	if err != nil {
		t.Fatal(err)
	}
	text := samples[0].Text
	withDefault := agreementBundle(t, d, now)
	var old bundle.Builder
	e := bundle.Entry{Source: "demo DSC"}
	e.KID, e.Country, e.Cert, e.Types = d.DSC.KID(), demo.Country, d.DSC.Cert.Raw, uint8(verify.TypesFromEKU(d.DSC.Cert.UnknownExtKeyUsage))
	old.Add(&bundle.Import{Entries: []bundle.Entry{e}})
	if old.Rules, err = rules.MarshalPolicies(rules.DefaultPolicies()); err != nil {
		t.Fatal(err)
	}
	oldData, err := bundle.Sign(old.Payload(98, now.Add(-time.Minute), time.Hour), d.BundleKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, def string
		data      []byte
	}{{"default 2g", "2g", withDefault}, {"bundle without a default", rules.SignatureOnly, oldData}} {
		tb, err := trust.Open(tc.data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, now)
		if err != nil {
			t.Fatal(err)
		}
		var c checker
		c.load(tb)
		// The menu crosses from the worker to the page in wire.BundleOpened.
		body, err := wire.Marshal(wire.BundleOpened{Policies: c.menu()})
		if err != nil {
			t.Fatal(err)
		}
		m, err := wire.Unmarshal(wire.KindBundleOpened, body)
		if err != nil {
			t.Fatal(err)
		}
		menu := m.(*wire.BundleOpened).Policies
		if !slices.ContainsFunc(menu.Choices, func(p wire.PolicyChoice) bool { return p.ID == rules.SignatureOnly }) {
			t.Errorf("%s: signature only is not on offer: %v", tc.name, menu.Choices)
		}
		for _, chosen := range []string{"", "eu-3g", "signature-only", "no-longer-offered"} {
			shown, ok := menu.InForce(chosen)
			applied := c.check(text, shown.ID, now).Policy
			if !ok || shown.ID != applied || shown.Label("en") == "" || shown.Label("ko") == "" {
				t.Errorf("%s, chosen %q: shown %q (%q), applied %q", tc.name, chosen, shown.ID, shown.Label("en"), applied)
			}
			if direct := c.check(text, chosen, now).Policy; direct != applied {
				t.Errorf("%s, chosen %q: the worker applies %q for the raw choice, %q for the shown one", tc.name, chosen, direct, applied)
			}
			if (chosen == "" || chosen == "no-longer-offered") && shown.ID != tc.def {
				t.Errorf("%s, chosen %q: %q in force, want the default %q", tc.name, chosen, shown.ID, tc.def)
			}
		}
	}
}
