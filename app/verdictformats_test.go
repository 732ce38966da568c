package app

import (
	"crypto"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"passcheck/app/wire"
	"passcheck/server/demo"
	"passcheck/verify"
	"passcheck/verify/trust"
)

// The verdict screen of the SMART Health Card and NZ COVID Pass demo
// samples, through the real verifier, the demo bundle and JSON: the format
// line (with the issuer only when verified), holder, key facts and the
// test-issuer warning, in English and Korean.
func TestVerdictViewFormats(t *testing.T) {
	now := time.Now().Truncate(time.Second)
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
	samples, err := d.FormatSamples(now)
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	for _, s := range samples {
		text[s.Name] = s.Text
	}
	v := verify.Verifier{Trust: b, Revocations: b, SHC: b.SHCIssuers(), NZCP: b.NZCPIssuers()}
	for _, tc := range []struct {
		sample, lang string
		verdict      verify.Verdict
		format       string
		name, dob    string   // verified holder ("" for none)
		unverified   string   // the unverified name
		facts        []string // lines of the summary
	}{
		{"shc-valid", "en", verify.Valid, "SMART Health Card — Passcheck DEMO SMART issuer", "Valid Card DEMO", "1990-01-01", "",
			[]string{"Vaccination · 2 doses completed", "Pfizer-BioNTech (CVX 208) · dose 2 · " + now.AddDate(0, 0, -30).UTC().Format(time.DateOnly)}},
		{"shc-valid", "ko", verify.Valid, "SMART Health Card — Passcheck DEMO SMART issuer", "Valid Card DEMO", "1990-01-01", "",
			[]string{"예방접종 · 2회 완료", "Pfizer-BioNTech (CVX 208) · 1차 · " + now.AddDate(0, 0, -60).UTC().Format(time.DateOnly)}},
		{"nzcp-valid", "en", verify.Valid, "NZ COVID Pass — Passcheck DEMO NZCP issuer", "Valid Pass DEMO", "1990-01-01", "",
			[]string{"Valid until " + now.AddDate(1, 0, 0).Local().Format(time.DateOnly)}},
		{"nzcp-valid", "ko", verify.Valid, "뉴질랜드 코로나19 패스 — Passcheck DEMO NZCP issuer", "Valid Pass DEMO", "1990-01-01", "", nil},
		{"shc-bad-signature", "en", verify.Invalid, "SMART Health Card", "", "", "Bad Signature DEMO", nil},
		{"nzcp-expired", "ko", verify.Invalid, "뉴질랜드 코로나19 패스", "", "", "Expired Pass DEMO", nil},
	} {
		o := wire.NewOutcome(v.VerifyAny(text[tc.sample], now))
		raw, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		var back wire.Outcome
		if err := json.Unmarshal(raw, &back); err != nil {
			t.Fatal(err)
		}
		m := newVerdictModel(back, tc.lang, now)
		id := tc.sample + "/" + tc.lang
		if m.Verdict != tc.verdict || m.Format != tc.format || m.Name != tc.name || m.DOB != tc.dob || m.UnverifiedName != tc.unverified {
			t.Errorf("%s: %v %q name %q dob %q unverified %q, want %v %q %q %q %q", id, m.Verdict, m.Format, m.Name, m.DOB,
				m.UnverifiedName, tc.verdict, tc.format, tc.name, tc.dob, tc.unverified)
		}
		if m.TestIssuer != (tc.verdict == verify.Valid) {
			t.Errorf("%s: test issuer %v", id, m.TestIssuer)
		}
		if tc.verdict != verify.Valid && len(m.Summary) > 0 {
			t.Errorf("%s: unverified facts shown: %q", id, m.Summary)
		}
		for _, f := range tc.facts {
			if !slices.Contains(m.Summary, f) {
				t.Errorf("%s: facts %q lack %q", id, m.Summary, f)
			}
		}
		for _, s := range m.Summary {
			if strings.Contains(s, "%!") {
				t.Errorf("%s: bad format verb in %q", id, s)
			}
		}
	}
}

// A long SMART record lists its count and only its last maxShots doses.
func TestOtherModelBounded(t *testing.T) {
	s := &verify.Summary{Format: verify.FormatSHC, Name: "A", DOB: "2000"}
	for i := 1; i <= 40; i++ {
		s.Statements = append(s.Statements, verify.Statement{Kind: "vaccination", Code: "207", System: cvxSystem, Dose: i, Date: "2021-01-01"})
	}
	var m verdictModel
	otherModel(&m, wire.Outcome{Verdict: verify.Valid, Format: verify.FormatSHC, Other: s}, "en")
	if len(m.Summary) != 1+maxShots || m.Summary[0] != "Vaccination · 40 doses completed" || !strings.Contains(m.Summary[maxShots], "dose 40") {
		t.Errorf("summary %q", m.Summary)
	}
}
