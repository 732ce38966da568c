package rules

import (
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"passcheck/verify/certlogic"
)

func ruleWith(logic string) []byte {
	return []byte(`{"Identifier":"GR-XX-0001","Type":"Acceptance","Country":"XX","Version":"1.0.0",
"SchemaVersion":"1.0.0","Engine":"CERTLOGIC","EngineVersion":"1.3.3","CertificateType":"General",
"Description":[{"lang":"en","desc":"A hostile rule for the tests."}],"ValidFrom":"2021-01-01T00:00:00Z",
"ValidTo":"2030-01-01T00:00:00Z","AffectedFields":[],"Logic":` + logic + `}`)
}

// Hostile rules are refused when parsed, or stopped within bounds when
// evaluated; either way the venue sees the rule as not passed.
func TestHostileRules(t *testing.T) {
	deep := strings.Repeat(`{"!":[`, 200) + "true" + strings.Repeat(`]}`, 200)
	if _, err := ParseRule(ruleWith(deep)); !errors.Is(err, ErrRule) || !errors.Is(err, certlogic.ErrDepth) {
		t.Errorf("deep nesting: got %v, want ErrRule and certlogic.ErrDepth", err)
	}
	if _, err := ParseRule(ruleWith(`"` + strings.Repeat("x", MaxRuleBytes) + `"`)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversize rule: got %v, want ErrTooLarge", err)
	}
	for name, b := range map[string][]byte{
		"unknown operator": ruleWith(`{"eval":["x"]}`),
		"not an operation": ruleWith(`true`),
		"unknown field":    []byte(strings.Replace(string(ruleWith(`{"var":"x"}`)), `"Type"`, `"Extra":1,"Type"`, 1)),
		"duplicate key":    []byte(strings.Replace(string(ruleWith(`{"var":"x"}`)), `"Type"`, `"Country":"YY","Type"`, 1)),
		"no English":       []byte(strings.Replace(string(ruleWith(`{"var":"x"}`)), `"lang":"en"`, `"lang":"de"`, 1)),
		"bad identifier":   []byte(strings.Replace(string(ruleWith(`{"var":"x"}`)), `GR-XX-0001`, `GR-XX-1`, 1)),
		"bad timestamp":    []byte(strings.Replace(string(ruleWith(`{"var":"x"}`)), `2021-01-01T00:00:00Z`, `2021-01-01`, 1)),
		"trailing data":    append(ruleWith(`{"var":"x"}`), "{}"...),
	} {
		if _, err := ParseRule(b); !errors.Is(err, ErrRule) {
			t.Errorf("%s: got %v, want ErrRule", name, err)
		}
	}

	// A reduce nested in a reduce over the payload's array: 5000 × 5000
	// lambda calls stop at the step limit; the rule is open, not passed.
	huge, err := ParseRule(ruleWith(`{"reduce":[{"var":"payload.x"},
		{"reduce":[{"var":"data.payload.x"},{"+":[{"var":"accumulator"},1]},0]},0]}`))
	if err != nil {
		t.Fatal(err)
	}
	p := &Policy{ID: "hostile", Rules: []*Rule{huge}}
	payload := `{"x":[` + strings.TrimSuffix(strings.Repeat("0,", 5000), ",") + `]}`
	ext := External{ValidationClock: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)}
	res := p.Evaluate(json.RawMessage(payload), ext)
	if len(res) != 1 || res[0].Result != Open || !errors.Is(res[0].Err, certlogic.ErrSteps) || Overall(res) == Passed {
		t.Errorf("nested reduce: %+v", res)
	}
	// A payload array beyond the decoder's bound never reaches the rule.
	payload = `{"x":[` + strings.TrimSuffix(strings.Repeat("0,", 20000), ",") + `]}`
	res = p.Evaluate(json.RawMessage(payload), ext)
	if len(res) != 1 || res[0].Result != Open || !errors.Is(res[0].Err, certlogic.ErrSize) {
		t.Errorf("huge payload: %+v", res)
	}
	// Policies: too many, malformed, duplicate IDs.
	for name, doc := range map[string]string{
		"not an object":  `[]`,
		"no policies":    `{}`,
		"bad id":         `{"policies":[{"id":"Bad ID","name":{"en":"x","ko":"x"},"description":{"en":"x","ko":"x"},"rules":[]}]}`,
		"no Korean":      `{"policies":[{"id":"a","name":{"en":"x"},"description":{"en":"x","ko":"x"},"rules":[]}]}`,
		"duplicate":      `{"policies":[{"id":"a","name":{"en":"x","ko":"x"},"description":{"en":"x","ko":"x"},"rules":[]},{"id":"a","name":{"en":"x","ko":"x"},"description":{"en":"x","ko":"x"},"rules":[]}]}`,
		"unknown member": `{"policies":[],"x":1}`,
	} {
		if _, err := ParsePolicies([]byte(doc)); !errors.Is(err, ErrPolicy) {
			t.Errorf("%s: got %v, want ErrPolicy", name, err)
		}
	}
	if _, err := ParsePolicies(make([]byte, MaxPolicyBytes+1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversize policies: got %v", err)
	}
}

// Oversize files are refused before they are read in full.
func TestOversizeFiles(t *testing.T) {
	big := &fstest.MapFile{Data: make([]byte, MaxRuleBytes+1)}
	fsys := fstest.MapFS{
		"XX/VR-XX-0001/rule.json":          big,
		"p/policy.json":                    big,
		"vs/big.json":                      &fstest.MapFile{Data: make([]byte, MaxValueSetBytes+1)},
		"YY/VR-YY-0001/rule.json":          &fstest.MapFile{Data: ruleWith(`{"var":"x"}`)},
		"YY/VR-YY-0001/tests/test001.json": &fstest.MapFile{Data: make([]byte, MaxTestBytes+1)},
	}
	res, err := RunTests(fsys)
	if err != nil || len(res) != 2 {
		t.Fatalf("RunTests: %v, %+v", err, res)
	}
	for _, r := range res {
		if r.Pass || !errors.Is(r.Err, ErrTooLarge) {
			t.Errorf("%s: %+v", r.File, r)
		}
	}
	if _, err := LoadPolicies(fsys); !errors.Is(err, ErrTooLarge) {
		t.Errorf("LoadPolicies: %v", err)
	}
	sub, _ := fs.Sub(fsys, "vs")
	if _, err := LoadValueSets(sub); !errors.Is(err, ErrTooLarge) {
		t.Errorf("LoadValueSets: %v", err)
	}
}
