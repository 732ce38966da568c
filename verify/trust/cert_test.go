package trust_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"passcheck/internal/dgctestdata"
	"passcheck/verify"
	"passcheck/verify/internal/der"
	"passcheck/verify/trust"
)

// realCert is a real DSC certificate from the project's test data.
type realCert struct {
	name string
	der  []byte
}

// realCerts reads every DSC certificate in testdata: the German and
// Austrian trust lists and the signer certificates of the dgc-testdata
// vectors (deduplicated).
func realCerts(tb testing.TB) []realCert {
	tb.Helper()
	var certs []realCert
	seen := map[string]bool{}
	add := func(name string, b []byte) {
		if !seen[string(b)] {
			seen[string(b)] = true
			certs = append(certs, realCert{name, b})
		}
	}
	for _, list := range []string{"trustlist_de.json", "trustlist_at.json"} {
		data, err := os.ReadFile("../../testdata/trustlists/" + list)
		if err != nil {
			tb.Fatal(err)
		}
		var l struct {
			Certificates []struct{ KID, RawData string }
		}
		if err := json.Unmarshal(data, &l); err != nil {
			tb.Fatal(err)
		}
		for i, c := range l.Certificates {
			b, err := base64.StdEncoding.DecodeString(c.RawData)
			if err != nil {
				tb.Fatalf("%s[%d]: %v", list, i, err)
			}
			add(fmt.Sprintf("%s[%d] kid=%s", list, i, c.KID), b)
		}
	}
	vectors, err := dgctestdata.Load("../../testdata/dgc-testdata")
	if err != nil {
		tb.Fatal(err)
	}
	for _, v := range vectors {
		if v.Context.Certificate == "" {
			continue
		}
		b, err := v.CertificateDER()
		if err != nil {
			tb.Fatalf("%s: %v", v.Path, err)
		}
		add(strings.TrimPrefix(v.Path, "../../testdata/"), b)
	}
	return certs
}

// x509Refuses lists the real DSCs that crypto/x509 refuses and KeyFromDER
// reads on purpose, by the reason crypto/x509 gives. Only negative serial
// numbers: RFC 5280 forbids them, Go refuses them since 1.23, and Lebanon
// issued DSCs with them that the EU gateway distributes.
var x509Refuses = map[string]int{
	"x509: negative serial number": 5,
}

// keyFromDERRefuses lists the real DSCs that crypto/x509 reads and
// KeyFromDER refuses, by the start of KeyFromDER's error, with why.
var keyFromDERRefuses = map[string]int{}

// TestKeyFromDERAgainstX509 checks the strict parser against crypto/x509
// on every real DSC in testdata: same public key, validity, country, types
// and kid wherever both read it, and every disagreement one of those
// listed above, each by its exact count.
func TestKeyFromDERAgainstX509(t *testing.T) {
	certs := realCerts(t)
	if len(certs) < 890 {
		t.Fatalf("%d certificates; the lists and vectors hold 898 distinct ones", len(certs))
	}
	refused, refusedByUs := map[string]int{}, map[string]int{}
	both := 0
	for _, c := range certs {
		k, err := trust.KeyFromDER(c.der)
		xc, xerr := x509.ParseCertificate(c.der)
		switch {
		case err != nil && xerr != nil:
			t.Errorf("%s: both refuse: %v; x509: %v", c.name, err, xerr)
		case xerr != nil:
			refused[xerr.Error()]++
			if len(k.KID) != 8 || k.Public == nil || k.NotAfter.IsZero() {
				t.Errorf("%s: incomplete key %+v", c.name, k)
			}
		case err != nil:
			refusedByUs[reasonOf(err)]++
			t.Logf("%s: x509 reads it, KeyFromDER: %v", c.name, err)
		default:
			both++
			if d := diffX509(k, xc); d != "" {
				t.Errorf("%s: %s", c.name, d)
			}
		}
	}
	t.Logf("%d certificates: %d read by both, %d only by KeyFromDER, %d only by x509", len(certs), both,
		sum(refused), sum(refusedByUs))
	checkCounts(t, "crypto/x509 refuses", refused, x509Refuses)
	checkCounts(t, "KeyFromDER refuses", refusedByUs, keyFromDERRefuses)
}

// diffX509 compares a Key with what crypto/x509 reads of the same DER.
func diffX509(k *verify.Key, c *x509.Certificate) string {
	pub, ok := k.Public.(interface{ Equal(crypto.PublicKey) bool })
	country := ""
	if len(c.Subject.Country) > 0 {
		country = c.Subject.Country[0]
	}
	switch {
	case !ok || !pub.Equal(c.PublicKey):
		return fmt.Sprintf("public key %T differs from x509's %T", k.Public, c.PublicKey)
	case !k.NotBefore.Equal(c.NotBefore) || !k.NotAfter.Equal(c.NotAfter):
		return fmt.Sprintf("validity %v–%v, x509 %v–%v", k.NotBefore, k.NotAfter, c.NotBefore, c.NotAfter)
	case k.Country != country:
		return fmt.Sprintf("country %q, x509 %q", k.Country, country)
	case k.Types != verify.TypesFromEKU(c.UnknownExtKeyUsage):
		return fmt.Sprintf("types %v, x509's EKU gives %v", k.Types, verify.TypesFromEKU(c.UnknownExtKeyUsage))
	case !bytes.Equal(k.KID, verify.KIDFromDER(c.Raw)) || !bytes.Equal(k.Cert, c.Raw):
		return "kid or DER differs"
	}
	return ""
}

// reasonOf is a parse error without its offset, for counting.
func reasonOf(err error) string {
	var e *der.Error
	if errors.As(err, &e) {
		return e.Field + ": " + e.Reason
	}
	return err.Error()
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func checkCounts(t *testing.T, what string, got, want map[string]int) {
	t.Helper()
	keys := map[string]bool{}
	for k := range got {
		keys[k] = true
	}
	for k := range want {
		keys[k] = true
	}
	var sorted []string
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		if got[k] != want[k] {
			t.Errorf("%s %q: %d certificates, want %d", what, k, got[k], want[k])
		}
	}
}

// TestParsePublicKeyAgainstX509 checks the SubjectPublicKeyInfo reader
// against crypto/x509 on every real key: the Dutch key file's and those of
// every real certificate. The bundle carries the Dutch ones as bare SPKI.
func TestParsePublicKeyAgainstX509(t *testing.T) {
	var spkis [][]byte
	data, err := os.ReadFile("../../testdata/trustlists/trustlist_nl.raw.keys.json")
	if err != nil {
		t.Fatal(err)
	}
	var nl struct {
		EUKeys map[string][]struct{ SubjectPK string } `json:"eu_keys"`
	}
	if err := json.Unmarshal(data, &nl); err != nil {
		t.Fatal(err)
	}
	for _, ks := range nl.EUKeys {
		for _, k := range ks {
			b, err := base64.StdEncoding.DecodeString(k.SubjectPK)
			if err != nil {
				t.Fatal(err)
			}
			spkis = append(spkis, b)
		}
	}
	dutch := len(spkis)
	for _, c := range realCerts(t) {
		if xc, err := x509.ParseCertificate(c.der); err == nil {
			spkis = append(spkis, xc.RawSubjectPublicKeyInfo)
		}
	}
	kinds := map[string]int{}
	for i, b := range spkis {
		pub, err := der.ParsePublicKey(b)
		xpub, xerr := x509.ParsePKIXPublicKey(b)
		if err != nil || xerr != nil {
			t.Errorf("key %d: %v; x509: %v", i, err, xerr)
			continue
		}
		if !pub.(interface{ Equal(crypto.PublicKey) bool }).Equal(xpub) {
			t.Errorf("key %d: %T differs from x509's %T", i, pub, xpub)
		}
		kinds[keyKind(pub)]++
	}
	t.Logf("%d keys (%d Dutch): %v", len(spkis), dutch, kinds)
	if dutch < 200 || kinds["RSA"] == 0 || kinds["P-256"] == 0 {
		t.Fatalf("%d Dutch keys, kinds %v: the test data should hold hundreds of keys, RSA and P-256", dutch, kinds)
	}
}

func keyKind(pub crypto.PublicKey) string {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		return k.Curve.Params().Name
	case *rsa.PublicKey:
		return "RSA"
	}
	return fmt.Sprintf("%T", pub)
}

// BenchmarkParseDSC parses every real DSC in testdata once per op, with
// KeyFromDER and with crypto/x509 (which refuses the 5 negative serials).
func BenchmarkParseDSC(b *testing.B) {
	certs := realCerts(b)
	b.Run("KeyFromDER", func(b *testing.B) {
		for b.Loop() {
			for _, c := range certs {
				trust.KeyFromDER(c.der)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(certs)), "ns/cert")
	})
	b.Run("x509.ParseCertificate", func(b *testing.B) {
		for b.Loop() {
			for _, c := range certs {
				x509.ParseCertificate(c.der)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(certs)), "ns/cert")
	})
}
