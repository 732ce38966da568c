//go:build !wasm

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
