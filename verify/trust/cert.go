package trust

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"

	"passcheck/verify"
)

// ErrCertificate: a DSC certificate does not parse, even leniently.
var ErrCertificate = errors.New("trust: bad DSC certificate")

// KeyFromDER makes a Key of a DER DSC certificate. Certificates that
// crypto/x509 parses go through verify.KeyFromCertificate. Real DSCs in
// circulation (five of Lebanon's in the German list) have negative serial
// numbers, which crypto/x509 rejects since Go 1.23; for those only, a minimal
// parse takes the public key, validity, subject country and DCC key usage
// from the DER, and the Key has no Cert. Nothing else is relaxed.
func KeyFromDER(der []byte) (*verify.Key, error) {
	c, err := x509.ParseCertificate(der)
	if err == nil {
		return verify.KeyFromCertificate(c), nil
	}
	k, lerr := parseNegativeSerial(der)
	if lerr != nil {
		return nil, fmt.Errorf("%w: %v", ErrCertificate, err)
	}
	return k, nil
}

type rawCert struct {
	TBS       rawTBS
	SigAlg    asn1.RawValue
	Signature asn1.BitString
}

type rawTBS struct {
	Version    int `asn1:"optional,explicit,default:0,tag:0"`
	Serial     *big.Int
	SigAlg     asn1.RawValue
	Issuer     asn1.RawValue
	Validity   struct{ NotBefore, NotAfter time.Time }
	Subject    asn1.RawValue
	PublicKey  asn1.RawValue
	IssuerUID  asn1.BitString   `asn1:"optional,tag:1"`
	SubjectUID asn1.BitString   `asn1:"optional,tag:2"`
	Extensions []pkix.Extension `asn1:"optional,explicit,tag:3"`
}

var oidExtKeyUsage = asn1.ObjectIdentifier{2, 5, 29, 37}

func parseNegativeSerial(der []byte) (*verify.Key, error) {
	var c rawCert
	rest, err := asn1.Unmarshal(der, &c)
	if err != nil || len(rest) != 0 {
		return nil, errors.New("not a certificate")
	}
	if c.TBS.Serial == nil || c.TBS.Serial.Sign() >= 0 {
		return nil, errors.New("not the negative-serial case")
	}
	pub, err := x509.ParsePKIXPublicKey(c.TBS.PublicKey.FullBytes)
	if err != nil {
		return nil, err
	}
	var subject pkix.RDNSequence
	if rest, err := asn1.Unmarshal(c.TBS.Subject.FullBytes, &subject); err != nil || len(rest) != 0 {
		return nil, errors.New("bad subject")
	}
	var name pkix.Name
	name.FillFromRDNSequence(&subject)
	// Reuse TypesFromEKU by handing it the unknown EKU OIDs it reads.
	var eku x509.Certificate
	for _, e := range c.TBS.Extensions {
		if !e.Id.Equal(oidExtKeyUsage) {
			continue
		}
		var oids []asn1.ObjectIdentifier
		if rest, err := asn1.Unmarshal(e.Value, &oids); err != nil || len(rest) != 0 {
			return nil, errors.New("bad extended key usage")
		}
		eku.UnknownExtKeyUsage = oids
	}
	k := &verify.Key{
		KID:       verify.KIDFromDER(der),
		Public:    pub,
		Types:     verify.TypesFromEKU(&eku),
		NotBefore: c.TBS.Validity.NotBefore,
		NotAfter:  c.TBS.Validity.NotAfter,
	}
	if len(name.Country) > 0 {
		k.Country = name.Country[0]
	}
	return k, nil
}
