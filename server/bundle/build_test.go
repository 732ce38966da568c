package bundle_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/veraison/go-cose"

	"passcheck/server/bundle"
	"passcheck/verify"
	"passcheck/verify/trust"
)

// Build reads the revocation files line by line (comments, blank lines,
// hex or base64), refuses a malformed line naming file and line, and
// writes a bundle that opens with the key and holds what the files said.
func TestBuildRevocationFiles(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const hex16 = "00112233445566778899aabbccddeeff"
	for i, tc := range []struct {
		name, kids, revs string
		wantErr          string // "" for success
		wantKIDs         int
		wantUCI, wantSig int
	}{
		{"both kinds and comments", "# kids\n0102030405060708\n\nAQIDBAUGBwg= # same kid in base64\n",
			"uci " + hex16 + "\nUCI " + hex16 + "\nsignature AAAAAAAAAAAAAAAAAAAAAA==\n", "", 1, 1, 1},
		{"empty files", "", "# nothing\n", "", 0, 0, 0},
		{"kid too short", "01020304\n", "", "kids.txt:1: ", 0, 0, 0},
		{"unknown kind", "", "\nkid " + hex16 + "\n", "revs.txt:2: want \"KIND HASH\"", 0, 0, 0},
		{"hash without kind", "", hex16 + "\n", "revs.txt:1: ", 0, 0, 0},
		{"hash too long", "", "uci " + hex16 + "00\n", "is not 16 bytes", 0, 0, 0},
	} {
		c := &bundle.Config{
			RevokedKIDsFile: write("kids.txt", tc.kids), RevocationsFile: write("revs.txt", tc.revs),
			Key: key, Seq: uint64(i + 1), TTL: time.Hour, Out: filepath.Join(dir, "b.bundle"),
		}
		var report bytes.Buffer
		err := bundle.Build(c, t0, &report)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: error %v, want %q", tc.name, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		data, _ := os.ReadFile(c.Out)
		b, err := trust.Open(data, []crypto.PublicKey{&key.PublicKey}, 0, t0)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if b.Seq() != c.Seq || len(b.RevokedKIDs()) != tc.wantKIDs ||
			b.RevocationCount(verify.HashUCI) != tc.wantUCI || b.RevocationCount(verify.HashSignature) != tc.wantSig {
			t.Errorf("%s: seq %d, %d kids, %d UCI, %d signature hashes", tc.name, b.Seq(),
				len(b.RevokedKIDs()), b.RevocationCount(verify.HashUCI), b.RevocationCount(verify.HashSignature))
		}
		if !strings.Contains(report.String(), fmt.Sprintf("seq %d, 0 DSCs", c.Seq)) || !strings.Contains(report.String(), "\ntotal ") {
			t.Errorf("%s: report %q", tc.name, report.String())
		}
	}
}

// Build never replaces a bundle that devices would prefer (same or higher
// seq, same key), and leaves it untouched; a bundle of another key, or an
// unreadable file, is no obstacle. Sources are reported in order.
func TestBuildRollbackAndSources(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	out := filepath.Join(t.TempDir(), "b.bundle")
	build := func(k *ecdsa.PrivateKey, seq uint64, srcs ...bundle.Source) (string, error) {
		var report bytes.Buffer
		err := bundle.Build(&bundle.Config{Sources: srcs, Key: k, Seq: seq, TTL: time.Hour, Out: out}, t0, &report)
		return report.String(), err
	}
	if err := os.WriteFile(out, []byte("not a bundle"), 0o644); err != nil {
		t.Fatal(err)
	}
	report, err := build(key, 5,
		bundle.FileSource(lists+"trustlist_nl.raw.keys.json", bundle.ImportDutch),
		bundle.DirSource(t.TempDir(), bundle.ImportDir))
	if err != nil {
		t.Fatal(err)
	}
	if i, j := strings.Index(report, "trustlist_nl.raw.keys.json: "), strings.Index(report, " 0 DSCs, 0 skipped"); i < 0 || j < i {
		t.Errorf("report lists the sources out of order or not at all:\n%s", report)
	}
	written, _ := os.ReadFile(out)
	for _, seq := range []uint64{5, 4} {
		if _, err := build(key, seq); err == nil || !strings.Contains(err.Error(), "holds seq 5: the new seq must be higher") {
			t.Errorf("seq %d over seq 5: %v", seq, err)
		}
		if now, _ := os.ReadFile(out); !bytes.Equal(now, written) {
			t.Fatalf("a refused build replaced the bundle")
		}
	}
	if _, err := build(other, 1); err != nil {
		t.Errorf("another key's bundle blocked a build: %v", err)
	}
	if _, err := build(key, 1, bundle.FileSource(lists+"missing.json", bundle.ImportGateway)); err == nil {
		t.Error("a missing list was ignored")
	}
	for _, c := range []*bundle.Config{
		{Key: key, Seq: 0, TTL: time.Hour, Out: out},
		{Key: nil, Seq: 1, TTL: time.Hour, Out: out},
		{Key: key, Seq: 1, TTL: time.Hour, Out: out, DefaultPolicy: "eu-3g"},
	} {
		if err := bundle.Build(c, t0, new(bytes.Buffer)); err == nil {
			t.Errorf("config %+v accepted", c)
		}
	}
}

// payloadOf is the signed payload inside a bundle file.
func payloadOf(t *testing.T, data []byte) []byte {
	t.Helper()
	var msg cose.Sign1Message
	if err := msg.UnmarshalCBOR(data); err != nil {
		t.Fatal(err)
	}
	return msg.Payload
}

// The same inputs, seq and issue time give a byte-identical payload
// whenever Build runs, from whichever output path: anyone can rebuild a
// published bundle from the public lists and compare fingerprints. The
// signatures differ (ES256 is randomised), so the files do too.
func TestBuildReproducible(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	dir := t.TempDir()
	revs := filepath.Join(dir, "revs.txt")
	os.WriteFile(revs, []byte("uci 00112233445566778899aabbccddeeff\nsignature ffeeddccbbaa99887766554433221100\n"), 0o644)
	issued := time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC)
	build := func(name string, now, issuedAt time.Time) ([]byte, string) {
		c := &bundle.Config{
			Sources: []bundle.Source{
				bundle.FileSource(lists+"trustlist_de.json", bundle.ImportGateway),
				bundle.FileSource(lists+"trustlist_nl.raw.keys.json", bundle.ImportDutch),
			},
			RevocationsFile: revs,
			RulesDir:        "../../verify/rules/policies", DefaultPolicy: "eu-3g",
			ValueSetsDir: "../../verify/rules/valuesets",
			Key:          key, Seq: 42, TTL: 72 * time.Hour, IssuedAt: issuedAt,
			Out: filepath.Join(dir, name),
		}
		var report bytes.Buffer
		if err := bundle.Build(c, now, &report); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(c.Out)
		if err != nil {
			t.Fatal(err)
		}
		return data, report.String()
	}
	a, reportA := build("a.bundle", t0, issued)
	b, _ := build("b.bundle", t0.Add(5*time.Hour), issued)
	if bytes.Equal(a, b) {
		t.Fatal("two signings gave identical files: the comparison below proves nothing")
	}
	pa, pb := payloadOf(t, a), payloadOf(t, b)
	if !bytes.Equal(pa, pb) {
		t.Fatalf("same inputs, seq and issue time: payloads differ (%d and %d bytes)", len(pa), len(pb))
	}
	ba, err := trust.Open(a, []crypto.PublicKey{&key.PublicKey}, 0, issued)
	if err != nil {
		t.Fatal(err)
	}
	if !ba.IssuedAt().Equal(issued) || ba.Len() < 832 || ba.Fingerprint() != trust.Fingerprint(pa) {
		t.Fatalf("issued %v, %d DSCs, fingerprint %s", ba.IssuedAt(), ba.Len(), ba.Fingerprint())
	}
	if want := "issued 2026-12-04T09:30:00Z, fingerprint " + ba.Fingerprint() + "\n"; !strings.Contains(reportA, want) {
		t.Errorf("report lacks %q:\n%s", want, reportA)
	}
	// Another issue time is another payload; no issue time means now.
	c, _ := build("c.bundle", t0, issued.Add(time.Second))
	d, _ := build("d.bundle", t0, time.Time{})
	if bytes.Equal(payloadOf(t, c), pa) {
		t.Fatal("another issue time, same payload")
	}
	if bd, _ := trust.Open(d, []crypto.PublicKey{&key.PublicKey}, 0, t0); bd == nil || !bd.IssuedAt().Equal(t0) {
		t.Fatal("a zero IssuedAt is not the time Build was called with")
	}
}
