//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"passcheck/server/datadir"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	shcData    = "../../../testdata/shc/"
	nzcpData   = "../../../testdata/nzcp/examples/"
	shcIssuer  = "https://spec.smarthealth.cards/examples/issuer"
	formatsAt  = "2024-06-01T00:00:00Z"
	shcExample = shcData + "examples/example-"
)

func shcFlags() []string {
	return []string{"--json", "--at", formatsAt, "--shc-jwks", shcIssuer + "=" + shcData + "issuer/.well-known/jwks.json",
		"--nzcp-did", nzcpData + "valid/did.json"}
}

func TestVerifyFormats(t *testing.T) {
	code, out, errs := run(t, "", append(shcFlags(),
		shcExample+"00-f-qr-code-numeric-value-0.txt",
		nzcpData+"valid/nzcp.txt",
		nzcpData+"invalid/nzcp-expired-payload.txt")...)
	lines := decodeLines(t, out)
	if code != 1 || len(lines) != 3 {
		t.Fatalf("exit %d, %s %s", code, out, errs)
	}
	for i, want := range []struct{ format, verdict, name, code string }{
		{"shc", "valid", "John B. Anyperson", ""},
		{"nzcp", "valid", "Jack Sparrow", ""},
		{"nzcp", "invalid", "Jack Sparrow", "expired"},
	} {
		m := lines[i]
		c, _ := m["credential"].(map[string]any)
		e, _ := m["error"].(map[string]any)
		if m["format"] != want.format || m["verdict"] != want.verdict || c["name"] != want.name ||
			want.code != "" && e["code"] != want.code || m["dcc"] != nil {
			t.Errorf("line %d: %v", i, m)
		}
	}
	if st := lines[0]["credential"].(map[string]any)["statements"].([]any); len(st) != 3 ||
		st[2].(map[string]any)["code"] != "229" || st[2].(map[string]any)["dose"] != 3.0 {
		t.Errorf("statements %v", st)
	}
}

func TestVerifyChunkedSHC(t *testing.T) {
	args := shcFlags()
	for _, i := range []string{"2", "0", "1"} {
		args = append(args, shcExample+"02-f-qr-code-numeric-value-"+i+".txt")
	}
	code, out, errs := run(t, "", args...)
	lines := decodeLines(t, out)
	if code != 0 || len(lines) != 3 {
		t.Fatalf("exit %d, %s %s", code, out, errs)
	}
	for i, m := range lines[:2] {
		if e, _ := m["error"].(map[string]any); m["verdict"] != "cannot-verify" || e["code"] != "partial" ||
			!strings.Contains(e["message"].(string), []string{"1 of 3", "2 of 3"}[i]) {
			t.Errorf("chunk %d: %v", i, m)
		}
	}
	if lines[2]["verdict"] != "valid" || lines[2]["format"] != "shc" {
		t.Errorf("assembled: %v", lines[2])
	}
	// Two of three chunks: never complete, exit 1.
	code, _, _ = run(t, "", args[:len(args)-1]...)
	if code != 1 {
		t.Errorf("incomplete: exit %d", code)
	}
}

func TestVerifySHCRevokedAndHuman(t *testing.T) {
	dir := t.TempDir()
	crl := filepath.Join(dir, "crl.json")
	os.WriteFile(crl, []byte(`{"kid":"3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s","method":"rid","ctr":1,"rids":["vwAjHdarZuc"]}`), 0o644)
	args := append(shcFlags()[1:], "--shc-crl", shcIssuer+"="+crl, shcExample+"03-f-qr-code-numeric-value-0.txt")
	code, out, errs := run(t, "", args...)
	for _, want := range []string{": INVALID", "reason: revocation: shc: card revoked", "format: SMART Health Card",
		"name (unverified): Johnny Revoked, born 1960-04-22"} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("exit %d, output lacks %q:\n%s%s", code, want, out, errs)
		}
	}
	code, out, _ = run(t, "", append(shcFlags()[1:], shcExample+"00-f-qr-code-numeric-value-0.txt")...)
	for _, want := range []string{": VALID", "name: John B. Anyperson, born 1951-01-20",
		"vaccination: http://hl7.org/fhir/sid/cvx 207 on 2021-01-01 (completed)", "issuer: " + shcIssuer} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
}

func TestVerifyFormatFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--shc-jwks", shcIssuer + "=" + shcData + "dev-tools/wrong_kid_key.json"}, "not the key's thumbprint"},
		{[]string{"--shc-jwks", "http://x=" + shcData + "issuer/.well-known/jwks.json"}, "https://"},
		{[]string{"--shc-crl", shcIssuer + "=" + shcData + "issuer/.well-known/jwks.json"}, "no --shc-jwks"},
		{[]string{"--shc-jwks", "nofile"}, "ISSUER_URL=FILE"},
		{[]string{"--nzcp-did", shcData + "issuer/.well-known/jwks.json"}, "did:web"},
	} {
		code, _, errs := run(t, "", append(tc.args, "-")...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, %q", tc.args, code, errs)
		}
	}
	// Without trust, an SMART card cannot be verified.
	code, out, _ := run(t, "", "--json", "--at", formatsAt, shcExample+"00-f-qr-code-numeric-value-0.txt")
	if m := decodeLines(t, out)[0]; code != 1 || m["verdict"] != "cannot-verify" || m["error"].(map[string]any)["code"] != "unknown-key" {
		t.Errorf("no trust: %v", m)
	}
}

func TestVerifyHC1Format(t *testing.T) {
	dir, v := vectorFiles(t, "AT/2DCode/raw/1.json")
	code, out, _ := run(t, "", "--json", "--cert", dir+"/dsc.pem", "--at", v.Context.Clock, dir+"/qr.txt")
	if m := decodeLines(t, out)[0]; code != 0 || m["format"] != "hc1" || m["credential"] != nil || m["dcc"] == nil {
		t.Errorf("exit %d: %v", code, m)
	}
	code, out, _ = run(t, "hello", "--json", "-")
	if m := decodeLines(t, out)[0]; code != 1 || m["format"] != nil {
		t.Errorf("not a health credential: exit %d: %v", code, m)
	}
}

// trust build with SMART and NZCP issuers, trust show, then verify --trust
// with the bundle: its issuers of every format are used.
func TestTrustBuildFormats(t *testing.T) {
	dir, _ := initDir(t)
	out := filepath.Join(dir, "formats.bundle") // beside bundle.pub
	crl := filepath.Join(t.TempDir(), "crl.json")
	os.WriteFile(crl, []byte(`{"kid":"3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s","method":"rid","ctr":1,"rids":["vwAjHdarZuc"]}`), 0o644)
	args := []string{"--shc-jwks", shcIssuer + "=" + shcData + "issuer/.well-known/jwks.json", "--shc-crl", shcIssuer + "=" + crl,
		"--nzcp-did", nzcpData + "valid/did.json", "--test-issuers",
		"--key", filepath.Join(dir, "bundle.key.pem"), "--seq", "5", "--ttl", "1h", "-o", out}
	var stdout, stderr bytes.Buffer
	if code := trustBuild(args, &stdout, &stderr); code != 0 {
		t.Fatalf("build: %d %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "other formats: 1 SMART Health Card issuers, 1 NZ COVID Pass issuers") {
		t.Errorf("build output:\n%s", stdout.String())
	}
	stdout.Reset()
	if code := trustShow([]string{"--data", dir, "--at", time.Now().Format(time.RFC3339), out}, &stdout, &stderr); code != 0 {
		t.Fatalf("show: %d %s", code, stderr.String())
	}
	var shown bundleJSON
	if err := json.Unmarshal(stdout.Bytes(), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.SHCIssuers) != 1 || len(shown.SHCIssuers[0].KIDs) != 2 || shown.SHCIssuers[0].Revoked != 1 || !shown.SHCIssuers[0].Test ||
		len(shown.NZCPIssuers) != 1 || shown.NZCPIssuers[0].KIDs[0] != "key-1" {
		t.Errorf("show: %+v %+v", shown.SHCIssuers, shown.NZCPIssuers)
	}
	// trust build signs at the wall clock, so verify runs at now too: the
	// SMART card has no exp and the NZCP pass expires 2031-11-02 (this
	// test must move to a pinned clock by then); 03 is revoked and, by now,
	// past its exp as well.
	var o, e bytes.Buffer
	code := verifyMain([]string{"--json", "--trust", out, shcExample + "00-f-qr-code-numeric-value-0.txt",
		nzcpData + "valid/nzcp.txt", shcExample + "03-f-qr-code-numeric-value-0.txt"}, strings.NewReader(""), &o, &e, time.Now)
	lines := decodeLines(t, o.String())
	if code != 1 || len(lines) != 3 || lines[0]["verdict"] != "valid" || lines[1]["verdict"] != "valid" ||
		lines[2]["verdict"] != "invalid" || lines[2]["steps"].(map[string]any)["revocation"] != false {
		t.Fatalf("exit %d: %s %s", code, o.String(), e.String())
	}
	if c := lines[0]["credential"].(map[string]any); c["testIssuer"] != true {
		t.Errorf("credential %v", c)
	}
	// Bad inputs are named.
	for _, bad := range [][]string{{"--shc-jwks", "nofile"}, {"--vci-snapshot", nzcpData + "valid/did.json"}} {
		stderr.Reset()
		a := append(bad, "--key", filepath.Join(dir, "bundle.key.pem"), "--seq", "6", "-o", out)
		if code := trustBuild(a, &stdout, &stderr); code == 0 || stderr.Len() == 0 {
			t.Errorf("%v: exit %d", bad, code)
		}
	}
}

// init writes the samples of every format; issue --sample knows them.
func TestFormatSamplesCLI(t *testing.T) {
	dir, _ := initDir(t)
	for _, n := range []string{"shc-valid", "shc-chunked-2", "nzcp-valid"} {
		b, err := os.ReadFile(filepath.Join(dir, "samples", n+".txt"))
		if err != nil || !strings.HasPrefix(string(b), map[bool]string{true: "shc:/", false: "NZCP:/1/"}[strings.HasPrefix(n, "shc")]) {
			t.Errorf("%s: %v %.20s", n, err, b)
		}
	}
	var out, errb bytes.Buffer
	if code := issueCmd([]string{"--data", dir, "--sample", "nzcp-valid"}, time.Now(), strings.NewReader(""), &out, &errb); code != 0 ||
		!strings.HasPrefix(out.String(), "NZCP:/1/") {
		t.Fatalf("issue: %d %s %s", code, out.String(), errb.String())
	}
	// The demo bundle verifies it.
	var o, e bytes.Buffer
	code := verifyMain([]string{"--trust", filepath.Join(dir, datadir.BundleFile), "-"}, strings.NewReader(out.String()), &o, &e, time.Now)
	if code != 0 || !strings.Contains(o.String(), "Passcheck DEMO NZCP issuer") || !strings.Contains(o.String(), "[TEST ISSUER]") {
		t.Errorf("verify: %d %s %s", code, o.String(), e.String())
	}
}
