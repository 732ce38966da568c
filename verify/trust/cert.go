package trust

import (
	"crypto"
	"errors"
	"fmt"

	"passcheck/verify"
	"passcheck/verify/internal/der"
)

// ErrCertificate: a DSC certificate or public key does not parse.
var ErrCertificate = errors.New("trust: bad DSC certificate")

// KeyFromDER makes a Key of a DER DSC certificate: kid from the DER,
// country from the subject (C=), types from the extended key usage,
// validity from the certificate's window.
//
// The parser (verify/internal/der) is strict DER and checks the whole
// certificate's form, but it accepts negative serial numbers: crypto/x509
// refuses them since Go 1.23, and real DSCs in circulation (five of
// Lebanon's in the German list) carry them.
func KeyFromDER(b []byte) (*verify.Key, error) {
	c, err := der.ParseCertificate(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCertificate, err)
	}
	return &verify.Key{
		KID:       verify.KIDFromDER(c.Raw),
		Country:   c.Country,
		Public:    c.Public,
		Cert:      c.Raw,
		Types:     verify.TypesFromEKU(c.EKU),
		NotBefore: c.NotBefore,
		NotAfter:  c.NotAfter,
	}, nil
}

// ParseSPKI parses a DER SubjectPublicKeyInfo as a bundle's SPKI entries
// are read: an ECDSA key on P-256, P-384 or P-521, or an RSA key. The
// bundle builder reads key lists with it so that it only signs keys the
// app can read.
func ParseSPKI(b []byte) (crypto.PublicKey, error) {
	pub, err := der.ParsePublicKey(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCertificate, err)
	}
	return pub, nil
}
