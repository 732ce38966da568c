// Package issue makes demo and test health certificates: CWT → COSE_Sign1
// (ES256, via go-cose) → zlib → base45 → "HC1:", and their QR pictures.
//
// It signs only with DSCs that say they are for demos or tests (see
// NewSigner): Passcheck verifies certificates, it must never become a way to
// mint real ones.
package issue

import (
	"bytes"
	"compress/zlib"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/veraison/go-cose"

	"passcheck/verify"
	"passcheck/verify/base45"
)

var (
	// ErrNotDemo: the DSC is not marked as a demo or test signer.
	ErrNotDemo = errors.New("issue: refusing a DSC not marked DEMO or TEST")
	// ErrKey: the private key is not ECDSA P-256 or does not match the DSC.
	ErrKey = errors.New("issue: key must be ECDSA P-256 and match the DSC")
	// ErrClaims: the claims cannot make a certificate.
	ErrClaims = errors.New("issue: bad claims")
)

// Claims is the content of one credential.
type Claims struct {
	Issuer    string // iss: the issuing country
	IssuedAt  time.Time
	ExpiresAt time.Time
	DCC       verify.DCC
}

// Signer is a demo or test DSC with its private key.
type Signer struct {
	Cert *x509.Certificate
	Key  *ecdsa.PrivateKey
	kid  []byte
}

// demoMark is the marker a signer's subject must carry: the word DEMO or
// TEST in its common name, organisation or organisational unit.
var demoMark = regexp.MustCompile(`(?i)\b(DEMO|TEST)\b`)

// IsDemo reports whether cert is marked as a demo or test DSC.
func IsDemo(cert *x509.Certificate) bool {
	fields := append([]string{cert.Subject.CommonName}, cert.Subject.Organization...)
	fields = append(fields, cert.Subject.OrganizationalUnit...)
	for _, f := range fields {
		if demoMark.MatchString(f) {
			return true
		}
	}
	return false
}

// NewSigner checks that cert is a demo/test DSC (IsDemo) and key its ECDSA
// P-256 private key.
func NewSigner(cert *x509.Certificate, key *ecdsa.PrivateKey) (*Signer, error) {
	if !IsDemo(cert) {
		return nil, fmt.Errorf("%w: subject %q", ErrNotDemo, cert.Subject.String())
	}
	pub, ok := cert.PublicKey.(*ecdsa.PublicKey)
	if key == nil || key.Curve != elliptic.P256() || !ok || !pub.Equal(&key.PublicKey) {
		return nil, ErrKey
	}
	return &Signer{Cert: cert, Key: key, kid: verify.KIDFromDER(cert.Raw)}, nil
}

// KID is the signer's HCERT key identifier.
func (s *Signer) KID() []byte { return bytes.Clone(s.kid) }

// Credential is one issued certificate at each stage.
type Credential struct {
	Text string // "HC1:..."
	COSE []byte // the signed COSE_Sign1
}

// cwt is the HCERT CWT claims set.
type cwt struct {
	Iss string `cbor:"1,keyasint,omitempty"`
	Exp int64  `cbor:"4,keyasint"`
	Iat int64  `cbor:"6,keyasint"`
	// The DCC is encoded with its JSON field names (fxamacker/cbor falls
	// back to json tags), as the HCERT payload wants.
	HCert map[int]*verify.DCC `cbor:"-260,keyasint"`
}

var encMode, _ = cbor.CoreDetEncOptions().EncMode()

// Sign issues c as a credential.
func (s *Signer) Sign(c *Claims) (*Credential, error) {
	if c.DCC.Type() == 0 {
		return nil, fmt.Errorf("%w: want exactly one vaccination, test or recovery entry", ErrClaims)
	}
	if !c.ExpiresAt.After(c.IssuedAt) {
		return nil, fmt.Errorf("%w: expiry not after issue time", ErrClaims)
	}
	dcc := c.DCC
	payload, err := encMode.Marshal(cwt{
		Iss:   c.Issuer,
		Exp:   c.ExpiresAt.Unix(),
		Iat:   c.IssuedAt.Unix(),
		HCert: map[int]*verify.DCC{1: &dcc},
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrClaims, err)
	}
	signer, err := cose.NewSigner(cose.AlgorithmES256, s.Key)
	if err != nil {
		return nil, fmt.Errorf("issue: %w", err)
	}
	h := cose.Headers{Protected: cose.ProtectedHeader{
		cose.HeaderLabelAlgorithm: cose.AlgorithmES256,
		cose.HeaderLabelKeyID:     s.kid,
	}}
	msg, err := cose.Sign1(rand.Reader, signer, h, payload, nil)
	if err != nil {
		return nil, fmt.Errorf("issue: signing: %w", err)
	}
	text, err := Encode(msg)
	if err != nil {
		return nil, err
	}
	return &Credential{Text: text, COSE: msg}, nil
}

// Encode wraps COSE bytes for a QR code: zlib, base45 and the "HC1:" prefix.
func Encode(coseMsg []byte) (string, error) {
	var z bytes.Buffer
	w, err := zlib.NewWriterLevel(&z, zlib.BestCompression)
	if err != nil {
		return "", err
	}
	if _, err := w.Write(coseMsg); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return "HC1:" + base45.Encode(z.Bytes()), nil
}

// QR picture parameters: error correction Q survives a scuffed screen or
// print, 6 pixels per module suit a phone camera at arm's length, and the
// quiet zone is the standard's 4 modules.
const (
	pixelsPerModule = 6
	quietZone       = 4
)

// PNG draws text as a QR code.
func PNG(text string) ([]byte, error) {
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0,
		map[gozxing.EncodeHintType]any{
			gozxing.EncodeHintType_ERROR_CORRECTION: "Q",
			gozxing.EncodeHintType_MARGIN:           quietZone,
		})
	if err != nil {
		return nil, fmt.Errorf("issue: QR: %w", err)
	}
	w, h := m.GetWidth(), m.GetHeight()
	img := image.NewGray(image.Rect(0, 0, w*pixelsPerModule, h*pixelsPerModule))
	for y := 0; y < h*pixelsPerModule; y++ {
		for x := 0; x < w*pixelsPerModule; x++ {
			c := color.Gray{255}
			if m.Get(x/pixelsPerModule, y/pixelsPerModule) {
				c = color.Gray{0}
			}
			img.SetGray(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
