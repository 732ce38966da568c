// Package demo makes and keeps Passcheck's demo data folder: a demo CSCA and
// DSC, a bundle signing key, a signed demo trust bundle, and sample
// credentials for every verdict, so that `make run` works on a fresh machine.
//
// Everything here is fake and says so: the country is "XD" (an ISO 3166
// user-assigned code, X-prefixed, that no state uses; the DCC schema accepts
// any upper-case code and no shipped rule checks it against the country value
// set), every certificate subject and holder name says DEMO.
//
// The folder's layout, key parsing and atomic writes are
// passcheck/server/datadir's; this package adds the demo/ and samples/
// folders:
//
//	demo/csca.pem         demo CSCA certificate (and csca.key.pem)
//	demo/dsc.pem          demo DSC, signed by the CSCA, in the bundle (and dsc.key.pem)
//	demo/unknown-dsc.pem  a demo DSC that is NOT in the bundle (and unknown-dsc.key.pem)
//	samples/NAME.txt|png  the samples as last issued by init or serve (see AllSamples)
package demo

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"passcheck/server/bundle"
	"passcheck/server/datadir"
	"passcheck/server/datafile"
	"passcheck/server/issue"
	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

// Country is the demo issuing country.
const Country = "XD"

// maxSmallFile bounds the keys, certificates and counters read from the
// data folder. Every read is of a regular file only (datafile): a FIFO put
// there must not hang the hourly refresh.
const maxSmallFile = datadir.MaxSmallFile

// Data is a loaded demo data folder.
type Data struct {
	Dir        string
	BundleKey  *ecdsa.PrivateKey
	Pinned     string // the pinned-key string of BundleKey
	BundlePath string
	CSCA       *x509.Certificate
	DSC        *issue.Signer // in the bundle
	Unknown    *issue.Signer // not in the bundle
}

// Ensure creates the data folder dir, or loads it. It is idempotent: keys
// and certificates, once made, are kept. The bundle is (re)signed with the
// next seq when missing, or when it is a demo bundle with less than half its
// lifetime left at now; a bundle that holds anything but the demo DSC was
// put there by hand (`passcheck trust build`) and is never touched.
func Ensure(dir string, now time.Time) (*Data, error) {
	if err := os.MkdirAll(filepath.Join(dir, datadir.DemoDir), 0o755); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	d := &Data{Dir: dir, BundlePath: filepath.Join(dir, datadir.BundleFile)}
	var err error
	if d.BundleKey, err = loadOrCreateKey(filepath.Join(dir, datadir.BundleKeyFile)); err != nil {
		return nil, err
	}
	if d.Pinned, err = trust.FormatPinned(&d.BundleKey.PublicKey); err != nil {
		return nil, err
	}
	if err := writeIfChanged(filepath.Join(dir, datadir.PinnedFile), []byte(d.Pinned+"\n"), 0o644); err != nil {
		return nil, err
	}

	cscaKey, err := loadOrCreateKey(filepath.Join(dir, datadir.DemoDir, "csca.key.pem"))
	if err != nil {
		return nil, err
	}
	d.CSCA, err = loadOrCreateCert(filepath.Join(dir, datadir.DemoDir, "csca.pem"), func() ([]byte, error) {
		return makeCert(now, "Passcheck DEMO CSCA", nil, cscaKey, nil, &cscaKey.PublicKey, true)
	})
	if err != nil {
		return nil, err
	}
	if d.DSC, err = loadOrCreateSigner(dir, "dsc", now, "Passcheck DEMO DSC", d.CSCA, cscaKey); err != nil {
		return nil, err
	}
	if d.Unknown, err = loadOrCreateSigner(dir, "unknown-dsc", now, "Passcheck DEMO unknown DSC (not in the bundle)", nil, nil); err != nil {
		return nil, err
	}
	if err := d.refreshBundle(now); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Data) refreshBundle(now time.Time) error {
	if data, _, err := datafile.Read(d.BundlePath, trust.MaxSize); err == nil {
		b, err := trust.Open(data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, now)
		switch {
		case b != nil && !d.isDemo(b):
			return nil // a real bundle: not ours to replace
		case err == nil && now.Before(b.IssuedAt().Add(b.ExpiresAt().Sub(b.IssuedAt())/2)) && len(b.SHCList()) > 0:
			return nil // fresh enough, and made since the demo trusts the other formats' test issuers
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("demo: %w", err)
	}
	seq, err := d.nextSeq()
	if err != nil {
		return err
	}
	data, err := d.SignBundle(seq, now, bundle.DefaultTTL)
	if err != nil {
		return err
	}
	if err := datadir.WriteAtomic(filepath.Join(d.Dir, datadir.SeqFile), []byte(strconv.FormatUint(seq, 10)+"\n"), 0o644); err != nil {
		return err
	}
	return datadir.WriteAtomic(d.BundlePath, data, 0o644)
}

// isDemo reports whether b holds the demo DSC and nothing else.
func (d *Data) isDemo(b *trust.Bundle) bool {
	for _, k := range b.Keys() {
		if !bytes.Equal(k.KID, d.DSC.KID()) {
			return false
		}
	}
	return true
}

func (d *Data) nextSeq() (uint64, error) {
	data, _, err := datafile.Read(filepath.Join(d.Dir, datadir.SeqFile), maxSmallFile)
	if errors.Is(err, os.ErrNotExist) {
		return 1, nil
	}
	if err != nil {
		return 0, fmt.Errorf("demo: %w", err)
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("demo: %s: %w", datadir.SeqFile, err)
	}
	return n + 1, nil
}

// DefaultPolicy is the venue policy the demo bundle puts in force until a
// venue picks one: EU 3G admits every "valid-*" sample (so a sample's Want
// holds on a fresh device) and differs from 2G on the test certificate, so
// that the demo shows a policy change changing a verdict.
const DefaultPolicy = "eu-3g"

// SignBundle signs the demo bundle content: the demo DSC, the revoked
// sample's UCI and country+UCI hashes, the default policies and value
// sets of verify/rules, with DefaultPolicy in force, and the SMART Health
// Card and NZ COVID Pass demo issuers and specification example issuers,
// marked as test issuers.
func (d *Data) SignBundle(seq uint64, now time.Time, ttl time.Duration) ([]byte, error) {
	var b bundle.Builder
	e := bundle.Entry{Source: "demo DSC"}
	e.KID, e.Country, e.Cert, e.Types = d.DSC.KID(), Country, d.DSC.Cert.Raw, uint8(verify.TypesFromEKU(d.DSC.Cert.UnknownExtKeyUsage))
	b.Add(&bundle.Import{Entries: []bundle.Entry{e}})
	u, cu, _ := verify.RevocationHashes(RevokedUCI, Country, nil, true)
	if err := b.Revoke(verify.HashUCI, u); err != nil {
		return nil, err
	}
	if err := b.Revoke(verify.HashCountryUCI, cu); err != nil {
		return nil, err
	}
	var err error
	if b.Rules, err = rules.MarshalSet(&rules.Set{Policies: rules.DefaultPolicies(), Default: DefaultPolicy}); err != nil {
		return nil, fmt.Errorf("demo: policies: %w", err)
	}
	if b.ValueSets, err = rules.DefaultValueSets().MarshalJSON(); err != nil {
		return nil, fmt.Errorf("demo: value sets: %w", err)
	}
	if b.SHC, b.NZCP, err = d.formatIssuers(); err != nil {
		return nil, err
	}
	return bundle.Sign(b.Payload(seq, now, ttl), d.BundleKey)
}

// The three DCC extended key usages: the demo DSC may sign every type.
var dccEKUs = []asn1.ObjectIdentifier{
	{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 1},
	{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 2},
	{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 3},
}

// makeCert signs a certificate for pub; parent nil means self-signed.
func makeCert(now time.Time, cn string, parent *x509.Certificate, parentKey *ecdsa.PrivateKey, eku []asn1.ObjectIdentifier, pub *ecdsa.PublicKey, ca bool) ([]byte, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{Country: []string{Country}, Organization: []string{"Passcheck DEMO"},
			CommonName: cn},
		// A day back so that a phone whose clock lags still accepts it.
		NotBefore:          now.Add(-24 * time.Hour).Truncate(time.Second),
		NotAfter:           now.AddDate(10, 0, 0).Truncate(time.Second),
		KeyUsage:           x509.KeyUsageDigitalSignature,
		UnknownExtKeyUsage: eku,
	}
	if ca {
		tmpl.IsCA, tmpl.BasicConstraintsValid = true, true
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	}
	if parent == nil {
		parent = tmpl
	}
	return x509.CreateCertificate(rand.Reader, tmpl, parent, pub, parentKey)
}

func loadOrCreateSigner(dir, name string, now time.Time, cn string, csca *x509.Certificate, cscaKey *ecdsa.PrivateKey) (*issue.Signer, error) {
	key, err := loadOrCreateKey(filepath.Join(dir, datadir.DemoDir, name+".key.pem"))
	if err != nil {
		return nil, err
	}
	if cscaKey == nil {
		cscaKey = key
	}
	cert, err := loadOrCreateCert(filepath.Join(dir, datadir.DemoDir, name+".pem"), func() ([]byte, error) {
		return makeCert(now, cn, csca, cscaKey, dccEKUs, &key.PublicKey, false)
	})
	if err != nil {
		return nil, err
	}
	return issue.NewSigner(cert, key)
}

// loadOrCreateKey reads an ECDSA P-256 key (PKCS#8 or SEC 1 PEM), or
// makes one and writes it with mode 0600.
func loadOrCreateKey(path string) (*ecdsa.PrivateKey, error) {
	data, _, err := datafile.Read(path, maxSmallFile)
	if errors.Is(err, os.ErrNotExist) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, err
		}
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return nil, err
		}
		pemData := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
		if err := datadir.WriteAtomic(path, pemData, 0o600); err != nil {
			return nil, err
		}
		return key, nil
	}
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return datadir.ParseKey(data, path)
}

func loadOrCreateCert(path string, create func() ([]byte, error)) (*x509.Certificate, error) {
	data, _, err := datafile.Read(path, maxSmallFile)
	if errors.Is(err, os.ErrNotExist) {
		der, err := create()
		if err != nil {
			return nil, fmt.Errorf("demo: making %s: %w", path, err)
		}
		if err := datadir.WriteAtomic(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
			return nil, err
		}
		return x509.ParseCertificate(der)
	}
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return datadir.ParseCert(data, path)
}

func writeIfChanged(path string, data []byte, mode os.FileMode) error {
	if old, _, err := datafile.Read(path, maxSmallFile); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return datadir.WriteAtomic(path, data, mode)
}
