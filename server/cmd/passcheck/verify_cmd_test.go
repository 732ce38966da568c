//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"passcheck/internal/dgctestdata"
	"passcheck/verify"
	"passcheck/verify/trust"
)

const vectors = "../../../testdata/dgc-testdata"

// vectorFiles writes a vector's QR text, PNG and DSC (PEM, DER and base64)
// to a temporary folder.
func vectorFiles(t *testing.T, name string) (dir string, v *dgctestdata.Vector) {
	t.Helper()
	v, err := dgctestdata.ReadFile(filepath.Join(vectors, name))
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	der, err := v.CertificateDER()
	if err != nil {
		t.Fatal(err)
	}
	write := func(n string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("qr.txt", []byte(v.Prefix+"\n"))
	write("dsc.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	write("dsc.der", der)
	write("dsc.b64", []byte(v.Context.Certificate+"\n"))
	p, err := v.Picture()
	if err != nil {
		t.Fatal(err)
	}
	if p != nil {
		write("qr.png", p)
	}
	return dir, v
}

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	now := func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }
	code = verifyMain(args, strings.NewReader(stdin), &out, &errb, now)
	return code, out.String(), errb.String()
}

// contractKeys are the only top-level keys of a --json line.
var contractKeys = map[string]bool{"input": true, "verdict": true, "text": true, "steps": true, "error": true,
	"kid": true, "issuer": true, "issuedAt": true, "expiresAt": true, "dcc": true, "format": true, "credential": true}

func decodeLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not one JSON object per line: %q: %v", l, err)
		}
		for k := range m {
			if !contractKeys[k] {
				t.Errorf("unexpected key %q", k)
			}
		}
		lines = append(lines, m)
	}
	return lines
}

func stepsOf(m map[string]any) string {
	steps, _ := m["steps"].(map[string]any)
	var s []string
	for k, v := range steps {
		s = append(s, k+"="+map[bool]string{true: "t", false: "f"}[v.(bool)])
	}
	sort.Strings(s)
	return strings.Join(s, " ")
}

func TestVerifyValidVector(t *testing.T) {
	dir, v := vectorFiles(t, "AT/2DCode/raw/1.json")
	const allText = "base45=t cose=t expiry=t keyUsage=t payload=t prefix=t schema=t signature=t zlib=t"
	for _, c := range []struct {
		name, stdin string
		args        []string
		steps       string
	}{
		{"text file, PEM cert", "", []string{"--cert", dir + "/dsc.pem", "--at", v.Context.Clock, "--json", dir + "/qr.txt"}, allText},
		{"DER cert", "", []string{"--cert", dir + "/dsc.der", "--at", v.Context.Clock, "--json", dir + "/qr.txt"}, allText},
		{"base64 cert", "", []string{"--cert", dir + "/dsc.b64", "--at", v.Context.Clock, "--json", dir + "/qr.txt"}, allText},
		{"stdin", v.Prefix + "\n", []string{"--cert", dir + "/dsc.pem", "--at", v.Context.Clock, "--json", "-"}, allText},
		{"stdin with BOM and CRLF", "\xef\xbb\xbf" + v.Prefix + "\r\n", []string{"--cert", dir + "/dsc.pem", "--at", v.Context.Clock, "--json", "-"}, allText},
		{"PNG", "", []string{"--cert", dir + "/dsc.pem", "--at", v.Context.Clock, "--json", dir + "/qr.png"}, allText + " picture=t"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, c.stdin, c.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s %s", code, out, errs)
			}
			m := decodeLines(t, out)[0]
			want := strings.Fields(c.steps)
			sort.Strings(want)
			if got := stepsOf(m); got != strings.Join(want, " ") {
				t.Errorf("steps %s, want %s", got, strings.Join(want, " "))
			}
			if m["verdict"] != "valid" || m["text"] != v.Prefix || m["issuer"] != "AT" || m["kid"] != "2Rk3X8HntrI=" ||
				m["issuedAt"] != "2021-05-06T18:00:00Z" || m["expiresAt"] != "2021-11-02T18:00:00Z" || m["error"] != nil {
				t.Errorf("line %v", m)
			}
			dcc, _ := m["dcc"].(map[string]any)
			if nam, _ := dcc["nam"].(map[string]any); nam["fnt"] != "MUSTERFRAU<GOESSINGER" {
				t.Errorf("dcc %v", dcc)
			}
		})
	}
}

func TestVerifyFailures(t *testing.T) {
	dir, v := vectorFiles(t, "AT/2DCode/raw/1.json")
	co5, v5 := vectorFiles(t, "common/2DCode/raw/CO5.json")
	blank := filepath.Join(t.TempDir(), "blank.png")
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 64, 64)))
	os.WriteFile(blank, buf.Bytes(), 0o644)
	notHC := filepath.Join(t.TempDir(), "x.txt")
	os.WriteFile(notHC, []byte("https://example.org/\n"), 0o644)

	for _, c := range []struct {
		name          string
		args          []string
		verdict, step string
		code          string
		steps         string
		dcc           bool
	}{
		{"expired", []string{"--cert", dir + "/dsc.pem", "--at", "2022-01-01T00:00:00Z", dir + "/qr.txt"},
			"invalid", "expiry", "expired", "base45=t cose=t expiry=f keyUsage=t payload=t prefix=t schema=t signature=t zlib=t", true},
		{"unknown key", []string{"--at", v.Context.Clock, dir + "/qr.txt"},
			"cannot-verify", "signature", "unknown-key", "base45=t cose=t expiry=t payload=t prefix=t schema=t signature=f zlib=t", true},
		{"bad signature: later steps still run", []string{"--cert", co5 + "/dsc.pem", "--at", v5.Context.Clock, co5 + "/qr.txt"},
			"invalid", "signature", "signature", "base45=t cose=t expiry=t keyUsage=t payload=t prefix=t schema=t signature=f zlib=t", true},
		{"not a health certificate", []string{notHC}, "cannot-verify", "prefix", "not-health-cert", "prefix=f", false},
		{"picture without a QR code", []string{blank}, "cannot-verify", "picture", "no-qr", "picture=f", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, "", append([]string{"--json"}, c.args...)...)
			if code != 1 {
				t.Fatalf("exit %d: %s %s", code, out, errs)
			}
			m := decodeLines(t, out)[0]
			e, _ := m["error"].(map[string]any)
			if m["verdict"] != c.verdict || e["step"] != c.step || e["code"] != c.code || e["message"] == "" {
				t.Errorf("verdict %v, error %v", m["verdict"], e)
			}
			if got := stepsOf(m); got != c.steps {
				t.Errorf("steps %s, want %s", got, c.steps)
			}
			if _, ok := m["dcc"]; ok != c.dcc {
				t.Errorf("dcc present %v, want %v", ok, c.dcc)
			}
		})
	}
}

func TestVerifyManyInputs(t *testing.T) {
	dir, v := vectorFiles(t, "AT/2DCode/raw/1.json")
	code, out, _ := run(t, "", "--json", "--cert", dir+"/dsc.pem", "--at", v.Context.Clock, dir+"/qr.txt", dir+"/qr.png")
	if code != 0 || len(decodeLines(t, out)) != 2 {
		t.Fatalf("two valid: exit %d, %q", code, out)
	}
	code, out, _ = run(t, "HC1:XYZ", "--json", "--cert", dir+"/dsc.pem", "--at", v.Context.Clock, dir+"/qr.txt", "-")
	lines := decodeLines(t, out)
	if code != 1 || len(lines) != 2 || lines[0]["verdict"] != "valid" || lines[1]["verdict"] != "invalid" || lines[1]["input"] != "-" {
		t.Fatalf("valid then invalid: exit %d, %q", code, out)
	}
}

func TestVerifyHuman(t *testing.T) {
	dir, v := vectorFiles(t, "AT/2DCode/raw/1.json")
	code, out, _ := run(t, "", "--cert", dir+"/dsc.pem", "--at", v.Context.Clock, dir+"/qr.txt")
	for _, want := range []string{": VALID", "Musterfrau-Gößinger, Gabriele", "vaccination, dose 1/2 on 2021-02-18", "issuer: AT"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
	code, out, _ = run(t, "", "--cert", dir+"/dsc.pem", "--at", "2022-01-01T00:00:00Z", dir+"/qr.txt")
	for _, want := range []string{": INVALID", "reason: expiry: certificate expired", "name (unverified): Musterfrau"} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
}

func TestVerifyUsageErrors(t *testing.T) {
	dir, _ := vectorFiles(t, "AT/2DCode/raw/1.json")
	for _, args := range [][]string{
		{},
		{"--json"},
		{"--at", "yesterday", dir + "/qr.txt"},
		{"--bogus", dir + "/qr.txt"},
		{"--cert", dir + "/qr.txt", dir + "/qr.txt"},
		{"--cert", dir + "/missing.pem", dir + "/qr.txt"},
		{"--trust", dir + "/missing.bundle", dir + "/qr.txt"},
		{dir + "/missing.txt"},
	} {
		if code, out, errs := run(t, "", args...); code != 2 || errs == "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and a message", args, code, out, errs)
		}
	}
}

// revokedStore is a bundle-like store that revokes one kid.
type revokedStore struct{ kid string }

func (revokedStore) Lookup([]byte) []*verify.Key  { return nil }
func (s revokedStore) KIDRevoked(kid []byte) bool { return string(kid) == s.kid }
func (revokedStore) Usable(time.Time) error       { return nil }

// A --cert beside --trust must not un-revoke a DSC the bundle revoked.
func TestJoinedStoresKeepRevokedKIDs(t *testing.T) {
	ks := verify.NewKeySet(&verify.Key{KID: []byte("12345678")})
	j := joinStores(revokedStore{kid: "12345678"}, ks)
	kr, ok := j.(verify.KeyRevocations)
	if !ok || !kr.KIDRevoked([]byte("12345678")) || kr.KIDRevoked([]byte("87654321")) {
		t.Fatal("the joined store lost the bundle's revoked kids")
	}
}

// --at reads every clock form of the EU test data with verify.ParseClock,
// the conformance test's parser, so that the command reproduces a vector's
// verdict at its own VALIDATIONCLOCK.
func TestVerifyAtClockForms(t *testing.T) {
	for _, c := range []struct{ vector, form string }{
		{"DE/2DCode/raw/1.json", "RFC 3339"},             // 2021-06-01T20:00:00+02:00
		{"LT/2DCode/raw/1.json", "basic offset"},         // 2022-01-18T09:53:44.686+0000
		{"GE/2DCode/raw/1.json", "no zone, read as UTC"}, // 2021-10-01T00:15:17
	} {
		t.Run(c.form, func(t *testing.T) {
			dir, v := vectorFiles(t, c.vector)
			at, err := verify.ParseClock(v.Context.Clock)
			if err != nil {
				t.Fatal(err)
			}
			der, _ := v.CertificateDER()
			key, err := trust.KeyFromDER(der)
			if err != nil {
				t.Fatal(err)
			}
			want := (&verify.Verifier{Trust: verify.NewKeySet(key)}).Verify(v.Prefix, at)
			code, out, errOut := run(t, "", "--json", "--at", v.Context.Clock, "--cert", filepath.Join(dir, "dsc.pem"), filepath.Join(dir, "qr.txt"))
			if code == 2 {
				t.Fatalf("--at %q refused: %s", v.Context.Clock, errOut)
			}
			m := decodeLines(t, out)[0]
			if m["verdict"] != want.Verdict.String() || m["steps"].(map[string]any)["expiry"] != want.Ran[verify.StepExpiry] {
				t.Errorf("--at %q: verdict %v, steps %s; the library at the same clock: %v, expiry %v",
					v.Context.Clock, m["verdict"], stepsOf(m), want.Verdict, want.Ran[verify.StepExpiry])
			}
		})
	}
	// The same instant in three forms gives the same output (the offsets
	// are honoured, no zone is UTC).
	dir, _ := vectorFiles(t, "DE/2DCode/raw/1.json")
	var lines []string
	for _, at := range []string{"2021-06-01T20:00:00+02:00", "2021-06-01T20:00:00+0200", "2021-06-01T18:00:00"} {
		code, out, errOut := run(t, "", "--at", at, "--cert", filepath.Join(dir, "dsc.pem"), filepath.Join(dir, "qr.txt"))
		if code != 0 {
			t.Fatalf("--at %s: exit %d: %s%s", at, code, out, errOut)
		}
		lines = append(lines, out)
	}
	if lines[0] != lines[1] || lines[1] != lines[2] {
		t.Errorf("one instant, three forms, different output:\n%s\n%s\n%s", lines[0], lines[1], lines[2])
	}
	if code, _, errOut := run(t, "", "--at", "2021-06-01 20:00", filepath.Join(dir, "qr.txt")); code != 2 || !strings.Contains(errOut, "--at") {
		t.Errorf("unreadable --at: exit %d, %q", code, errOut)
	}
}
