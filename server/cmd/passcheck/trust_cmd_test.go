//go:build !wasm

package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/veraison/go-cose"

	"passcheck/server/datadir"
	"passcheck/server/demo"
	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

// show runs `trust show` with args.
func show(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := trustShow(args, &out, &errb)
	return code, out.String(), errb.String()
}

func initDir(t *testing.T) (string, *demo.Data) {
	t.Helper()
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := initData([]string{"--data", dir}, time.Now(), &out, &errb); code != 0 {
		t.Fatalf("init: %d %s", code, errb.String())
	}
	d, err := demo.Ensure(dir, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return dir, d
}

func TestInitIdempotent(t *testing.T) {
	dir, d := initDir(t)
	before, _ := os.ReadFile(d.BundlePath)
	var out, errb bytes.Buffer
	if code := initData([]string{"--data", dir}, time.Now(), &out, &errb); code != 0 {
		t.Fatalf("second init: %d %s", code, errb.String())
	}
	after, _ := os.ReadFile(d.BundlePath)
	if !bytes.Equal(before, after) || !strings.Contains(out.String(), "seq 1, 1 DSC(s)") {
		t.Fatalf("second init changed the bundle or said %q", out.String())
	}
	for _, n := range demo.SampleNames {
		if _, err := os.Stat(filepath.Join(dir, "samples", n+".png")); err != nil {
			t.Error(err)
		}
	}
}

// trust build from the real lists and a revocation file, then trust show
// and loadTrustBundle (the `verify --trust` path) on the result.
func TestTrustBuildShow(t *testing.T) {
	dir, d := initDir(t)
	lists := "../../../testdata/trustlists/"
	out := filepath.Join(t.TempDir(), "real.bundle")
	revs := filepath.Join(t.TempDir(), "revocations.txt")
	h := sha256.Sum256([]byte("URN:UVCI:01:XD:X"))
	os.WriteFile(revs, []byte("# test\nuci "+hex.EncodeToString(h[:16])+"\n\nsignature AAAAAAAAAAAAAAAAAAAAAA==\n"), 0o644)
	kids := filepath.Join(t.TempDir(), "kids.txt")
	os.WriteFile(kids, []byte(hex.EncodeToString(d.DSC.KID())+"\n"), 0o644)
	args := []string{"--gateway", lists + "trustlist_de.json", "--nl", lists + "trustlist_nl.raw.keys.json",
		"--dscs", filepath.Join(dir, "demo"), "--revocations", revs, "--revoked-kids", kids,
		"--rules", "../../../verify/rules/policies", "--valuesets", "../../../verify/rules/valuesets",
		"--key", filepath.Join(dir, datadir.BundleKeyFile), "--seq", "10", "--ttl", "1h", "-o", out}
	var stdout, stderr bytes.Buffer
	if code := trustBuild(args, &stdout, &stderr); code != 0 {
		t.Fatalf("build: %d %s", code, stderr.String())
	}
	for _, want := range []string{"trustlist_de.json: 832 DSCs, 0 skipped", "kid is not 8 bytes",
		"a CA certificate", "seq 10, ", "policies: ", "kr-vaccine-pass", "value sets: ", "revocation hashes 1/0/1", "\nDE ", "\nXD ", "\ntotal "} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("build output lacks %q", want)
		}
	}
	// A second build may not reuse or lower the seq.
	stdout.Reset()
	stderr.Reset()
	if code := trustBuild(args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "seq must be higher") {
		t.Fatalf("rebuild at the same seq: %d %s", code, stderr.String())
	}

	stdout.Reset()
	stderr.Reset()
	if code := trustShow([]string{"--data", dir, out}, &stdout, &stderr); code != 0 {
		t.Fatalf("show: %d %s", code, stderr.String())
	}
	var shown bundleJSON
	if err := json.Unmarshal(stdout.Bytes(), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Policies) < 4 || len(shown.ValueSetIDs) == 0 || shown.Rules != nil {
		t.Fatalf("show: policies %v, value sets %v, raw rules without --full", shown.Policies, shown.ValueSetIDs)
	}
	if code, o, e := show("--data", dir, "--full", out); code != 0 || !strings.Contains(o, `"rules": [`) {
		t.Fatalf("show --full: %d %s", code, e)
	} else {
		var full bundleJSON
		json.Unmarshal([]byte(o), &full)
		if ps, err := rules.ParsePolicies(full.Rules); err != nil || len(ps) != len(shown.Policies) {
			t.Fatalf("policies through build and show --full: %d, %v", len(ps), err)
		}
	}
	if shown.Seq != 10 || shown.Status != "ok" || shown.DSCCount < 832 || shown.Revocations["uci"] != 1 || len(shown.RevokedKIDs) != 1 {
		t.Fatalf("show: seq %d status %q dscs %d revocations %v", shown.Seq, shown.Status, shown.DSCCount, shown.Revocations)
	}
	// show with the wrong key fails; with the key given explicitly it works.
	other := filepath.Join(t.TempDir(), "other.pem")
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	os.WriteFile(other, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
	if code, _, e := show("--key", other, out); code != 1 || !strings.Contains(e, "unknown key") {
		t.Fatalf("show with another key: %d %s", code, e)
	}
	if code, _, e := show("--key", d.Pinned, out); code != 0 {
		t.Fatalf("show --key PINNED: %d %s", code, e)
	}
	// Stale: still shown, with the reason.
	if code, o, e := show("--key", d.Pinned, "--at", time.Now().Add(2*time.Hour).Format(time.RFC3339), out); code != 0 || !strings.Contains(o, "bundle expired") {
		t.Fatalf("show stale: %d %s", code, e)
	}

	// The verify --trust path: bundle.pub beside the bundle, or the env.
	t.Setenv(pinnedEnv, d.Pinned)
	store, revl, err := loadTrustBundle(out, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if store.Lookup(d.DSC.KID()) != nil || !revl.Revoked(verify.HashUCI, [16]byte(h[:16])) {
		t.Fatal("revoked kid still trusted, or revocation missing")
	}
	if _, ok := store.(verify.TrustStatus); !ok {
		t.Fatal("the store does not report staleness")
	}
	t.Setenv(pinnedEnv, "")
	if _, _, err := loadTrustBundle(out, time.Now()); err == nil {
		t.Fatal("no key anywhere, but the bundle loaded")
	}
	if _, _, err := loadTrustBundle(d.BundlePath, time.Now()); err != nil {
		t.Fatalf("bundle.pub beside the bundle: %v", err)
	}
	// A tampered bundle is refused.
	data, _ := os.ReadFile(out)
	data[len(data)/2] ^= 1
	os.WriteFile(out, data, 0o644)
	t.Setenv(pinnedEnv, d.Pinned)
	if _, _, err := loadTrustBundle(out, time.Now()); !errors.Is(err, trust.ErrSignature) && !errors.Is(err, trust.ErrMalformed) {
		t.Fatalf("tampered bundle: %v", err)
	}
}

func TestTrustPubkey(t *testing.T) {
	dir, d := initDir(t)
	var stdout, stderr bytes.Buffer
	if code := trustPubkey([]string{"--data", dir}, &stdout, &stderr); code != 0 || strings.TrimSpace(stdout.String()) != d.Pinned {
		t.Fatalf("pubkey: %d %q %s", code, stdout.String(), stderr.String())
	}
	if code := trustPubkey([]string{"--data", t.TempDir()}, &stdout, &stderr); code != 1 {
		t.Fatalf("pubkey of an empty folder: %d", code)
	}
}

func TestTrustUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"build"},
		{"build", "--key", "k.pem", "--seq", "0", "-o", "x"},
		{"show"},
		{"pubkey", "extra"},
	} {
		if code := runTrust(args); code != 2 {
			t.Errorf("trust %q: exit %d, want 2", args, code)
		}
	}
}

func TestIssue(t *testing.T) {
	dir, d := initDir(t)
	now := time.Now()
	b, err := os.ReadFile(d.BundlePath)
	if err != nil {
		t.Fatal(err)
	}
	pinned, _ := trust.ParsePinned(d.Pinned)
	bd, err := trust.Open(b, pinned, 0, now)
	if err != nil {
		t.Fatal(err)
	}
	v := &verify.Verifier{Trust: bd, Revocations: bd}
	issueRun := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := issueCmd(args, now, strings.NewReader(`{"ver":"1.3.0","nam":{"fn":"DEMO","fnt":"DEMO"},"dob":"1990-01-01",
			"t":[{"tg":"840539006","tt":"LP6464-4","sc":"`+now.Add(-time.Hour).UTC().Format(time.RFC3339)+`","tr":"260415000","co":"XD","is":"DEMO","ci":"URN:UVCI:01:XD:T1"}]}`), &o, &e)
		return code, strings.TrimSpace(o.String()), e.String()
	}
	code, text, e := issueRun("--data", dir, "--sample", "expired")
	if code != 0 || v.Verify(text, now).Verdict != verify.Invalid {
		t.Fatalf("sample: %d %s", code, e)
	}
	png := filepath.Join(t.TempDir(), "t.png")
	code, text, e = issueRun("--data", dir, "--dcc", "-", "--png", png)
	if r := v.Verify(text, now); code != 0 || r.Verdict != verify.Valid {
		t.Fatalf("--dcc: %d %s %v %v", code, e, r.Verdict, r.Err)
	}
	if fi, err := os.Stat(png); err != nil || fi.Size() == 0 {
		t.Fatalf("png: %v", err)
	}
	code, text, _ = issueRun("--cert", filepath.Join(dir, "demo", "unknown-dsc.pem"), "--key", filepath.Join(dir, "demo", "unknown-dsc.key.pem"), "--dcc", "-")
	if r := v.Verify(text, now); code != 0 || r.Verdict != verify.CannotVerify {
		t.Fatalf("--cert unknown: %d %v", code, r.Verdict)
	}

	// A DSC that does not say DEMO or TEST is refused.
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Health DSC", Country: []string{"XD"}},
		NotBefore: now, NotAfter: now.Add(time.Hour)}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	kder, _ := x509.MarshalPKCS8PrivateKey(key)
	cdir := t.TempDir()
	os.WriteFile(filepath.Join(cdir, "c.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(filepath.Join(cdir, "k.pem"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600)
	if code, _, e := issueRun("--cert", filepath.Join(cdir, "c.pem"), "--key", filepath.Join(cdir, "k.pem"), "--dcc", "-"); code != 1 || !strings.Contains(e, "not marked DEMO") {
		t.Fatalf("real-looking DSC: %d %s", code, e)
	}
	// The demo DSC with someone else's key is refused too.
	if code, _, e := issueRun("--cert", filepath.Join(dir, "demo", "dsc.pem"), "--key", filepath.Join(cdir, "k.pem"), "--dcc", "-"); code != 1 || !strings.Contains(e, "match") {
		t.Fatalf("mismatched key: %d %s", code, e)
	}
	for _, args := range [][]string{{}, {"--sample", "x", "--dcc", "y"}, {"--cert", "c"}, {"--data", dir, "--sample", "nope"}} {
		if code, _, _ := issueRun(args...); code != 2 {
			t.Errorf("issue %q: exit %d, want 2", args, code)
		}
	}
}

// trust build --default-policy puts a policy of --rules in force on devices
// where no venue chose one; show reports it; without the flag, signature
// only (as for the bundles made before it); an unknown ID is refused.
func TestTrustBuildDefaultPolicy(t *testing.T) {
	dir, _ := initDir(t)
	build := func(seq string, extra ...string) (int, string, string, string) {
		out := filepath.Join(t.TempDir(), "b.bundle")
		args := append([]string{"--dscs", filepath.Join(dir, "demo"), "--rules", "../../../verify/rules/policies",
			"--key", filepath.Join(dir, datadir.BundleKeyFile), "--seq", seq, "-o", out}, extra...)
		var stdout, stderr bytes.Buffer
		code := trustBuild(args, &stdout, &stderr)
		return code, out, stdout.String(), stderr.String()
	}
	for _, c := range []struct {
		flag, want string
	}{{"2g", "2g"}, {"", rules.SignatureOnly}} {
		var extra []string
		if c.flag != "" {
			extra = []string{"--default-policy", c.flag}
		}
		code, out, stdout, stderr := build("20", extra...)
		if code != 0 || !strings.Contains(stdout, "in force until a venue chooses: "+c.want) {
			t.Fatalf("build %v: %d\n%s%s", extra, code, stdout, stderr)
		}
		code, o, e := show("--data", dir, out)
		var shown bundleJSON
		if code != 0 || json.Unmarshal([]byte(o), &shown) != nil || shown.DefaultPolicy != c.want {
			t.Errorf("show %v: %d, default %q, want %q %s", extra, code, shown.DefaultPolicy, c.want, e)
		}
	}
	if code, _, _, stderr := build("21", "--default-policy", "3g-plus"); code != 1 || !strings.Contains(stderr, "3g-plus") {
		t.Errorf("unknown default: %d %s", code, stderr)
	}
}

// trust build --issued-at: two builds from the same lists with the same
// --seq and --issued-at sign byte-identical payloads, and trust show gives
// both the same fingerprint, the SHA-256 of those bytes.
func TestTrustBuildIssuedAt(t *testing.T) {
	dir, _ := initDir(t)
	lists := "../../../testdata/trustlists/"
	build := func(out string, extra ...string) (int, string) {
		args := append([]string{"--gateway", lists + "trustlist_de.json", "--nl", lists + "trustlist_nl.raw.keys.json",
			"--dscs", filepath.Join(dir, "demo"),
			"--rules", "../../../verify/rules/policies", "--valuesets", "../../../verify/rules/valuesets",
			"--key", filepath.Join(dir, datadir.BundleKeyFile), "--seq", "42", "-o", out}, extra...)
		var stdout, stderr bytes.Buffer
		code := trustBuild(args, &stdout, &stderr)
		return code, stdout.String() + stderr.String()
	}
	fingerprint := func(path string) (string, time.Time) {
		code, o, e := show("--data", dir, "--at", "2026-12-04T10:00:00Z", path)
		if code != 0 {
			t.Fatalf("show %s: %d %s", path, code, e)
		}
		var v bundleJSON
		if err := json.Unmarshal([]byte(o), &v); err != nil {
			t.Fatal(err)
		}
		return v.Fingerprint, v.IssuedAt
	}
	tmp := t.TempDir()
	a, b, c := filepath.Join(tmp, "a.bundle"), filepath.Join(tmp, "b.bundle"), filepath.Join(tmp, "c.bundle")
	if code, out := build(a, "--issued-at", "2026-12-04T09:30:00Z"); code != 0 {
		t.Fatal(out)
	}
	// The same instant written in another zone is the same issue time.
	if code, out := build(b, "--issued-at", "2026-12-04T18:30:00+09:00"); code != 0 {
		t.Fatal(out)
	}
	if code, out := build(c, "--issued-at", "2026-12-04T09:30:01Z"); code != 0 {
		t.Fatal(out)
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	pa, pb := coseBody(t, da), coseBody(t, db)
	if bytes.Equal(da, db) || !bytes.Equal(pa, pb) {
		t.Fatalf("files equal %t (ES256 signatures must differ), payloads equal %t (must be)", bytes.Equal(da, db), bytes.Equal(pa, pb))
	}
	fa, ia := fingerprint(a)
	fb, _ := fingerprint(b)
	fc, _ := fingerprint(c)
	sum := sha256.Sum256(pa)
	if fa != hex.EncodeToString(sum[:]) || fb != fa || fc == fa || !ia.Equal(time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC)) {
		t.Fatalf("fingerprints %s %s %s, payload SHA-256 %x, issued %v", fa, fb, fc, sum, ia)
	}
	for _, bad := range []string{"yesterday", "2026-12-04", "2026-12-04T09:30:00.5Z"} {
		if code, out := build(filepath.Join(tmp, "bad.bundle"), "--issued-at", bad); code != 2 || !strings.Contains(out, "--issued-at") {
			t.Errorf("--issued-at %q: %d %s", bad, code, out)
		}
	}
}

// coseBody is the payload of a COSE_Sign1 message.
func coseBody(t *testing.T, data []byte) []byte {
	t.Helper()
	var msg cose.Sign1Message
	if err := msg.UnmarshalCBOR(data); err != nil {
		t.Fatal(err)
	}
	return msg.Payload
}
