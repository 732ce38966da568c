// Package datadir is the layout of a Passcheck data folder and the few
// operations on its files that real commands share with the demo: parsing
// the bundle signing key and DSC certificates, and writing a file so that
// no reader ever sees half of it.
//
// Layout of the data folder:
//
//	bundle.key.pem        the bundle signing key (ECDSA P-256, PKCS#8), mode 0600
//	bundle.pub            its pinned-key string (trust.ParsePinned), built into the app
//	bundle.seq            the last bundle seq signed with bundle.key.pem
//	trust.bundle          the signed trust bundle that the server hands out
//	demo/                 the demo issuer, in a demo folder only (see passcheck/server/demo)
//	samples/NAME.txt|png  the demo samples, in a demo folder only
//	cache/                the server's compressed copies of app.wasm
//
// Reads of these files go through passcheck/server/datafile (regular files
// only, bounded).
package datadir

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
)

// File and folder names in the data folder.
const (
	BundleFile    = "trust.bundle"
	BundleKeyFile = "bundle.key.pem"
	PinnedFile    = "bundle.pub"
	SeqFile       = "bundle.seq"
	DemoDir       = "demo"
	SamplesDir    = "samples"
	CacheDir      = "cache"
)

// MaxSmallFile bounds the keys, certificates and counters read from the
// data folder.
const MaxSmallFile = 64 << 10

// ParseKey reads an ECDSA P-256 private key from PEM (PKCS#8 or SEC 1).
// name (a file name) only labels errors.
func ParseKey(data []byte, name string) (*ecdsa.PrivateKey, error) {
	b, _ := pem.Decode(data)
	if b == nil {
		return nil, fmt.Errorf("datadir: %s: no PEM block", name)
	}
	var key any
	var err error
	switch b.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(b.Bytes)
	default:
		return nil, fmt.Errorf("datadir: %s: PEM block %q is not a private key", name, b.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("datadir: %s: %w", name, err)
	}
	ec, ok := key.(*ecdsa.PrivateKey)
	if !ok || ec.Curve != elliptic.P256() {
		return nil, fmt.Errorf("datadir: %s: not an ECDSA P-256 key", name)
	}
	return ec, nil
}

// ParseCert reads a certificate from PEM or DER. name only labels errors.
func ParseCert(data []byte, name string) (*x509.Certificate, error) {
	if b, _ := pem.Decode(data); b != nil {
		if b.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("datadir: %s: PEM block %q is not a certificate", name, b.Type)
		}
		data = b.Bytes
	}
	c, err := x509.ParseCertificate(data)
	if err != nil {
		return nil, fmt.Errorf("datadir: %s: %w", name, err)
	}
	return c, nil
}

// WriteAtomic writes data to path with mode through a temporary file in
// the same folder and a rename, so that a reader (the server swapping
// bundles) sees the old file or the new one, never half of one.
func WriteAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("datadir: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("datadir: %w", err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("datadir: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("datadir: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("datadir: %w", err)
	}
	return nil
}
