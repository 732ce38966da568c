package wire

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"passcheck/verify"
)

// examples holds one message of every kind, with the fields JSON carries
// set (the JS objects a message carries travel beside its JSON: js_test.go).
func examples() []Message {
	dcc := &verify.DCC{Ver: "1.3.0", DOB: "1990-01-01", Nam: verify.Name{FN: "Muster", FNT: "MUSTER"}}
	return []Message{
		Init{Pinned: "MFkw,MFkx"},
		OpenBundle{MinSeq: 1<<53 + 1, Fresh: true},
		BundleOpened{Err: "refused", Code: RefusedRollback, Info: BundleInfo{Seq: 7, Len: 832,
			IssuedAt: time.Unix(1795662073, 0).UTC(), ExpiresAt: time.Unix(1795662073+3600, 0).UTC(),
			Fingerprint: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
			Policies: PolicyMenu{Choices: []PolicyChoice{{ID: "2g", Names: map[string]string{"en": "2G", "ko": "2G"}}}, Default: "2g"}},
		Choose{Policy: "eu-3g"},
		Resume{},
		Stream{},
		StreamStop{},
		StreamRefused{Why: "I420P10"},
		Frame{W: 576, H: 576, Whole: true},
		Photo{W: 2048, H: 1536},
		Text{Text: "HC1:6BF+70790T9WJWG"},
		NewShift{},
		Verdict{Read: true, At: 1795662073123, Check: 1.5, Decode: 8.25, Whole: true, AlreadyScanned: 1795662060000,
			Outcome: &Outcome{Verdict: verify.Valid, Verified: dcc, IssuedAt: 1, ExpiresAt: 2, Policy: "2g"}},
		Verdict{Outcome: &Outcome{Verdict: verify.Invalid, Step: verify.StepExpiry, Code: CodePolicy,
			Rules:          []RuleNote{{ID: "VR-1", Result: "failed", Text: map[string]string{"en": "x"}}},
			UnverifiedName: &dcc.Nam}},
		Verdict{},
	}
}

// Every message comes out of Marshal and Unmarshal as it went in, under its
// own kind, and the kinds are distinct.
func TestRoundTrip(t *testing.T) {
	kinds := map[Kind]bool{}
	for _, m := range examples() {
		body, err := Marshal(m)
		if err != nil {
			t.Fatalf("%s: %v", m.Kind(), err)
		}
		got, err := Unmarshal(m.Kind(), body)
		if err != nil {
			t.Fatalf("%s: %v (%s)", m.Kind(), err, body)
		}
		if g := reflect.ValueOf(got).Elem().Interface(); !reflect.DeepEqual(g, m) {
			t.Errorf("%s: got %+v, want %+v", m.Kind(), g, m)
		}
		kinds[m.Kind()] = true
	}
	// One of each kind, none forgotten by Unmarshal.
	for _, k := range []Kind{KindInit, KindOpenBundle, KindChoose, KindResume, KindStream, KindStreamStop,
		KindFrame, KindPhoto, KindText, KindNewShift, KindBundleOpened, KindVerdict, KindStreamRefused} {
		if !kinds[k] {
			t.Errorf("no example of %s", k)
		}
	}
}

func TestUnmarshalRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind Kind
		body string
	}{
		{"unknown kind", "scan", `{}`},
		{"no kind", "", `{}`},
		{"not JSON", KindText, `{"text":`},
		{"wrong type", KindFrame, `{"w":"wide"}`},
		{"too large", KindText, `{"text":"` + strings.Repeat("A", MaxBody) + `"}`},
	} {
		if m, err := Unmarshal(tc.kind, []byte(tc.body)); err == nil {
			t.Errorf("%s: accepted as %+v", tc.name, m)
		}
	}
}

// A Valid verdict without the verified certificate is never read as Valid.
func TestOutcomeValidNeedsCertificate(t *testing.T) {
	m, err := Unmarshal(KindVerdict, []byte(`{"outcome":{"verdict":2,"unverifiedName":{"fn":"X"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if o := m.(*Verdict).Outcome; o.Verdict != verify.CannotVerify {
		t.Errorf("read as %v", o.Verdict)
	}
	var o Outcome
	if err := json.Unmarshal([]byte(`{"verdict":2,"verified":{"ver":"1.3.0"}}`), &o); err != nil || o.Verdict != verify.Valid {
		t.Errorf("a valid outcome with its certificate: %v, %v", o.Verdict, err)
	}
}

// TestJS runs js_test.go (Post and Read through real JS values) under
// Node, the way Go runs js/wasm tests, when Node is installed.
func TestJS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package for js/wasm (-short)")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node to run js/wasm tests: ", err)
	}
	execJS := filepath.Join(runtime.GOROOT(), "lib", "wasm", "go_js_wasm_exec")
	if _, err := os.Stat(execJS); err != nil {
		t.Skip("no go_js_wasm_exec in GOROOT: ", err)
	}
	cmd := exec.Command("go", "test", "-count=1", "-exec", execJS, "-run", "^TestPostRead$", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ok") {
		t.Fatalf("js/wasm test: %v\n%s", err, out)
	}
}
