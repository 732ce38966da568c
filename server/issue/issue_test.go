package issue_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"image/png"
	"math/big"
	"strings"
	"testing"
	"time"

	"passcheck/server/issue"
	"passcheck/verify"
	"passcheck/verify/qr"
	"passcheck/verify/trust"
)

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func dsc(t testing.TB, subject pkix.Name, curve elliptic.Curve) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(curve, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: subject,
		NotBefore: t0.Add(-time.Hour), NotAfter: t0.AddDate(1, 0, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return c, key
}

func TestIsDemo(t *testing.T) {
	for _, tc := range []struct {
		name pkix.Name
		want bool
	}{
		{pkix.Name{CommonName: "Passcheck DEMO DSC"}, true},
		{pkix.Name{Organization: []string{"Acme Test Lab"}}, true},
		{pkix.Name{OrganizationalUnit: []string{"demo"}}, true},
		{pkix.Name{CommonName: "DSC-TEST-01"}, true},
		{pkix.Name{CommonName: "Health DSC", Organization: []string{"Ministry of Health"}}, false},
		{pkix.Name{CommonName: "Demographics DSC"}, false}, // a word, not a substring
		{pkix.Name{CommonName: "Contest"}, false},
		{pkix.Name{Country: []string{"XD"}, Locality: []string{"DEMO"}}, false}, // only CN, O, OU count
	} {
		c, _ := dsc(t, tc.name, elliptic.P256())
		if got := issue.IsDemo(c); got != tc.want {
			t.Errorf("IsDemo(%v) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNewSignerRefuses(t *testing.T) {
	real, realKey := dsc(t, pkix.Name{CommonName: "Health DSC"}, elliptic.P256())
	demo, demoKey := dsc(t, pkix.Name{CommonName: "DEMO DSC"}, elliptic.P256())
	_, otherKey := dsc(t, pkix.Name{CommonName: "DEMO DSC"}, elliptic.P256())
	p384, p384Key := dsc(t, pkix.Name{CommonName: "DEMO DSC"}, elliptic.P384())
	if _, err := issue.NewSigner(real, realKey); !errors.Is(err, issue.ErrNotDemo) {
		t.Errorf("real DSC: %v", err)
	}
	if _, err := issue.NewSigner(demo, otherKey); !errors.Is(err, issue.ErrKey) {
		t.Errorf("mismatched key: %v", err)
	}
	if _, err := issue.NewSigner(p384, p384Key); !errors.Is(err, issue.ErrKey) {
		t.Errorf("P-384: %v", err)
	}
	if _, err := issue.NewSigner(demo, nil); !errors.Is(err, issue.ErrKey) {
		t.Errorf("nil key: %v", err)
	}
	if _, err := issue.NewSigner(demo, demoKey); err != nil {
		t.Errorf("demo DSC: %v", err)
	}
}

func recovery() verify.DCC {
	return verify.DCC{Ver: "1.3.0", Nam: verify.Name{FN: "DEMO", FNT: "DEMO"}, DOB: "1990",
		R: []verify.RecoveryEntry{{TG: "840539006", FR: "2026-10-01", DF: "2026-10-12", DU: "2027-03-30",
			CO: "XD", IS: "DEMO", CI: "URN:UVCI:01:XD:R1"}}}
}

// Issued credentials verify with the real verifier, and their PNG reads
// back to the same text.
func TestSignVerifies(t *testing.T) {
	c, key := dsc(t, pkix.Name{CommonName: "DEMO DSC", Country: []string{"XD"}}, elliptic.P256())
	s, err := issue.NewSigner(c, key)
	if err != nil {
		t.Fatal(err)
	}
	cred, err := s.Sign(&issue.Claims{Issuer: "XD", IssuedAt: t0, ExpiresAt: t0.AddDate(0, 6, 0), DCC: recovery()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(cred.Text, "HC1:") {
		t.Fatalf("text %.10q", cred.Text)
	}
	k, err := trust.KeyFromDER(c.Raw)
	if err != nil {
		t.Fatal(err)
	}
	v := verify.Verifier{Trust: verify.NewKeySet(k)}
	r := v.Verify(cred.Text, t0.Add(time.Hour))
	got, ok := r.Verified()
	if !ok || got.DCC.R[0].CI != "URN:UVCI:01:XD:R1" || got.Issuer != "XD" || !got.ExpiresAt.Equal(t0.AddDate(0, 6, 0)) {
		t.Fatalf("verdict %v, err %v", r.Verdict, r.Err)
	}
	if !bytes.Equal(r.KID, s.KID()) {
		t.Fatal("kid")
	}
	img, err := issue.PNG(cred.Text)
	if err != nil {
		t.Fatal(err)
	}
	pic, err := png.Decode(bytes.NewReader(img))
	if err != nil {
		t.Fatal(err)
	}
	if text, err := qr.DecodeImage(pic); err != nil || text != cred.Text {
		t.Fatalf("QR reads %.20q, %v", text, err)
	}
	if w := pic.Bounds().Dx(); w%6 != 0 || w < 6*(21+8) {
		t.Fatalf("picture %d px wide: want 6 px per module with a quiet zone", w)
	}
}

func TestSignRejectsBadClaims(t *testing.T) {
	c, key := dsc(t, pkix.Name{CommonName: "DEMO DSC"}, elliptic.P256())
	s, _ := issue.NewSigner(c, key)
	two := recovery()
	two.V = []verify.VaccinationEntry{{}}
	for name, cl := range map[string]issue.Claims{
		"no entry":          {IssuedAt: t0, ExpiresAt: t0.Add(time.Hour), DCC: verify.DCC{Ver: "1.3.0"}},
		"two kinds":         {IssuedAt: t0, ExpiresAt: t0.Add(time.Hour), DCC: two},
		"exp not after iat": {IssuedAt: t0, ExpiresAt: t0, DCC: recovery()},
	} {
		if _, err := s.Sign(&cl); !errors.Is(err, issue.ErrClaims) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func ExampleSigner_Sign() {
	// A demo DSC (its subject says DEMO) and its key.
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1),
		Subject:   pkix.Name{CommonName: "Example DEMO DSC", Country: []string{"XD"}},
		NotBefore: t0.Add(-time.Hour), NotAfter: t0.AddDate(1, 0, 0)}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	cert, _ := x509.ParseCertificate(der)

	s, err := issue.NewSigner(cert, key)
	if err != nil {
		panic(err)
	}
	cred, err := s.Sign(&issue.Claims{Issuer: "XD", IssuedAt: t0, ExpiresAt: t0.AddDate(0, 6, 0), DCC: recovery()})
	if err != nil {
		panic(err)
	}
	k, err := trust.KeyFromDER(cert.Raw)
	if err != nil {
		panic(err)
	}
	r := (&verify.Verifier{Trust: verify.NewKeySet(k)}).Verify(cred.Text, t0)
	fmt.Println(cred.Text[:4], r.Verdict)
	// Output: HC1: valid
}
