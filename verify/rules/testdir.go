package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"passcheck/verify/certlogic"
)

// MaxTestBytes bounds one rule test file.
const MaxTestBytes = 1 << 20

// TestResult is the outcome of one rule test of the EU business-rules
// test-data layout: <dir>/<RuleID>/rule.json with tests/*.json holding
// {"name", "payload", "external", "expected"}.
type TestResult struct {
	File     string // the test file (or rule.json when the rule itself is broken)
	Rule     string // the rule's Identifier, when it parsed
	Name     string // the test's name
	Expected bool   // whether the rule should pass
	Got      Result
	Err      error // a broken rule or test file, or why the rule was open
	Pass     bool
}

func (t TestResult) String() string {
	if t.Pass {
		return fmt.Sprintf("ok   %s", t.File)
	}
	msg := fmt.Sprintf("FAIL %s", t.File)
	if t.Rule != "" {
		msg += " " + t.Rule
	}
	if t.Name != "" {
		msg += fmt.Sprintf(" %q", t.Name)
	}
	if t.Err == nil || t.Got == Open {
		msg += fmt.Sprintf(": expected %v, got %s", t.Expected, t.Got)
	}
	if t.Err != nil {
		msg += ": " + t.Err.Error()
	}
	return msg
}

type testJSON struct {
	Name     string          `json:"name"`
	Payload  json.RawMessage `json:"payload"`
	External json.RawMessage `json:"external"`
	Expected *bool           `json:"expected"`
}

// RunTests runs every test of every rule.json under fsys, in file order. A
// rule that does not parse, or a test file that does not, is one failed
// result. Each test evaluates the rule's logic on {payload, external} as
// given, the way upstream's runner does: the rule passes only on true.
func RunTests(fsys fs.FS) ([]TestResult, error) {
	var rules []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == "rule.json" {
			rules = append(rules, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(rules)
	var out []TestResult
	for _, rf := range rules {
		b, err := readFile(fsys, rf, MaxRuleBytes)
		if err != nil && !errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		var r *Rule
		if err == nil {
			r, err = ParseRule(b)
		}
		if err != nil {
			out = append(out, TestResult{File: rf, Err: err})
			continue
		}
		tests, err := fs.Glob(fsys, path.Join(path.Dir(rf), "tests", "*.json"))
		if err != nil {
			return nil, err
		}
		sort.Strings(tests)
		for _, tf := range tests {
			out = append(out, runTest(fsys, r, tf))
		}
	}
	return out, nil
}

func runTest(fsys fs.FS, r *Rule, tf string) TestResult {
	res := TestResult{File: tf, Rule: r.Identifier}
	b, err := readFile(fsys, tf, MaxTestBytes)
	var t testJSON
	if err == nil {
		_, err = certlogic.DecodeJSON(b) // duplicate keys, trailing data
	}
	if err == nil {
		d := json.NewDecoder(bytes.NewReader(b))
		d.DisallowUnknownFields()
		err = d.Decode(&t)
	}
	if err == nil && t.Expected == nil {
		err = fmt.Errorf("no \"expected\"")
	}
	var payload, external any
	if err == nil && t.Payload != nil {
		payload, err = certlogic.DecodeJSON(t.Payload)
	}
	if err == nil && t.External != nil {
		external, err = certlogic.DecodeJSON(t.External)
	}
	if err != nil {
		res.Err = fmt.Errorf("bad test file: %w", err)
		return res
	}
	res.Name, res.Expected = t.Name, *t.Expected
	res.Got, res.Err = r.Eval(map[string]any{"payload": payload, "external": external})
	res.Pass = (res.Got == Passed) == res.Expected
	return res
}
