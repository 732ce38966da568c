package datadir_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"passcheck/server/datadir"
)

func TestParseKey(t *testing.T) {
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	pkcs8 := func(k *ecdsa.PrivateKey) []byte {
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	}
	sec1, _ := x509.MarshalECPrivateKey(p256)
	for _, tc := range []struct {
		name, data, wantErr string
	}{
		{"PKCS#8", string(pkcs8(p256)), ""},
		{"SEC 1", string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1})), ""},
		{"P-384", string(pkcs8(p384)), "not an ECDSA P-256 key"},
		{"no PEM", "hello", "no PEM block"},
		{"public key", string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte{1}})), "is not a private key"},
		{"garbage DER", string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte{1}})), "datadir: k.pem: "},
	} {
		k, err := datadir.ParseKey([]byte(tc.data), "k.pem")
		switch {
		case tc.wantErr == "" && (err != nil || !k.Equal(p256)):
			t.Errorf("%s: %v", tc.name, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.wantErr)
		}
	}
}

func TestParseCert(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "x"},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<31, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"PEM", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), ""},
		{"DER", der, ""},
		{"key block", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), "is not a certificate"},
		{"garbage", []byte("not a certificate"), "datadir: c.pem: "},
	} {
		c, err := datadir.ParseCert(tc.data, "c.pem")
		switch {
		case tc.wantErr == "" && (err != nil || c.Subject.CommonName != "x"):
			t.Errorf("%s: %v", tc.name, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.wantErr)
		}
	}
}

// WriteAtomic replaces the file with the given mode and leaves no
// temporary file behind, on success or failure.
func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, datadir.BundleFile)
	for i, mode := range []os.FileMode{0o644, 0o600} {
		want := strings.Repeat("x", i+1)
		if err := datadir.WriteAtomic(path, []byte(want), mode); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if fi, _ := os.Stat(path); err != nil || string(got) != want || fi.Mode().Perm() != mode {
			t.Fatalf("write %d: %q %v %v, want %q %v", i, got, fi.Mode(), err, want, mode)
		}
	}
	if err := datadir.WriteAtomic(filepath.Join(dir, "missing", "f"), []byte("x"), 0o644); err == nil || !strings.HasPrefix(err.Error(), "datadir: ") {
		t.Fatalf("write into a missing folder: %v", err)
	}
	// A folder where the file should be: the rename fails, the temp goes.
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "sub", "f"), nil, 0o644)
	if err := datadir.WriteAtomic(filepath.Join(dir, "sub"), []byte("x"), 0o644); err == nil {
		t.Fatal("replacing a non-empty folder succeeded")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Fatalf("folder holds %d entries, want 2 (bundle, sub): %v", len(ents), ents)
	}
}
