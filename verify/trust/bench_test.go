package trust_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"

	"passcheck/verify"
	"passcheck/verify/trust"
)

// bigBundle is a bundle of n DSCs shaped like real ones: P-256 DSCs signed by
// a CSCA, with a subject, validity and the DCC extended key usages.
func bigBundle(tb testing.TB, n int) (data []byte, pinned []crypto.PublicKey, kids [][]byte) {
	tb.Helper()
	csca := newKey(tb)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), IsCA: true, BasicConstraintsValid: true,
		Subject:   pkix.Name{Country: []string{"XD"}, Organization: []string{"Bench Ministry of Health"}, CommonName: "CSCA BENCH"},
		NotBefore: t0.AddDate(-1, 0, 0), NotAfter: t0.AddDate(10, 0, 0), KeyUsage: x509.KeyUsageCertSign}
	p := &trust.Payload{Version: trust.Version, Seq: 1, IssuedAt: t0.Unix(), ExpiresAt: t0.Unix() + 72*3600}
	for i := 0; i < n; i++ {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			tb.Fatal(err)
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(int64(i + 2)),
			Subject: pkix.Name{Country: []string{"XD"}, Organization: []string{"Bench Ministry of Health"},
				OrganizationalUnit: []string{"Digital COVID Certificates"}, CommonName: "DSC BENCH"},
			NotBefore: t0.AddDate(-1, 0, 0), NotAfter: t0.AddDate(2, 0, 0),
			KeyUsage: x509.KeyUsageDigitalSignature,
			UnknownExtKeyUsage: []asn1.ObjectIdentifier{{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 1},
				{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 2}, {1, 3, 6, 1, 4, 1, 1847, 2021, 1, 3}},
			CRLDistributionPoints: []string{"http://crl.example.invalid/bench.crl"},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, caTmpl, &key.PublicKey, csca)
		if err != nil {
			tb.Fatal(err)
		}
		kid := verify.KIDFromDER(der)
		kids = append(kids, kid)
		p.DSCs = append(p.DSCs, trust.DSC{KID: kid, Country: "XD", Cert: der, Types: uint8(verify.AllTypes)})
	}
	bk := newKey(tb)
	return sign(tb, p, bk), []crypto.PublicKey{&bk.PublicKey}, kids
}

var bench struct {
	once   sync.Once
	data   []byte
	pinned []crypto.PublicKey
	kids   [][]byte
	brotli int // size at quality 11
}

func bench2000(b *testing.B) ([]byte, []crypto.PublicKey, [][]byte) {
	bench.once.Do(func() {
		bench.data, bench.pinned, bench.kids = bigBundle(b, 2000)
		var z bytes.Buffer
		w := brotli.NewWriterLevel(&z, brotli.BestCompression)
		w.Write(bench.data)
		w.Close()
		bench.brotli = z.Len()
	})
	return bench.data, bench.pinned, bench.kids
}

// BenchmarkOpen2000 is what a device does with a fetched bundle: check the
// signature, decode, index by kid. It also reports the bundle's size raw
// and brotli-compressed (quality 11, as served).
func BenchmarkOpen2000(b *testing.B) {
	data, pinned, _ := bench2000(b)
	for b.Loop() {
		if _, err := trust.Open(data, pinned, 0, t0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "raw-bytes")
	b.ReportMetric(float64(bench.brotli), "brotli-bytes")
}

// BenchmarkOpenParseAll2000 adds parsing every certificate (what Open
// defers to the first lookup of each kid).
func BenchmarkOpenParseAll2000(b *testing.B) {
	data, pinned, _ := bench2000(b)
	for b.Loop() {
		bd, err := trust.Open(data, pinned, 0, t0)
		if err != nil {
			b.Fatal(err)
		}
		if len(bd.Keys()) != 2000 {
			b.Fatal("keys lost")
		}
	}
}

// BenchmarkFirstLookup is one door check's share: the first lookup of a kid
// in a freshly opened bundle, which parses that DSC.
func BenchmarkFirstLookup(b *testing.B) {
	data, pinned, kids := bench2000(b)
	bd, err := trust.Open(data, pinned, 0, t0)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		bd, _ = trust.Open(data, pinned, 0, t0)
		b.StartTimer()
		if len(bd.Lookup(kids[1000])) != 1 {
			b.Fatal("lookup failed")
		}
	}
}
