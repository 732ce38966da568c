package bundle_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"passcheck/server/bundle"
	"passcheck/verify"
	"passcheck/verify/trust"
)

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

const lists = "../../testdata/trustlists/"

func importFile(t *testing.T, name string, fn func(f *os.File, name string) (*bundle.Import, error)) *bundle.Import {
	t.Helper()
	f, err := os.Open(lists + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	imp, err := fn(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return imp
}

func gateway(f *os.File, name string) (*bundle.Import, error) { return bundle.ImportGateway(f, name) }
func dutch(f *os.File, name string) (*bundle.Import, error)   { return bundle.ImportDutch(f, name) }

func countries(imp *bundle.Import) map[string]int {
	m := map[string]int{}
	for _, e := range imp.Entries {
		m[e.Country]++
	}
	return m
}

// The real lists import entirely (the German one: all 832 DSCs, 77
// countries); the Dutch key file's ten domestic keys, whose kids are not
// 8 bytes, are skipped one by one with that reason.
func TestImportRealLists(t *testing.T) {
	for _, tc := range []struct {
		file               string
		fn                 func(*os.File, string) (*bundle.Import, error)
		entries, skipped   int
		countries, lebanon int // lebanon: LB has 14, 5 of them with negative serials
	}{
		{"trustlist_de.json", gateway, 832, 0, 77, 14},
		{"trustlist_at.json", gateway, 791, 0, -1, -1},
		{"trustlist_nl.raw.keys.json", dutch, 796, 10, -1, -1},
	} {
		t.Run(tc.file, func(t *testing.T) {
			imp := importFile(t, tc.file, tc.fn)
			if len(imp.Entries) != tc.entries || len(imp.Skipped) != tc.skipped {
				t.Fatalf("%d entries, %d skipped (%v); want %d, %d", len(imp.Entries), len(imp.Skipped), imp.Skipped, tc.entries, tc.skipped)
			}
			for _, s := range imp.Skipped {
				if !strings.Contains(s.Reason, "kid is not 8 bytes") {
					t.Errorf("unexpected skip %v", s)
				}
			}
			c := countries(imp)
			if tc.countries >= 0 && len(c) != tc.countries {
				t.Errorf("%d countries, want %d", len(c), tc.countries)
			}
			if tc.lebanon >= 0 && c["LB"] != tc.lebanon {
				t.Errorf("%d LB DSCs, want %d", c["LB"], tc.lebanon)
			}
			for _, e := range imp.Entries {
				if len(e.KID) != 8 || e.Types == 0 || (e.Cert == nil) == (e.SPKI == nil) {
					t.Fatalf("bad entry %+v", e.Source)
				}
			}
		})
	}
}

// All three lists in one bundle: signed, opened, and every DSC found by kid.
func TestBuildRealBundle(t *testing.T) {
	var b bundle.Builder
	for _, f := range []string{"trustlist_de.json", "trustlist_at.json"} {
		b.Add(importFile(t, f, gateway))
	}
	b.Add(importFile(t, "trustlist_nl.raw.keys.json", dutch))
	n := len(b.Entries())
	if n <= 832 || n >= 832+791+796 {
		t.Fatalf("%d entries after de-duplication", n)
	}
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	data, err := bundle.Sign(b.Payload(3, t0, 0), key)
	if err != nil {
		t.Fatal(err)
	}
	bd, err := trust.Open(data, []crypto.PublicKey{&key.PublicKey}, 3, t0)
	if err != nil {
		t.Fatal(err)
	}
	if bd.Len() != n || !bd.ExpiresAt().Equal(t0.Add(bundle.DefaultTTL)) {
		t.Fatalf("len %d expires %v", bd.Len(), bd.ExpiresAt())
	}
	if got := len(bd.Keys()); got != n {
		t.Fatalf("%d of %d keys parse", got, n)
	}
	for _, e := range b.Entries() {
		found := false
		for _, k := range bd.Lookup(e.KID) {
			found = found || (k.Country == e.Country && k.Types == verify.CertType(e.Types))
		}
		if !found {
			t.Fatalf("%s not found by kid", e.Source)
		}
	}
	// Same input, same payload bytes.
	p1, _ := trust.Marshal(b.Payload(3, t0, 0))
	p2, _ := trust.Marshal(b.Payload(3, t0, 0))
	if !bytes.Equal(p1, p2) {
		t.Fatal("payload not deterministic")
	}
}

func TestImportVectors(t *testing.T) {
	imp, err := bundle.ImportVectors("../../testdata/dgc-testdata")
	if err != nil {
		t.Fatal(err)
	}
	// Every vector carries its signer certificate and all of them import.
	if len(imp.Entries) != 403 || len(imp.Skipped) != 0 {
		t.Fatalf("%d entries, skipped %v", len(imp.Entries), imp.Skipped)
	}
	var b bundle.Builder
	b.Add(imp)
	if n := len(b.Entries()); n == 0 || n >= 403 {
		t.Fatalf("%d distinct signers after de-duplication", n)
	}
	for _, e := range imp.Entries {
		if strings.Contains(e.Source, "/DE/") && e.Country != "DE" {
			t.Errorf("%s: country %q", e.Source, e.Country)
		}
	}
}

func selfSigned(t *testing.T, key crypto.Signer, country string) []byte {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{Country: []string{country}, CommonName: "DSC"},
		NotBefore:    t0, NotAfter: t0.AddDate(1, 0, 0),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestImportDir(t *testing.T) {
	dir := t.TempDir()
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	a, b := selfSigned(t, p256, "XD"), selfSigned(t, p256, "XE")
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pemOf := func(typ string, der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}) }
	write("two.pem", append(pemOf("CERTIFICATE", a), pemOf("CERTIFICATE", b)...))
	write("one.der", a)
	write("key.pem", pemOf("EC PRIVATE KEY", []byte{1}))
	write("junk.txt", []byte("hello"))
	write("p384.pem", pemOf("CERTIFICATE", selfSigned(t, p384, "XD")))
	write("lower.pem", pemOf("CERTIFICATE", selfSigned(t, p256, "x1")))
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{Country: []string{"XD"}},
		NotBefore: t0, NotAfter: t0.AddDate(1, 0, 0), IsCA: true, BasicConstraintsValid: true}
	ca, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &p256.PublicKey, p256)
	if err != nil {
		t.Fatal(err)
	}
	write("csca.pem", pemOf("CERTIFICATE", ca))
	imp, err := bundle.ImportDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Entries) != 3 {
		t.Fatalf("%d entries", len(imp.Entries))
	}
	reasons := map[string]string{}
	for _, s := range imp.Skipped {
		reasons[filepath.Base(s.Source)] = s.Reason
	}
	for file, want := range map[string]string{
		"key.pem":     "no CERTIFICATE block",
		"junk.txt":    "does not parse",
		"p384.pem#1":  "ECDSA P-384",
		"lower.pem#1": "country",
		"csca.pem#1":  "a CA certificate",
	} {
		if !strings.Contains(reasons[file], want) {
			t.Errorf("%s: reason %q, want %q (all: %v)", file, reasons[file], want, imp.Skipped)
		}
	}
	var bld bundle.Builder
	bld.Add(imp)
	if len(bld.Entries()) != 2 || len(bld.Skipped) != 5 {
		t.Fatalf("builder: %d entries (duplicates must go), %d skipped", len(bld.Entries()), len(bld.Skipped))
	}
}

func TestImportBadInput(t *testing.T) {
	for _, in := range []string{"", "{", `{"certificates": 3}`} {
		if _, err := bundle.ImportGateway(strings.NewReader(in), "x"); err == nil {
			t.Errorf("ImportGateway(%q) accepted", in)
		}
		if _, err := bundle.ImportDutch(strings.NewReader(in), "x"); err == nil && in != `{"certificates": 3}` {
			t.Errorf("ImportDutch(%q) accepted", in)
		}
	}
	imp, err := bundle.ImportGateway(strings.NewReader(`{"certificates":[
		{"certificateType":"CSCA","rawData":"AA=="},
		{"rawData":"%%%"},
		{"rawData":"AAAA"},
		{"kid":"!","rawData":"AAAA"},
		{"country":"Germany","rawData":"AAAA"}]}`), "x")
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Entries) != 0 || len(imp.Skipped) != 5 {
		t.Fatalf("%d entries, skipped %v", len(imp.Entries), imp.Skipped)
	}
	imp, err = bundle.ImportDutch(strings.NewReader(`{"eu_keys":{
		"AAAAAAAAAAA=":[{"subjectPk":"%%","ian":"NL"},{"subjectPk":"AAAA","ian":"NL"}],
		"AQAAAAAAAAA=":[{"subjectPk":"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYx+cFKuYNN5tvKme19QrBameqJiby3NhGLsdGF3tTw3UbxsmCQYlsWEqTV4rI3gT973vxZgHCOzAuV17N1UOQw==","ian":"NL","keyUsage":["x"]},
		                {"subjectPk":"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYx+cFKuYNN5tvKme19QrBameqJiby3NhGLsdGF3tTw3UbxsmCQYlsWEqTV4rI3gT973vxZgHCOzAuV17N1UOQw==","ian":"","keyUsage":[]},
		                {"subjectPk":"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYx+cFKuYNN5tvKme19QrBameqJiby3NhGLsdGF3tTw3UbxsmCQYlsWEqTV4rI3gT973vxZgHCOzAuV17N1UOQw==","ian":"nl","keyUsage":["v","t"]}]}}`), "x")
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Entries) != 1 || len(imp.Skipped) != 4 || imp.Entries[0].Types != uint8(verify.Vaccination|verify.Test) {
		t.Fatalf("%d entries, skipped %v", len(imp.Entries), imp.Skipped)
	}
}

func TestSignRejectsBadKey(t *testing.T) {
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	var b bundle.Builder
	if _, err := bundle.Sign(b.Payload(1, t0, 0), p384); !errors.Is(err, bundle.ErrKey) {
		t.Fatalf("P-384 key: %v", err)
	}
	if _, err := bundle.Sign(b.Payload(1, t0, 0), nil); !errors.Is(err, bundle.ErrKey) {
		t.Fatalf("nil key: %v", err)
	}
}

func TestRevocations(t *testing.T) {
	var b bundle.Builder
	if err := b.RevokeKID([]byte("short")); err == nil {
		t.Fatal("short kid accepted")
	}
	if err := b.Revoke(4, [16]byte{}); err == nil {
		t.Fatal("kind 4 accepted")
	}
	u, c, s := verify.RevocationHashes("URN:UVCI:X", "XD", bytes.Repeat([]byte{1}, 64), true)
	_, _, sFull := verify.RevocationHashes("URN:UVCI:X", "XD", bytes.Repeat([]byte{1}, 64), false)
	if s == sFull {
		t.Fatal("ES256 signature hash must cover r only")
	}
	for kind, h := range map[verify.HashKind][16]byte{verify.HashUCI: u, verify.HashCountryUCI: c, verify.HashSignature: s} {
		if err := b.Revoke(kind, h); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.RevokeKID([]byte("12345678")); err != nil {
		t.Fatal(err)
	}
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	data, err := bundle.Sign(b.Payload(1, t0, time.Hour), key)
	if err != nil {
		t.Fatal(err)
	}
	bd, err := trust.Open(data, []crypto.PublicKey{&key.PublicKey}, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	if !bd.Revoked(verify.HashUCI, u) || !bd.Revoked(verify.HashCountryUCI, c) || !bd.Revoked(verify.HashSignature, s) ||
		bd.Revoked(verify.HashUCI, c) || !bd.KIDRevoked([]byte("12345678")) {
		t.Fatal("revocations lost in the round trip")
	}
}
