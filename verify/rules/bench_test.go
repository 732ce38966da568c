package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// policy20 is a 20-rule policy that applies in full to a vaccination
// certificate: the 10 shipped rules that concern vaccinations (Korea, EU 3G,
// 2G), twice. It needs no files, so the benchmark also runs in a browser.
func policy20(tb testing.TB, clock time.Time) *Policy {
	tb.Helper()
	var rs []*Rule
	for _, p := range DefaultPolicies() {
		for _, r := range p.Rules {
			if r.Applies("Vaccination", clock) {
				rs = append(rs, r)
			}
		}
	}
	rs = append(rs, rs...)
	if len(rs) != 20 {
		tb.Fatalf("found %d rules, want 20", len(rs))
	}
	return &Policy{ID: "bench-20", Rules: rs}
}

// countries20 is 20 real General/Vaccination rules of the EU countries
// (testdata), all in force at the clock.
func countries20(tb testing.TB, clock time.Time) *Policy {
	tb.Helper()
	files, _ := filepath.Glob("../../testdata/business-rules/*/*/rule.json")
	sort.Strings(files)
	var rs []*Rule
	for _, f := range files {
		if len(rs) == 20 {
			break
		}
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Skip("no testdata here:", err)
		}
		r, err := ParseRule(b)
		if err != nil {
			tb.Fatal(err)
		}
		if r.Applies("Vaccination", clock) {
			rs = append(rs, r)
		}
	}
	if len(rs) != 20 {
		tb.Skipf("found %d country rules, want 20", len(rs))
	}
	return &Policy{ID: "countries-20", Rules: rs}
}

const benchPayload = `{"ver":"1.3.0","nam":{"fn":"Hong","fnt":"HONG","gn":"Gildong","gnt":"GILDONG"},
"dob":"1985-05-05","v":[{"tg":"840539006","vp":"1119349007","mp":"EU/1/20/1528","ma":"ORG-100030215",
"dn":3,"sd":3,"dt":"2022-01-10","co":"KR","is":"Demo issuer","ci":"URN:UVCI:01:KR:DEMO0001#X"}]}`

// BenchmarkPolicy evaluates a 20-rule policy on one vaccination payload,
// payload decoding included: what the app does once per scan.
func BenchmarkPolicy(b *testing.B) { benchPolicy(b, policy20) }

// BenchmarkPolicyCountries is BenchmarkPolicy with 20 real country rules.
func BenchmarkPolicyCountries(b *testing.B) { benchPolicy(b, countries20) }

func benchPolicy(b *testing.B, policy func(testing.TB, time.Time) *Policy) {
	clock := time.Date(2022, 3, 15, 12, 0, 0, 0, time.UTC)
	p := policy(b, clock)
	ext := External{ValueSets: DefaultValueSets(), ValidationClock: clock, CountryCode: "KR"}
	payload := json.RawMessage(benchPayload)
	res := p.Evaluate(payload, ext)
	if len(res) != 20 {
		b.Fatalf("%d rules applied, want 20", len(res))
	}
	for _, r := range res {
		if r.Result == Open {
			b.Fatalf("%s open: %v", r.ID, r.Err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p.Evaluate(payload, ext)
	}
}

// BenchmarkKoreaPolicy evaluates the shipped Korean policy (the 3 of its 8
// rules that concern a vaccination).
func BenchmarkKoreaPolicy(b *testing.B) {
	clock := time.Date(2022, 3, 15, 12, 0, 0, 0, time.UTC)
	p, _ := Find(DefaultPolicies(), "kr-vaccine-pass-2022-01-03")
	ext := External{ValueSets: DefaultValueSets(), ValidationClock: clock, CountryCode: "KR"}
	payload := json.RawMessage(benchPayload)
	if Overall(p.Evaluate(payload, ext)) != Passed {
		b.Fatal("booster should pass")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p.Evaluate(payload, ext)
	}
}

// BenchmarkParsePolicies parses the bundle form of the shipped policies:
// what the app does once when a trust bundle arrives.
func BenchmarkParsePolicies(b *testing.B) {
	raw, err := MarshalPolicies(DefaultPolicies())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePolicies(raw); err != nil {
			b.Fatal(err)
		}
	}
}
